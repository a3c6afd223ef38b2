import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import type { FitCandidate } from "./chooseFit.ts";
import { chooseFit } from "./chooseFit.ts";
import { crossValidateByJuror } from "./crossValidateByJuror.ts";
import { fitLogRatios } from "./fitLogRatios.ts";
import type { JurorPair } from "./jurorPair.ts";
import { connectedEdges, itemNames, plantedPairs } from "./testing/plantedPairs.ts";

const truth = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];
const items = itemNames(truth.length);
const pairs = plantedPairs(
  truth,
  connectedEdges(truth.length, [
    [0, 4],
    [1, 5],
    [2, 6],
    [3, 7],
    [0, 7],
    [2, 5],
  ]),
  4,
);
/** Right: the truth's order. Wrong: its reverse. Flat: every item alike. */
const right: FitCandidate = { name: "right", fit: (t) => fitLogRatios(items, t, { ridge: 0.1 }) };
const wrong: FitCandidate = {
  name: "wrong",
  fit: (t) => new Map([...fitLogRatios(items, t, { ridge: 0.1 })].map(([k, v]) => [k, -v])),
};
const flat: FitCandidate = { name: "flat", fit: () => new Map(items.map((k) => [k, 0])) };

describe("chooseFit", () => {
  it("picks the candidate that agrees best with held-out jurors, and fits it on every pair", () => {
    const chosen = chooseFit(pairs, [flat, wrong, right], { folds: 4 });
    assert.equal(chosen.name, "right");
    assert.equal(chosen.chosenBy, "cross-validation");
    assert.equal(chosen.folds, 4);
    assert.deepEqual(
      chosen.candidates.map((c) => c.name),
      ["flat", "wrong", "right"],
    );
    assert.equal(chosen.candidates[0]?.accuracy, 0.5, "all ties count half");
    assert.equal(chosen.candidates[2]?.accuracy, crossValidateByJuror(pairs, 4, right.fit).accuracy);
    assert.deepEqual(chosen.logWeights, right.fit(pairs));
  });

  it("breaks a tie in accuracy by the lower held-out cost, then by the order given", () => {
    const stretched: FitCandidate = {
      name: "stretched",
      fit: (t) => new Map([...right.fit(t)].map(([k, v]) => [k, 3 * v])),
    };
    assert.equal(chooseFit(pairs, [stretched, right], { folds: 4 }).name, "right");
    const twin: FitCandidate = { ...right, name: "twin" };
    assert.equal(chooseFit(pairs, [twin, right], { folds: 4 }).name, "twin");
  });

  it("fits the first candidate when there are too few jurors, and sees only the pairs given", () => {
    const solo: JurorPair[] = pairs.map((p) => ({ ...p, juror: "solo" }));
    const chosen = chooseFit(solo, [flat, right]);
    assert.equal(chosen.chosenBy, "default");
    assert.equal(chosen.name, "flat");
    assert.deepEqual(chosen.candidates, []);
    const seen: number[] = [];
    chooseFit(
      pairs,
      [
        {
          name: "spy",
          fit: (t) => {
            seen.push(t.length);
            return flat.fit(t);
          },
        },
      ],
      { folds: 2 },
    );
    assert.ok(seen.slice(0, 2).every((n) => n < pairs.length));
    assert.equal(seen.at(-1), pairs.length);
  });

  it("refuses no candidates and a folds count below 2", () => {
    assert.throws(() => chooseFit(pairs, []), InvalidCalibrationOption);
    assert.throws(() => chooseFit(pairs, [right], { folds: 1 }), InvalidCalibrationOption);
  });
});
