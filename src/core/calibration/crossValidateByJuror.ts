// Cross-validation by juror: fit on the other jurors' pairs, score on the held-out jurors' pairs.
import { deepFundingCost } from "./deepFundingCost.ts";
import { jurorFolds } from "./jurorFolds.ts";
import type { JurorPair, LogWeights } from "./jurorPair.ts";
import { pairwiseAccuracy } from "./pairwiseAccuracy.ts";

export interface FoldScore {
  /** The held-out jurors. */
  jurors: string[];
  /** Held-out pairs scored. */
  pairs: number;
  /** Pairwise accuracy on the held-out pairs (ties count half). */
  accuracy: number;
  ties: number;
  /** Deep Funding's cost on the held-out pairs, and per pair. */
  cost: number;
  meanCost: number;
}

export interface CrossValidation {
  folds: FoldScore[];
  /** Pooled over every held-out pair: (correct + ties/2) / pairs, and Σ cost, Σ cost / pairs. */
  accuracy: number;
  cost: number;
  meanCost: number;
  pairs: number;
}

/**
 * Scores `fit` by juror: for each of `k` folds of jurors (jurorFolds), calls `fit` with the pairs of the
 * other folds' jurors only, and scores the log-weights it returns on the held-out jurors' pairs. Each pair
 * is held out exactly once, so the pooled figures cover every pair. `fit` must return a log-weight for
 * every item the held-out pairs name; a fit that tunes itself must do so on the pairs it is given only.
 * `seed` splits the jurors another way (see jurorFolds).
 * @throws InvalidCalibrationOption for a bad k (see jurorFolds); whatever `fit` throws; UnknownPairItem
 *   when a held-out pair names an item the fit gave no log-weight
 */
export function crossValidateByJuror(
  pairs: readonly JurorPair[],
  k: number,
  fit: (training: JurorPair[], fold: number) => LogWeights,
  options: { seed?: number } = {},
): CrossValidation {
  const folds: FoldScore[] = [];
  let correct = 0;
  let cost = 0;
  for (const [f, jurors] of jurorFolds(pairs, k, options.seed).entries()) {
    const held = new Set(jurors);
    const training = pairs.filter((p) => !held.has(p.juror));
    const test = pairs.filter((p) => held.has(p.juror));
    const logWeights = fit(training, f);
    const accuracy = pairwiseAccuracy(logWeights, test);
    const foldCost = deepFundingCost(logWeights, test);
    folds.push({
      jurors,
      pairs: test.length,
      accuracy: accuracy.accuracy,
      ties: accuracy.ties,
      cost: foldCost.cost,
      meanCost: foldCost.meanCost,
    });
    correct += accuracy.correct + accuracy.ties / 2;
    cost += foldCost.cost;
  }
  return {
    folds,
    accuracy: pairs.length === 0 ? Number.NaN : correct / pairs.length,
    cost,
    meanCost: pairs.length === 0 ? Number.NaN : cost / pairs.length,
    pairs: pairs.length,
  };
}
