// Calibrates item log-weights to jurors, choosing the fit's settings by cross-validation on the jurors given.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { crossValidateByJuror } from "./crossValidateByJuror.ts";
import type { EnsembleFit } from "./fitEnsembleWeights.ts";
import { fitEnsembleWeights } from "./fitEnsembleWeights.ts";
import type { JurorPair } from "./jurorPair.ts";

/** The settings calibrate tries (every combination), unless told otherwise. */
export const DEFAULT_CALIBRATION_GRID = {
  /** λ of fitEnsembleWeights; Infinity is the features' ensemble alone. */
  ridges: [0.3, 1, 3, 10, Number.POSITIVE_INFINITY],
  /** Stated log-ratios are clipped to ± these: 4×, 10×, 30×, no clip. */
  maxLogRatios: [Math.log(4), Math.log(10), Math.log(30), Number.POSITIVE_INFINITY],
} as const;

/** The setting used when the pairs have too few jurors to cross-validate. */
export const DEFAULT_CALIBRATION_SETTING = { ridge: 1, maxLogRatio: Math.log(10) } as const;

export interface CalibrateOptions {
  ridges?: readonly number[];
  maxLogRatios?: readonly number[];
  /** Folds of jurors for choosing the setting (default 5, fewer when there are fewer jurors). */
  folds?: number;
  /** μ of fitEnsembleWeights (default its own). */
  weightRidge?: number;
}

export interface CalibrationCandidate {
  ridge: number;
  maxLogRatio: number;
  /** Pairwise accuracy on held-out jurors, pooled over the folds. */
  accuracy: number;
  /** Deep Funding's cost per held-out pair. */
  meanCost: number;
}

export interface Calibration extends EnsembleFit {
  /** The setting chosen and fitted on every pair. */
  ridge: number;
  maxLogRatio: number;
  /** How it was chosen: by cross-validation by juror, or the default (fewer than two jurors). */
  chosenBy: "cross-validation" | "default";
  /** Folds of jurors the choice was cross-validated on (0 for the default). */
  folds: number;
  /** Every setting tried with its cross-validated figures, in grid order (empty when not cross-validated). */
  candidates: CalibrationCandidate[];
}

/**
 * Fits log-weights for `items` to `pairs` through fitEnsembleWeights over `features` (one row per item;
 * rows of length 0 for none), with its ridge λ and log-ratio clip chosen by cross-validation by juror on
 * `pairs` alone: the setting with the highest held-out pairwise accuracy, then the lowest held-out cost,
 * then the first in grid order. With fewer than two jurors it uses DEFAULT_CALIBRATION_SETTING. Whoever
 * scores the result on other jurors' pairs scores it honestly: nothing here sees them.
 * @throws whatever fitEnsembleWeights throws; InvalidCalibrationOption for an empty grid or a bad folds count
 */
export function calibrate(
  items: readonly string[],
  features: readonly (readonly number[])[],
  pairs: readonly JurorPair[],
  options: CalibrateOptions = {},
): Calibration {
  const ridges = options.ridges ?? DEFAULT_CALIBRATION_GRID.ridges;
  const clips = options.maxLogRatios ?? DEFAULT_CALIBRATION_GRID.maxLogRatios;
  if (ridges.length === 0) throw new InvalidCalibrationOption("ridges", "[]", "must name at least one ridge");
  if (clips.length === 0)
    throw new InvalidCalibrationOption("maxLogRatios", "[]", "must name at least one clip");
  const fit = (training: readonly JurorPair[], ridge: number, maxLogRatio: number) =>
    fitEnsembleWeights(items, features, training, {
      ridge,
      maxLogRatio,
      ...(options.weightRidge === undefined ? {} : { weightRidge: options.weightRidge }),
    });
  const jurors = new Set(pairs.map((p) => p.juror)).size;
  if (jurors < 2) {
    const { ridge, maxLogRatio } = DEFAULT_CALIBRATION_SETTING;
    return {
      ...fit(pairs, ridge, maxLogRatio),
      ridge,
      maxLogRatio,
      chosenBy: "default",
      folds: 0,
      candidates: [],
    };
  }
  const folds = Math.min(options.folds ?? 5, jurors);
  const candidates: CalibrationCandidate[] = [];
  for (const ridge of ridges) {
    for (const maxLogRatio of clips) {
      const cv = crossValidateByJuror(
        pairs,
        folds,
        (training) => fit(training, ridge, maxLogRatio).logWeights,
      );
      candidates.push({ ridge, maxLogRatio, accuracy: cv.accuracy, meanCost: cv.meanCost });
    }
  }
  let best = candidates[0] as CalibrationCandidate;
  for (const c of candidates) {
    if (
      c.accuracy > best.accuracy + 1e-12 ||
      (Math.abs(c.accuracy - best.accuracy) <= 1e-12 && c.meanCost < best.meanCost)
    )
      best = c;
  }
  return {
    ...fit(pairs, best.ridge, best.maxLogRatio),
    ridge: best.ridge,
    maxLogRatio: best.maxLogRatio,
    chosenBy: "cross-validation",
    folds,
    candidates,
  };
}
