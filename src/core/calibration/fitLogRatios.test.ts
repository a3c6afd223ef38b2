import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput, InvalidCalibrationOption } from "./calibrationErrors.ts";
import { deepFundingCost } from "./deepFundingCost.ts";
import { fitLogRatios } from "./fitLogRatios.ts";
import type { JurorPair } from "./jurorPair.ts";
import { connectedEdges, itemNames, plantedPairs } from "./testing/plantedPairs.ts";

const truthArb = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 25 });
const extraArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 });

/** Σ (x_b − x_a − ℓ)² + λ Σ (x_i − prior_i)², the objective fitLogRatios minimises. */
function objective(x: Map<string, number>, pairs: JurorPair[], ridge: number, prior: number[]): number {
  let value = deepFundingCost(x, pairs).cost;
  for (const [i, v] of [...x.values()].entries()) value += ridge * (v - (prior[i] ?? 0)) ** 2;
  return value;
}

describe("fitLogRatios", () => {
  it("recovers planted log-weights (up to a constant) from noise-free pairs over a connected graph", () => {
    fc.assert(
      fc.property(truthArb, extraArb, (truth, extra) => {
        const items = itemNames(truth.length);
        const pairs = plantedPairs(truth, connectedEdges(truth.length, extra));
        const fit = fitLogRatios(items, pairs, { ridge: 1e-7 });
        const shift = (fit.get("i0") as number) - (truth[0] as number);
        for (const [i, item] of items.entries())
          assert.ok(Math.abs((fit.get(item) as number) - (truth[i] as number) - shift) < 1e-4, `item ${i}`);
      }),
    );
  });

  it("minimises its objective: no small move of one item lowers it", () => {
    fc.assert(
      fc.property(
        truthArb,
        extraArb,
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.nat(),
        (truth, extra, ridge, seed) => {
          const items = itemNames(truth.length);
          // Contradicting pairs too: the same edges stated the other way by half the jurors.
          const pairs = plantedPairs(truth, connectedEdges(truth.length, extra)).map((p, i) =>
            i % 2 === 0 ? p : { ...p, winner: p.winner === "a" ? ("b" as const) : ("a" as const) },
          );
          const prior = truth.map((_, i) => ((seed + i) % 5) - 2);
          const fit = fitLogRatios(items, pairs, { ridge, prior });
          const best = objective(fit, pairs, ridge, prior);
          for (const item of items) {
            for (const step of [1e-3, -1e-3]) {
              const moved = new Map(fit);
              moved.set(item, (moved.get(item) as number) + step);
              assert.ok(objective(moved, pairs, ridge, prior) >= best - 1e-9 * Math.max(1, best));
            }
          }
        },
      ),
    );
  });

  it("is the same however each pair is written (a,b or b,a)", () => {
    fc.assert(
      fc.property(truthArb, extraArb, (truth, extra) => {
        const items = itemNames(truth.length);
        const pairs = plantedPairs(truth, connectedEdges(truth.length, extra));
        const swapped = pairs.map((p) => ({
          ...p,
          a: p.b,
          b: p.a,
          winner: p.winner === "a" ? ("b" as const) : ("a" as const),
        }));
        const x = fitLogRatios(items, pairs);
        const y = fitLogRatios(items, swapped);
        for (const item of items)
          assert.ok(Math.abs((x.get(item) as number) - (y.get(item) as number)) < 1e-9);
      }),
    );
  });

  it("keeps an item no pair names at its prior, and clips stated ratios", () => {
    const pairs: JurorPair[] = [{ juror: "j", a: "x", b: "y", winner: "b", multiplier: 1000 }];
    const fit = fitLogRatios(["x", "y", "z"], pairs, {
      ridge: 1,
      prior: [0, 0, 2],
      maxLogRatio: Math.log(10),
    });
    assert.ok(Math.abs((fit.get("z") as number) - 2) < 1e-12);
    // One pair, ridge 1: the stated ln 10 (clipped) splits as x = −ln10/3, y = +ln10/3.
    assert.ok(Math.abs((fit.get("y") as number) - Math.log(10) / 3) < 1e-12);
    assert.ok(Math.abs((fit.get("x") as number) + Math.log(10) / 3) < 1e-12);
  });

  it("refuses a bad ridge or prior", () => {
    assert.throws(() => fitLogRatios(["x"], [], { ridge: 0 }), InvalidCalibrationOption);
    assert.throws(
      () => fitLogRatios(["x"], [], { ridge: Number.POSITIVE_INFINITY }),
      InvalidCalibrationOption,
    );
    assert.throws(() => fitLogRatios(["x"], [], { prior: [1, 2] }), InvalidCalibrationInput);
    assert.throws(() => fitLogRatios(["x"], [], { prior: [Number.NaN] }), InvalidCalibrationInput);
  });
});
