import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { averageRanks } from "./averageRanks.ts";

describe("averageRanks", () => {
  it("ranks from 1, ties sharing their mean rank", () => {
    assert.deepEqual(averageRanks([10, 30, 20, 20]), [1, 4, 2.5, 2.5]);
    assert.deepEqual(averageRanks([5, 5, 5]), [2, 2, 2]);
    assert.deepEqual(averageRanks([]), []);
  });
});
