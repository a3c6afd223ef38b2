import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import { fitSimplexWeights, simplexLogWeights } from "./fitSimplexWeights.ts";
import type { JurorPair } from "./jurorPair.ts";
import { pairwiseAccuracy } from "./pairwiseAccuracy.ts";

/** Pairs a juror who values items by `truth` weights would state, over every pair of items. */
function statedPairs(features: Map<string, number[]>, truth: number[]): JurorPair[] {
  const logs = simplexLogWeights(features, truth);
  const items = [...features.keys()];
  const pairs: JurorPair[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as string;
      const b = items[j] as string;
      const ratio = (logs.get(b) as number) - (logs.get(a) as number);
      pairs.push({
        juror: `j${(i + j) % 3}`,
        a,
        b,
        winner: ratio >= 0 ? "b" : "a",
        multiplier: Math.exp(Math.abs(ratio)),
      });
    }
  }
  return pairs;
}

describe("fitSimplexWeights", () => {
  it("recovers the weights a juror values by, from an even prior, when the ratios are within the clip", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 20, max: 100 }), { minLength: 3, maxLength: 3 }), {
          minLength: 8,
          maxLength: 16,
        }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 3, maxLength: 3 }),
        (rows, raw) => {
          const features = new Map(rows.map((r, i) => [`i${i}`, r]));
          const total = raw.reduce((a, b) => a + b, 0);
          const truth = raw.map((x) => x / total);
          const pairs = statedPairs(features, truth);
          const w = fitSimplexWeights(features, pairs, {
            prior: [1 / 3, 1 / 3, 1 / 3],
            ridge: 0,
            steps: 3_000,
          });
          assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-9);
          assert.ok(w.every((x) => x >= 0));
          // The fitted weights explain the pairs as well as the truth does.
          const accuracy = pairwiseAccuracy(simplexLogWeights(features, w), pairs).accuracy;
          assert.ok(accuracy >= pairwiseAccuracy(simplexLogWeights(features, truth), pairs).accuracy - 0.05);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("stays at the prior with no pairs, and moves toward a criterion jurors reward", () => {
    const features = new Map([
      ["x", [90, 10]],
      ["y", [10, 90]],
      ["z", [50, 50]],
    ]);
    assert.deepEqual(fitSimplexWeights(features, [], { prior: [0.5, 0.5] }), [0.5, 0.5]);
    const pairs: JurorPair[] = [
      { juror: "j", a: "x", b: "y", winner: "b", multiplier: 4 },
      { juror: "j", a: "z", b: "y", winner: "b", multiplier: 2 },
      { juror: "k", a: "x", b: "z", winner: "b", multiplier: 2 },
    ];
    const [first, second] = fitSimplexWeights(features, pairs, { prior: [0.5, 0.5], ridge: 0.01 });
    assert.ok((second as number) > 0.6 && (first as number) < 0.4);
  });

  it("refuses a prior that is not a distribution and features it cannot use", () => {
    const features = new Map([["x", [1, 2]]]);
    assert.throws(() => fitSimplexWeights(features, [], { prior: [0.5, 0.6] }), InvalidCalibrationInput);
    assert.throws(
      () => fitSimplexWeights(new Map([["x", [1, -2]]]), [], { prior: [0.5, 0.5] }),
      InvalidCalibrationInput,
    );
    const pair: JurorPair = { juror: "j", a: "x", b: "nope", winner: "a", multiplier: 2 };
    assert.throws(() => fitSimplexWeights(features, [pair], { prior: [0.5, 0.5] }), InvalidCalibrationInput);
  });
});
