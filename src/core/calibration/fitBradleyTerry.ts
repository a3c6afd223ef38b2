// Bradley–Terry: item log-weights by maximum likelihood of who won each juror pair, with a ridge toward a prior.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { checkedVector } from "./checkedVector.ts";
import { indexPairs } from "./indexPairs.ts";
import type { JurorPair } from "./jurorPair.ts";
import { solveRidgeLaplacian } from "./solveRidgeLaplacian.ts";

export interface FitBradleyTerryOptions {
  /** Strength of the pull toward the prior, λ > 0 (default 1); see fitBradleyTerry. */
  ridge?: number;
  /** Prior log-weights, one per item in the order given (default all 0). */
  prior?: readonly number[];
}

/**
 * The log-weights x maximising Σ_pairs [y ln σ(x_b − x_a) + (1 − y) ln σ(x_a − x_b)] − (λ/2) Σ_items
 * (x_i − prior_i)², where σ is the logistic function and y is 1 when b won, 0 when a won, and ½ when the
 * juror's multiplier is 1 (about the same). So P(b beats a) = w_b / (w_a + w_b). Only who won counts, not
 * by how much: the multiplier only marks a draw. Newton's method with a backtracking line search; the
 * objective is strictly concave, so the maximum is unique and found to a gradient below 1e-10.
 * @returns a log-weight for every item (natural log)
 * @throws DuplicateItem, InvalidJurorPair, UnknownPairItem (see indexPairs); InvalidCalibrationOption for a
 *   ridge that is not a finite number > 0; InvalidCalibrationInput for a malformed prior
 */
export function fitBradleyTerry(
  items: readonly string[],
  pairs: readonly JurorPair[],
  options: FitBradleyTerryOptions = {},
): Map<string, number> {
  const ridge = options.ridge ?? 1;
  if (!(ridge > 0) || !Number.isFinite(ridge))
    throw new InvalidCalibrationOption("ridge", ridge, "must be a finite number > 0");
  const n = items.length;
  const prior = checkedVector("prior", n, options.prior);
  const { a, b, bWins } = indexPairs(items, pairs);

  const objective = (x: Float64Array): number => {
    let value = 0;
    for (let p = 0; p < a.length; p++) {
      const d = (x[b[p] as number] as number) - (x[a[p] as number] as number);
      const y = bWins[p] as number;
      value += y * softplus(-d) + (1 - y) * softplus(d);
    }
    for (let i = 0; i < n; i++) value += (ridge / 2) * ((x[i] as number) - (prior[i] as number)) ** 2;
    return value;
  };

  let x = Float64Array.from(prior);
  let current = objective(x);
  const gradient = new Float64Array(n);
  const curvature = new Float64Array(a.length);
  for (let step = 0; step < 100; step++) {
    for (let i = 0; i < n; i++) gradient[i] = ridge * ((x[i] as number) - (prior[i] as number));
    for (let p = 0; p < a.length; p++) {
      const ia = a[p] as number;
      const ib = b[p] as number;
      const s = logistic((x[ib] as number) - (x[ia] as number));
      const g = s - (bWins[p] as number);
      gradient[ib] = (gradient[ib] as number) + g;
      gradient[ia] = (gradient[ia] as number) - g;
      curvature[p] = s * (1 - s);
    }
    let norm = 0;
    for (const g of gradient) norm = Math.max(norm, Math.abs(g));
    if (norm < 1e-10) break;
    const direction = solveRidgeLaplacian({ size: n, a, b, weights: curvature, ridge }, gradient);
    // Newton's step, halved until the objective falls (it nearly always takes the full step).
    let t = 1;
    let next = x;
    let value = current;
    for (let halving = 0; halving < 50; halving++) {
      next = x.map((xi, i) => xi - t * (direction[i] as number));
      value = objective(next);
      if (value <= current) break;
      t /= 2;
    }
    if (value > current) break;
    const improvement = current - value;
    x = next;
    current = value;
    if (improvement <= 1e-15 * Math.max(1, Math.abs(current))) break;
  }
  return new Map(items.map((item, i) => [item, x[i] as number]));
}

/** ln(1 + e^v) without overflow. */
function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

function logistic(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}
