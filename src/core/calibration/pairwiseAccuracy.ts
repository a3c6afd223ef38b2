// Pairwise accuracy: the share of juror pairs whose winner a set of weights ranks higher.
import type { JurorPair, LogWeights } from "./jurorPair.ts";
import { pairLogWeights } from "./pairLogWeights.ts";

export interface PairwiseAccuracy {
  /** (correct + ties / 2) / pairs, from 0 to 1; NaN when there are no pairs. */
  accuracy: number;
  /** Pairs whose stated winner has the strictly higher weight. */
  correct: number;
  /** Pairs whose two items have exactly equal weights: each counts as half right, as a coin toss would be. */
  ties: number;
  pairs: number;
}

/**
 * How often `logWeights` agree with the jurors on who deserves more. Every pair counts, including those
 * whose multiplier is 1: its stated winner is still the one the juror picked. Only the order of the weights
 * matters, so any increasing transform of them (the weights themselves, their logarithms) gives the same figure.
 * @throws UnknownPairItem, InvalidCalibrationInput (see pairLogWeights)
 */
export function pairwiseAccuracy(logWeights: LogWeights, pairs: readonly JurorPair[]): PairwiseAccuracy {
  let correct = 0;
  let ties = 0;
  for (const [index, pair] of pairs.entries()) {
    const [a, b] = pairLogWeights(logWeights, pair, index);
    if (a === b) ties++;
    else if (b > a === (pair.winner === "b")) correct++;
  }
  return {
    accuracy: pairs.length === 0 ? Number.NaN : (correct + ties / 2) / pairs.length,
    correct,
    ties,
    pairs: pairs.length,
  };
}
