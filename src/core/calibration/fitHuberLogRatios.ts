// A robust version of Deep Funding's fit: least squares on small misfits, absolute error on large ones.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { checkedVector } from "./checkedVector.ts";
import { indexPairs } from "./indexPairs.ts";
import type { JurorPair } from "./jurorPair.ts";
import { solveRidgeLaplacian } from "./solveRidgeLaplacian.ts";

export interface FitHuberOptions {
  /**
   * δ > 0 (default 1): a pair whose misfit |x_b − x_a − ℓ| is beyond δ counts by its absolute value, not
   * its square, so one juror's "999 times more" pulls no harder than δ allows. Infinity is fitLogRatios.
   */
  delta?: number;
  /** λ > 0, the pull toward the prior (default 1), as in fitLogRatios. */
  ridge?: number;
  /** Prior log-weights, one per item in the order given (default all 0). */
  prior?: readonly number[];
  /** Stated log-ratios beyond ±this are clipped to it first (default none). */
  maxLogRatio?: number;
}

/**
 * The log-weights x minimising Σ_pairs ρ(x_b − x_a − ℓ) + λ Σ_items (x_i − prior_i)², where ℓ is the
 * pair's stated log-ratio (clipped to ±maxLogRatio) and ρ is Huber's loss scaled to match the square
 * inside δ: ρ(r) = r² for |r| ≤ δ, 2δ|r| − δ² beyond. Solved by iteratively reweighted least squares
 * (each pair weighs min(1, δ/|r|) in a fitLogRatios-like system), which lowers the objective at every
 * step; it stops when no log-weight moves more than 1e-10, or after 500 steps. The objective is convex,
 * so the minimum is unique.
 * @returns a log-weight for every item (natural log)
 * @throws DuplicateItem, InvalidJurorPair, UnknownPairItem (see indexPairs); InvalidCalibrationOption for
 *   a δ that is not > 0 or a ridge that is not a finite number > 0; InvalidCalibrationInput for a
 *   malformed prior
 */
export function fitHuberLogRatios(
  items: readonly string[],
  pairs: readonly JurorPair[],
  options: FitHuberOptions = {},
): Map<string, number> {
  const delta = options.delta ?? 1;
  const ridge = options.ridge ?? 1;
  if (!(delta > 0)) throw new InvalidCalibrationOption("delta", delta, "must be > 0");
  if (!(ridge > 0) || !Number.isFinite(ridge))
    throw new InvalidCalibrationOption("ridge", ridge, "must be a finite number > 0");
  const n = items.length;
  const prior = checkedVector("prior", n, options.prior);
  const { a, b, logRatio } = indexPairs(items, pairs, options.maxLogRatio);
  const weights = new Float64Array(a.length).fill(1);
  let x: Float64Array = new Float64Array(n);
  for (let step = 0; step < 500; step++) {
    const rhs = new Float64Array(n);
    for (let i = 0; i < n; i++) rhs[i] = ridge * (prior[i] as number);
    for (let p = 0; p < a.length; p++) {
      const d = (weights[p] as number) * (logRatio[p] as number);
      rhs[b[p] as number] = (rhs[b[p] as number] as number) + d;
      rhs[a[p] as number] = (rhs[a[p] as number] as number) - d;
    }
    const next = solveRidgeLaplacian({ size: n, a, b, weights, ridge }, rhs);
    let moved = 0;
    for (let i = 0; i < n; i++) moved = Math.max(moved, Math.abs((next[i] as number) - (x[i] as number)));
    x = next;
    if (step > 0 && moved <= 1e-10) break;
    for (let p = 0; p < a.length; p++) {
      const misfit = Math.abs(
        (x[b[p] as number] as number) - (x[a[p] as number] as number) - (logRatio[p] as number),
      );
      weights[p] = misfit <= delta ? 1 : delta / misfit;
    }
  }
  return new Map(items.map((item, i) => [item, x[i] as number]));
}
