import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput, UnknownPairItem } from "./calibrationErrors.ts";
import type { JurorPair } from "./jurorPair.ts";
import { pairwiseAccuracy } from "./pairwiseAccuracy.ts";

const items = ["p", "q", "r", "s", "t"];
const pairArb = fc
  .tuple(
    fc.constantFrom(...items),
    fc.constantFrom(...items),
    fc.boolean(),
    fc.double({ min: 1, max: 100, noNaN: true }),
  )
  .filter(([a, b]) => a !== b)
  .map(
    ([a, b, bWins, multiplier]): JurorPair => ({ juror: "j", a, b, winner: bWins ? "b" : "a", multiplier }),
  );
const weightsArb = fc.array(fc.integer({ min: -3, max: 3 }), {
  minLength: items.length,
  maxLength: items.length,
});
const toMap = (w: readonly number[]) => new Map(items.map((it, i) => [it, w[i] as number]));

describe("pairwiseAccuracy", () => {
  it("counts a win for the higher weight and half for a tie", () => {
    const pairs: JurorPair[] = [
      { juror: "j", a: "p", b: "q", winner: "b", multiplier: 2 },
      { juror: "j", a: "p", b: "r", winner: "b", multiplier: 2 },
      { juror: "j", a: "q", b: "r", winner: "a", multiplier: 1 },
    ];
    const result = pairwiseAccuracy(
      new Map([
        ["p", 0],
        ["q", 1],
        ["r", 1],
      ]),
      pairs,
    );
    assert.deepEqual(result, { accuracy: 2.5 / 3, correct: 2, ties: 1, pairs: 3 });
    assert.ok(Number.isNaN(pairwiseAccuracy(new Map(), []).accuracy));
  });

  it("lies in [0, 1], flips to 1 − itself when the weights are reversed, and ignores monotone transforms", () => {
    fc.assert(
      fc.property(weightsArb, fc.array(pairArb, { minLength: 1, maxLength: 30 }), (w, pairs) => {
        const result = pairwiseAccuracy(toMap(w), pairs);
        assert.ok(result.accuracy >= 0 && result.accuracy <= 1);
        const reversed = pairwiseAccuracy(toMap(w.map((v) => -v)), pairs);
        assert.ok(Math.abs(reversed.accuracy - (1 - result.accuracy)) < 1e-12);
        const stretched = pairwiseAccuracy(toMap(w.map((v) => v ** 3 + 7)), pairs);
        assert.deepEqual(stretched, result);
      }),
    );
  });

  it("refuses an item with no weight, and a weight that is not finite", () => {
    const pair: JurorPair = { juror: "j", a: "p", b: "z", winner: "a", multiplier: 2 };
    assert.throws(() => pairwiseAccuracy(new Map([["p", 0]]), [pair]), UnknownPairItem);
    assert.throws(
      () =>
        pairwiseAccuracy(
          new Map([
            ["p", Math.log(0)],
            ["z", 0],
          ]),
          [pair],
        ),
      InvalidCalibrationInput,
    );
  });
});
