import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCount } from "./formatCount.ts";

describe("formatCount", () => {
  it("groups thousands with commas, whatever the machine's locale", () => {
    assert.equal(formatCount(0), "0");
    assert.equal(formatCount(999), "999");
    assert.equal(formatCount(1238), "1,238");
    assert.equal(formatCount(-1_000_000), "-1,000,000");
    assert.equal(formatCount(Number.MAX_SAFE_INTEGER), "9,007,199,254,740,991");
  });
});
