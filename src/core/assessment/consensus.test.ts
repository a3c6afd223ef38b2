import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Hex } from "viem";
import { consensus, IncomparableReplicas } from "./consensus.ts";
import type { Verdict } from "./verdict.ts";

const verdict = (overall: number, contributionId: Hex = "0x01"): Verdict => ({
  contributionId,
  evaluator: { id: "guild/signals", version: "1" },
  inputHash: "0x02",
  scores: [{ criterion: "impact", score: overall, reason: `scored ${overall}` }],
  overall,
  flags: [],
});

describe("consensus", () => {
  it("accepts identical replicas unanimously", () => {
    const c = consensus([verdict(60), verdict(60), verdict(60)]);
    assert.equal(c.verdict.overall, 60);
    assert.equal(c.agreeing, 3);
    assert.deepEqual(c.outliers, []);
  });

  it("takes the median and names the replica that cheated", () => {
    const c = consensus([verdict(60), verdict(99), verdict(61)], 2);
    assert.equal(c.verdict.overall, 61);
    assert.deepEqual(c.outliers, [1]);
    assert.equal(c.agreeing, 1);
  });

  it("refuses replicas about different contributions", () => {
    assert.throws(() => consensus([verdict(1), verdict(1, "0x03")]), IncomparableReplicas);
    assert.throws(() => consensus([]), IncomparableReplicas);
  });
});
