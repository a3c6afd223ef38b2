import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { jurorFolds } from "./jurorFolds.ts";
import type { JurorPair } from "./jurorPair.ts";

const pairsOf = (jurors: readonly string[]): JurorPair[] =>
  jurors.map((juror) => ({ juror, a: "x", b: "y", winner: "a", multiplier: 2 }));

describe("jurorFolds", () => {
  it("puts every juror in exactly one fold, the same way every time, with balanced pair counts, seeded or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("ana", "bo", "cy", "di", "ed", "flo", "gus", "hal"), {
          minLength: 2,
          maxLength: 80,
        }),
        fc.integer({ min: 2, max: 8 }),
        fc.option(fc.integer({ min: 0, max: 0xffff_ffff }), { nil: undefined }),
        (jurors, k, seed) => {
          const distinct = new Set(jurors);
          fc.pre(k <= distinct.size);
          const pairs = pairsOf(jurors);
          const folds = jurorFolds(pairs, k, seed);
          assert.equal(folds.length, k);
          assert.deepEqual(folds.flat().sort(), [...distinct].sort());
          assert.deepEqual(jurorFolds([...pairs].reverse(), k, seed), folds);
          // Greedy balance: a fold is never bigger than the smallest by more than the largest juror.
          const count = (j: string) => jurors.filter((x) => x === j).length;
          const sizes = folds.map((f) => f.reduce((s, j) => s + count(j), 0));
          const largest = Math.max(...[...distinct].map(count));
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= largest);
        },
      ),
    );
  });

  it("splits the jurors another way for another seed, and refuses a seed out of range", () => {
    // Eight jurors with a pair each, in two folds: the seeds do not all give one split.
    const eight = pairsOf(["ana", "bo", "cy", "di", "ed", "flo", "gus", "hal"]);
    const splits = new Set([0, 1, 2, 3, 4, 5].map((seed) => JSON.stringify(jurorFolds(eight, 2, seed))));
    assert.ok(splits.size > 1);
    assert.throws(() => jurorFolds(eight, 2, -1), InvalidCalibrationOption);
    assert.throws(() => jurorFolds(eight, 2, 0.5), InvalidCalibrationOption);
  });

  it("refuses fewer than two folds or more folds than jurors", () => {
    const pairs = pairsOf(["a", "b", "c"]);
    assert.throws(() => jurorFolds(pairs, 1), InvalidCalibrationOption);
    assert.throws(() => jurorFolds(pairs, 4), InvalidCalibrationOption);
    assert.throws(() => jurorFolds(pairs, 2.5), InvalidCalibrationOption);
  });
});
