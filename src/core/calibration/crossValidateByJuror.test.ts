import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crossValidateByJuror } from "./crossValidateByJuror.ts";
import { fitLogRatios } from "./fitLogRatios.ts";
import type { JurorPair } from "./jurorPair.ts";
import { connectedEdges, itemNames, plantedPairs } from "./testing/plantedPairs.ts";

describe("crossValidateByJuror", () => {
  it("fits without the held-out jurors and scores each pair exactly once", () => {
    const truth = [0, 1, 2, 3, 4, 5];
    const pairs = plantedPairs(
      truth,
      connectedEdges(6, [
        [0, 2],
        [1, 3],
        [2, 4],
        [3, 5],
        [0, 5],
        [1, 4],
      ]),
      4,
    );
    const items = itemNames(6);
    const seen: number[] = [];
    const cv = crossValidateByJuror(pairs, 4, (training, fold) => {
      const held = new Set(pairs.filter((p) => !training.includes(p)).map((p) => p.juror));
      for (const p of training)
        assert.ok(!held.has(p.juror), `fold ${fold} trains on held-out juror ${p.juror}`);
      seen.push(pairs.length - training.length);
      return fitLogRatios(items, training, { ridge: 1e-6 });
    });
    assert.equal(cv.folds.length, 4);
    assert.equal(
      seen.reduce((s, n) => s + n, 0),
      pairs.length,
    );
    assert.equal(cv.pairs, pairs.length);
    assert.deepEqual(
      cv.folds.map((f) => f.pairs),
      seen,
    );
    // Noise-free pairs of a connected graph: every held-out pair is ranked right and costs ~0.
    assert.equal(cv.accuracy, 1);
    assert.ok(cv.meanCost < 1e-6);
  });

  it("pools accuracy over every held-out pair, ties counting half", () => {
    const pairs: JurorPair[] = [
      { juror: "a", a: "x", b: "y", winner: "b", multiplier: 2 },
      { juror: "b", a: "x", b: "y", winner: "a", multiplier: 2 },
      { juror: "b", a: "x", b: "y", winner: "a", multiplier: 2 },
    ];
    const cv = crossValidateByJuror(
      pairs,
      2,
      () =>
        new Map([
          ["x", 0],
          ["y", 0],
        ]),
    );
    assert.equal(cv.accuracy, 0.5);
    assert.deepEqual(
      cv.folds.map((f) => f.ties),
      [2, 1],
    );
  });
});
