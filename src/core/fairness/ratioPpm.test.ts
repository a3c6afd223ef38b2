import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ratioPpm } from "./ratioPpm.ts";

describe("ratioPpm", () => {
  it("rounds to the nearest millionth, halves up", () => {
    assert.equal(ratioPpm(1n, 3n), 333_333);
    assert.equal(ratioPpm(2n, 3n), 666_667);
    assert.equal(ratioPpm(1n, 2_000_000n), 1); // exactly half a ppm
    assert.equal(ratioPpm(1n, 2_000_001n), 0);
    assert.equal(ratioPpm(7n, 7n), 1_000_000);
    assert.equal(ratioPpm(0n, 5n), 0);
  });
});
