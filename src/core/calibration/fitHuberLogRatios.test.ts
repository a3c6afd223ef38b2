import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { fitHuberLogRatios } from "./fitHuberLogRatios.ts";
import { fitLogRatios } from "./fitLogRatios.ts";
import type { JurorPair } from "./jurorPair.ts";
import { pairLogRatio } from "./jurorPair.ts";
import { connectedEdges, itemNames, plantedPairs } from "./testing/plantedPairs.ts";

const truthArb = fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2, maxLength: 20 });
const extraArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 });

/** Σ ρ(x_b − x_a − ℓ) + λ Σ x_i², the objective fitHuberLogRatios minimises (prior 0). */
function objective(x: Map<string, number>, pairs: JurorPair[], delta: number, ridge: number): number {
  let value = 0;
  for (const p of pairs) {
    const r = Math.abs((x.get(p.b) as number) - (x.get(p.a) as number) - pairLogRatio(p));
    value += r <= delta ? r * r : 2 * delta * r - delta * delta;
  }
  for (const v of x.values()) value += ridge * v * v;
  return value;
}

describe("fitHuberLogRatios", () => {
  it("recovers planted log-weights (up to a constant) from noise-free pairs over a connected graph", () => {
    fc.assert(
      fc.property(truthArb, extraArb, (truth, extra) => {
        const items = itemNames(truth.length);
        const pairs = plantedPairs(truth, connectedEdges(truth.length, extra));
        const fit = fitHuberLogRatios(items, pairs, { delta: 0.5, ridge: 1e-7 });
        const shift = (fit.get("i0") as number) - (truth[0] as number);
        for (const [i, item] of items.entries())
          assert.ok(Math.abs((fit.get(item) as number) - (truth[i] as number) - shift) < 1e-3, `item ${i}`);
      }),
    );
  });

  it("is fitLogRatios when every misfit is within delta", () => {
    const truth = [0, 1, 0.5, -0.5, 2];
    const items = itemNames(truth.length);
    const pairs = plantedPairs(
      truth,
      connectedEdges(truth.length, [
        [0, 3],
        [1, 4],
        [2, 4],
      ]),
    );
    const flipped = pairs.map((p, i) => (i === 2 ? { ...p, multiplier: p.multiplier * 1.5 } : p));
    const huber = fitHuberLogRatios(items, flipped, { delta: Number.POSITIVE_INFINITY, ridge: 0.5 });
    const squares = fitLogRatios(items, flipped, { ridge: 0.5 });
    for (const item of items)
      assert.ok(Math.abs((huber.get(item) as number) - (squares.get(item) as number)) < 1e-9, item);
  });

  it("minimises its objective: no small move of one item lowers it", () => {
    const truth = [0, 1, 2, 0.5, -1, 3];
    const items = itemNames(truth.length);
    // Contradicting and outlying answers: every third pair stated the other way at 999×.
    const pairs = plantedPairs(
      truth,
      connectedEdges(truth.length, [
        [0, 2],
        [1, 5],
        [3, 5],
        [0, 4],
      ]),
    ).map((p, i) =>
      i % 3 === 0 ? { ...p, winner: p.winner === "a" ? ("b" as const) : ("a" as const), multiplier: 999 } : p,
    );
    for (const [delta, ridge] of [
      [0.5, 0.3],
      [1, 1],
      [2, 3],
    ] as const) {
      const fit = fitHuberLogRatios(items, pairs, { delta, ridge });
      const best = objective(fit, pairs, delta, ridge);
      for (const item of items) {
        for (const step of [1e-4, -1e-4]) {
          const moved = new Map(fit);
          moved.set(item, (moved.get(item) as number) + step);
          assert.ok(
            objective(moved, pairs, delta, ridge) >= best - 1e-9 * Math.max(1, best),
            `${item} ${delta}`,
          );
        }
      }
    }
  });

  it("lets one juror's outlying 999× move the fit far less than least squares does", () => {
    const truth = [0, 1, 2, 3];
    const items = itemNames(truth.length);
    const honest = [
      ...plantedPairs(
        truth,
        connectedEdges(4, [
          [0, 2],
          [1, 3],
          [0, 3],
        ]),
        5,
      ),
    ];
    const outlier: JurorPair = { juror: "loud", a: "i3", b: "i0", winner: "b", multiplier: 999 };
    const spread = (fit: Map<string, number>) => (fit.get("i3") as number) - (fit.get("i0") as number);
    const squares = fitLogRatios(items, [...honest, outlier], { ridge: 0.01 });
    const huber = fitHuberLogRatios(items, [...honest, outlier], { delta: 0.5, ridge: 0.01 });
    // The truth says i3 is 3 above i0; the outlier says 6.9 below.
    assert.ok(spread(huber) > 2.5, `huber ${spread(huber)}`);
    assert.ok(spread(squares) < 1.5, `squares ${spread(squares)}`);
  });

  it("refuses a delta or a ridge that is not > 0", () => {
    const pairs: JurorPair[] = [{ juror: "j", a: "i0", b: "i1", winner: "b", multiplier: 2 }];
    assert.throws(() => fitHuberLogRatios(itemNames(2), pairs, { delta: 0 }), InvalidCalibrationOption);
    assert.throws(() => fitHuberLogRatios(itemNames(2), pairs, { ridge: -1 }), InvalidCalibrationOption);
    assert.throws(
      () => fitHuberLogRatios(itemNames(2), pairs, { ridge: Number.POSITIVE_INFINITY }),
      InvalidCalibrationOption,
    );
  });
});
