import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { calibrate, DEFAULT_CALIBRATION_GRID, DEFAULT_CALIBRATION_SETTING } from "./calibrate.ts";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import type { JurorPair } from "./jurorPair.ts";
import { pairwiseAccuracy } from "./pairwiseAccuracy.ts";
import { itemNames, seededRandom } from "./testing/plantedPairs.ts";

/** Noisy jurors over planted log-weights: each states the true log-ratio plus Gaussian noise. */
function noisyJurors(truth: readonly number[], jurors: number, perJuror: number, seed: number): JurorPair[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pairs: JurorPair[] = [];
  for (let j = 0; j < jurors; j++) {
    for (let p = 0; p < perJuror; p++) {
      const a = Math.floor(random() * truth.length);
      const b = (a + 1 + Math.floor(random() * (truth.length - 1))) % truth.length;
      const stated = (truth[b] as number) - (truth[a] as number) + gauss();
      pairs.push({
        juror: `j${j}`,
        a: `i${a}`,
        b: `i${b}`,
        winner: stated >= 0 ? "b" : "a",
        multiplier: Math.exp(Math.abs(stated)),
      });
    }
  }
  return pairs;
}

describe("calibrate", () => {
  it("tries every setting by cross-validation by juror, and fits the best on every pair", () => {
    const truth = Array.from({ length: 15 }, (_, i) => i / 4);
    const items = itemNames(truth.length);
    // One informative feature (the truth, noisy) and one that is noise.
    const random = seededRandom(7);
    const features = truth.map((t) => [t - 1.75 + (random() - 0.5), random() - 0.5]);
    const pairs = noisyJurors(truth, 8, 15, 11);
    const fit = calibrate(items, features, pairs);
    assert.equal(fit.chosenBy, "cross-validation");
    assert.equal(
      fit.candidates.length,
      DEFAULT_CALIBRATION_GRID.ridges.length * DEFAULT_CALIBRATION_GRID.maxLogRatios.length,
    );
    const best = Math.max(...fit.candidates.map((c) => c.accuracy));
    const chosen = fit.candidates.find((c) => c.ridge === fit.ridge && c.maxLogRatio === fit.maxLogRatio);
    assert.equal(chosen?.accuracy, best);
    assert.ok((fit.featureWeights[0] as number) > (fit.featureWeights[1] as number));
    assert.ok(pairwiseAccuracy(fit.logWeights, noisyJurors(truth, 4, 50, 99)).accuracy > 0.75);
  });

  it("uses the default setting with a single juror, and refuses an empty grid", () => {
    const pairs: JurorPair[] = [{ juror: "solo", a: "i0", b: "i1", winner: "b", multiplier: 3 }];
    const fit = calibrate(itemNames(2), [[], []], pairs);
    assert.equal(fit.chosenBy, "default");
    assert.equal(fit.ridge, DEFAULT_CALIBRATION_SETTING.ridge);
    assert.deepEqual(fit.candidates, []);
    assert.throws(() => calibrate(itemNames(2), [[], []], pairs, { ridges: [] }), InvalidCalibrationOption);
  });
});
