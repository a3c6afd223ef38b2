// Chooses among candidate fits (methods, settings) by cross-validation by juror on the pairs given alone.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { crossValidateByJuror } from "./crossValidateByJuror.ts";
import type { JurorPair, LogWeights } from "./jurorPair.ts";

/** One way to fit log-weights to pairs: a method with its settings fixed. */
export interface FitCandidate {
  /** Names it in reports ("least squares, ridge 1, clip ln 4"). */
  name: string;
  fit: (training: readonly JurorPair[]) => LogWeights;
}

export interface CandidateScore {
  name: string;
  /** Pairwise accuracy on held-out jurors, pooled over the folds. */
  accuracy: number;
  /** Deep Funding's cost per held-out pair. */
  meanCost: number;
}

export interface ChosenFit {
  /** The chosen candidate's name, and its fit on every pair given. */
  name: string;
  logWeights: LogWeights;
  /** By cross-validation by juror, or the first candidate (fewer than two jurors). */
  chosenBy: "cross-validation" | "default";
  /** Folds of jurors the choice was cross-validated on (0 for the default). */
  folds: number;
  /** Every candidate with its cross-validated figures, in the order given (empty for the default). */
  candidates: CandidateScore[];
}

/**
 * Cross-validates every candidate by juror on `pairs` (`folds` folds of jurors, default 5, fewer when
 * there are fewer jurors) and fits the best on every pair: the highest held-out pairwise accuracy, then
 * the lowest held-out cost, then the first in the order given, as calibrate chooses. With fewer than two
 * jurors it fits the first candidate. Nothing outside `pairs` is seen, so a score on other jurors' pairs
 * of what it returns is honest, however many candidates there are.
 * @throws InvalidCalibrationOption for no candidates or a folds count below 2; whatever a fit throws
 */
export function chooseFit(
  pairs: readonly JurorPair[],
  candidates: readonly FitCandidate[],
  options: { folds?: number } = {},
): ChosenFit {
  const first = candidates[0];
  if (first === undefined)
    throw new InvalidCalibrationOption("candidates", "[]", "must name at least one fit");
  const wanted = options.folds ?? 5;
  if (!Number.isInteger(wanted) || wanted < 2)
    throw new InvalidCalibrationOption("folds", wanted, "must be an integer ≥ 2");
  const jurors = new Set(pairs.map((p) => p.juror)).size;
  if (jurors < 2)
    return { name: first.name, logWeights: first.fit(pairs), chosenBy: "default", folds: 0, candidates: [] };
  const folds = Math.min(wanted, jurors);
  const scores = candidates.map((c) => {
    const cv = crossValidateByJuror(pairs, folds, (training) => c.fit(training));
    return { name: c.name, accuracy: cv.accuracy, meanCost: cv.meanCost };
  });
  let best = 0;
  for (const [i, s] of scores.entries()) {
    const b = scores[best] as CandidateScore;
    if (
      s.accuracy > b.accuracy + 1e-12 ||
      (Math.abs(s.accuracy - b.accuracy) <= 1e-12 && s.meanCost < b.meanCost)
    )
      best = i;
  }
  const chosen = candidates[best] as FitCandidate;
  return {
    name: chosen.name,
    logWeights: chosen.fit(pairs),
    chosenBy: "cross-validation",
    folds,
    candidates: scores,
  };
}
