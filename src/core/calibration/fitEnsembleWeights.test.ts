import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput, InvalidCalibrationOption } from "./calibrationErrors.ts";
import { deepFundingCost } from "./deepFundingCost.ts";
import { fitEnsembleWeights } from "./fitEnsembleWeights.ts";
import { fitLogRatios } from "./fitLogRatios.ts";
import type { JurorPair } from "./jurorPair.ts";
import { connectedEdges, itemNames, plantedPairs } from "./testing/plantedPairs.ts";

// Features on a grid of 1/256: a column of near-zero values (1e-5) makes the planted weights so weakly
// identified that the tiny ridge on β moves the fit by more than the test's tolerance (seen on CI).
const featuresArb = (k: number) =>
  fc.array(
    fc.array(
      fc.integer({ min: -512, max: 512 }).map((n) => n / 256),
      { minLength: k, maxLength: k },
    ),
    { minLength: 6, maxLength: 20 },
  );

/** The joint objective fitEnsembleWeights minimises. */
function objective(
  x: readonly number[],
  beta: readonly number[],
  features: readonly (readonly number[])[],
  pairs: JurorPair[],
  ridge: number,
  weightRidge: number,
): number {
  const items = itemNames(x.length);
  let value = deepFundingCost(new Map(items.map((it, i) => [it, x[i] as number])), pairs).cost;
  for (const [i, row] of features.entries()) {
    const predicted = row.reduce((s, f, j) => s + f * (beta[j] as number), 0);
    value += ridge * ((x[i] as number) - predicted) ** 2;
  }
  return value + weightRidge * beta.reduce((s, b) => s + b * b, 0);
}

describe("fitEnsembleWeights", () => {
  it("recovers planted nonnegative feature weights from noise-free pairs", () => {
    fc.assert(
      fc.property(
        featuresArb(3),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 10, maxLength: 40 }),
        (features, planted, extra) => {
          const truth = features.map((row) => row.reduce((s, f, j) => s + f * (planted[j] as number), 0));
          const pairs = plantedPairs(truth, connectedEdges(truth.length, extra));
          const items = itemNames(truth.length);
          const fit = fitEnsembleWeights(items, features, pairs, {
            ridge: Number.POSITIVE_INFINITY,
            weightRidge: 1e-9,
          });
          // The pairs pin down Φβ's differences; β itself wherever those differences identify it.
          for (const [i, item] of items.entries()) {
            const got = (fit.logWeights.get(item) as number) - (fit.logWeights.get("i0") as number);
            assert.ok(Math.abs(got - ((truth[i] as number) - (truth[0] as number))) < 1e-4, `item ${i}`);
          }
        },
      ),
    );
  });

  it("gets the planted weights themselves when the features identify them", () => {
    const features = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, -1],
      [-1, 2],
    ];
    const planted = [1.5, 0.25];
    const truth = features.map((r) => (r[0] as number) * 1.5 + (r[1] as number) * 0.25);
    const pairs = plantedPairs(
      truth,
      connectedEdges(6, [
        [0, 3],
        [1, 4],
        [2, 5],
        [0, 5],
      ]),
    );
    for (const ridge of [Number.POSITIVE_INFINITY, 1e4]) {
      const fit = fitEnsembleWeights(itemNames(6), features, pairs, { ridge, weightRidge: 1e-9 });
      for (const [j, w] of planted.entries())
        assert.ok(
          Math.abs((fit.featureWeights[j] as number) - w) < 1e-3,
          `ridge ${ridge}: ${fit.featureWeights}`,
        );
    }
  });

  it("keeps weights ≥ 0: a feature that goes against the jurors gets 0", () => {
    const features = [[0], [1], [2], [3]];
    const truth = [3, 2, 1, 0];
    const pairs = plantedPairs(truth, connectedEdges(4, []));
    const fit = fitEnsembleWeights(itemNames(4), features, pairs, { ridge: Number.POSITIVE_INFINITY });
    assert.deepEqual(fit.featureWeights, [0]);
    const free = fitEnsembleWeights(itemNames(4), features, pairs, {
      ridge: Number.POSITIVE_INFINITY,
      nonnegative: false,
      weightRidge: 1e-9,
    });
    assert.ok((free.featureWeights[0] as number) < -0.99);
  });

  it("minimises the joint objective for a finite ridge: no small move of β or of an item lowers it", () => {
    fc.assert(
      fc.property(
        featuresArb(2),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 30 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 20, maxLength: 20 }),
        (features, extra, ridge, truthAll) => {
          const truth = truthAll.slice(0, features.length);
          const pairs = plantedPairs(truth, connectedEdges(truth.length, extra));
          const items = itemNames(truth.length);
          const weightRidge = 1e-3;
          const fit = fitEnsembleWeights(items, features, pairs, { ridge, weightRidge });
          const x = items.map((it) => fit.logWeights.get(it) as number);
          const beta = fit.featureWeights;
          const best = objective(x, beta, features, pairs, ridge, weightRidge);
          const tolerance = 1e-8 * Math.max(1, best);
          for (let i = 0; i < x.length; i++)
            for (const step of [1e-3, -1e-3]) {
              const moved = [...x];
              moved[i] = (moved[i] as number) + step;
              assert.ok(objective(moved, beta, features, pairs, ridge, weightRidge) >= best - tolerance);
            }
          for (let j = 0; j < beta.length; j++)
            for (const step of [1e-3, -1e-3]) {
              const moved = [...beta];
              moved[j] = Math.max(0, (moved[j] as number) + step);
              // β moves with x following it (x's best response), as the fit eliminates x.
              const follow = fitLogRatios(items, pairs, {
                ridge,
                prior: features.map((row) => row.reduce((s, f, l) => s + f * (moved[l] as number), 0)),
              });
              const fx = items.map((it) => follow.get(it) as number);
              assert.ok(objective(fx, moved, features, pairs, ridge, weightRidge) >= best - tolerance);
            }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("with no features is fitLogRatios toward 0", () => {
    const pairs = plantedPairs(
      [0, 1, 3],
      [
        [0, 1],
        [1, 2],
      ],
    );
    const items = itemNames(3);
    const fit = fitEnsembleWeights(items, [[], [], []], pairs, { ridge: 0.5 });
    const plain = fitLogRatios(items, pairs, { ridge: 0.5 });
    for (const item of items)
      assert.ok(Math.abs((fit.logWeights.get(item) as number) - (plain.get(item) as number)) < 1e-10);
    assert.deepEqual(fit.featureWeights, []);
  });

  it("refuses malformed features and options", () => {
    assert.throws(() => fitEnsembleWeights(["x", "y"], [[1]], []), InvalidCalibrationInput);
    assert.throws(() => fitEnsembleWeights(["x", "y"], [[1], [1, 2]], []), InvalidCalibrationInput);
    assert.throws(() => fitEnsembleWeights(["x", "y"], [[1], [Number.NaN]], []), InvalidCalibrationInput);
    assert.throws(() => fitEnsembleWeights(["x"], [[1]], [], { ridge: 0 }), InvalidCalibrationOption);
    assert.throws(() => fitEnsembleWeights(["x"], [[1]], [], { weightRidge: 0 }), InvalidCalibrationOption);
  });
});
