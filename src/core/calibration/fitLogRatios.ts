// Deep Funding's fit: item log-weights whose differences match the jurors' stated log-ratios, least squares.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { checkedVector } from "./checkedVector.ts";
import { indexPairs } from "./indexPairs.ts";
import type { JurorPair } from "./jurorPair.ts";
import { solveRidgeLaplacian } from "./solveRidgeLaplacian.ts";

export interface FitLogRatiosOptions {
  /**
   * Strength of the pull toward the prior, λ > 0 (default 1): the weight of one item's squared distance
   * from its prior against one pair's squared error. It keeps items no pair reaches at their prior and
   * makes the fit unique.
   */
  ridge?: number;
  /** Prior log-weights, one per item in the order given (default all 0: every item alike). */
  prior?: readonly number[];
  /** Stated log-ratios beyond ±this are clipped to it, so one juror's 999× does not swamp the rest (default none). */
  maxLogRatio?: number;
}

/**
 * The log-weights x minimising Σ_pairs (x_b − x_a − ℓ)² + λ Σ_items (x_i − prior_i)², where ℓ is the
 * pair's stated log-ratio ln w_b − ln w_a (clipped to ±maxLogRatio). Deep Funding's cost is the first
 * sum; the second is a ridge toward the prior, so an item no pair names keeps its prior. Exact up to
 * the solver's 1e-12 relative tolerance.
 * @returns a log-weight for every item (natural log)
 * @throws DuplicateItem, InvalidJurorPair, UnknownPairItem (see indexPairs); InvalidCalibrationOption for a
 *   ridge that is not a finite number > 0; InvalidCalibrationInput for a prior of the wrong length or
 *   with a value that is not finite
 */
export function fitLogRatios(
  items: readonly string[],
  pairs: readonly JurorPair[],
  options: FitLogRatiosOptions = {},
): Map<string, number> {
  const ridge = options.ridge ?? 1;
  if (!(ridge > 0) || !Number.isFinite(ridge))
    throw new InvalidCalibrationOption("ridge", ridge, "must be a finite number > 0");
  const prior = checkedVector("prior", items.length, options.prior);
  const indexed = indexPairs(items, pairs, options.maxLogRatio);
  const rhs = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) rhs[i] = ridge * (prior[i] as number);
  for (let p = 0; p < pairs.length; p++) {
    const d = indexed.logRatio[p] as number;
    const ib = indexed.b[p] as number;
    const ia = indexed.a[p] as number;
    rhs[ib] = (rhs[ib] as number) + d;
    rhs[ia] = (rhs[ia] as number) - d;
  }
  const x = solveRidgeLaplacian({ size: items.length, a: indexed.a, b: indexed.b, ridge }, rhs);
  return new Map(items.map((item, i) => [item, x[i] as number]));
}
