// Deep Funding's cost: how far a set of weights' log-ratios are from the ones jurors stated, squared.
import type { JurorPair, LogWeights } from "./jurorPair.ts";
import { pairLogRatio } from "./jurorPair.ts";
import { pairLogWeights } from "./pairLogWeights.ts";

export interface DeepFundingCost {
  /** Σ_pairs (ln w_b − ln w_a − ℓ)², ℓ the stated log-ratio (natural logs, never clipped). ≥ 0. */
  cost: number;
  /** cost / pairs: comparable between sets of pairs of different sizes; NaN when there are no pairs. */
  meanCost: number;
  pairs: number;
}

/**
 * Deep Funding's cost of `logWeights` over `pairs`. It is unchanged by scaling every weight by one factor
 * (adding a constant to every log-weight), and it is 0 only when every stated ratio is met exactly.
 * @throws UnknownPairItem, InvalidCalibrationInput (see pairLogWeights)
 */
export function deepFundingCost(logWeights: LogWeights, pairs: readonly JurorPair[]): DeepFundingCost {
  let cost = 0;
  for (const [index, pair] of pairs.entries()) {
    const [a, b] = pairLogWeights(logWeights, pair, index);
    cost += (b - a - pairLogRatio(pair)) ** 2;
  }
  return { cost, meanCost: pairs.length === 0 ? Number.NaN : cost / pairs.length, pairs: pairs.length };
}
