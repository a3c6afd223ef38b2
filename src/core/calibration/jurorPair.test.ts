import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { pairLogRatio } from "./jurorPair.ts";

describe("pairLogRatio", () => {
  it("is +ln m when b wins and −ln m when a wins", () => {
    assert.equal(pairLogRatio({ juror: "j", a: "x", b: "y", winner: "b", multiplier: Math.E }), 1);
    assert.equal(pairLogRatio({ juror: "j", a: "x", b: "y", winner: "a", multiplier: Math.E ** 2 }), -2);
    assert.equal(pairLogRatio({ juror: "j", a: "x", b: "y", winner: "a", multiplier: 1 }), -0);
  });

  it("changes sign when the pair is written the other way round", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.boolean(), (multiplier, bWins) => {
        const pair = { juror: "j", a: "x", b: "y", winner: bWins ? "b" : "a", multiplier } as const;
        const swapped = { juror: "j", a: "y", b: "x", winner: bWins ? "a" : "b", multiplier } as const;
        assert.equal(pairLogRatio(swapped), -pairLogRatio(pair));
      }),
    );
  });
});
