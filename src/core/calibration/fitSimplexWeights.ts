// Fits the weights of a weighted sum (a rubric's criteria, an ensemble's evaluators) to jurors' pairs.
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import type { JurorPair, LogWeights } from "./jurorPair.ts";
import { pairLogRatio } from "./jurorPair.ts";

export interface FitSimplexOptions {
  /** The weights in force (summing to 1): the fit starts there and the ridge pulls toward them. */
  prior: readonly number[];
  /** ρ ≥ 0, the pull toward the prior per unit of squared distance (default 0.1). */
  ridge?: number;
  /** Stated log-ratios beyond ±this are clipped to it (default ln 10). */
  maxLogRatio?: number;
  /** Steps of exponentiated gradient descent (default 400). */
  steps?: number;
}

/** Added to every value so a zero score does not make a log-ratio infinite. */
const EPSILON = 1e-6;

/**
 * Weights w (nonnegative, summing to 1) for value_i = Σ_k w_k · features[i][k] that best explain the
 * jurors: they minimise the mean of (ln value_b − ln value_a − stated log-ratio)² over the pairs plus
 * ρ‖w − prior‖². That is the model the guild pays by: a contribution's value is the rubric-weighted
 * sum of its criterion scores (or the ensemble-weighted sum of its evaluators' overall scores), so the
 * fitted weights can go straight into the governed configuration. Solved by exponentiated gradient
 * descent from the prior, halving the step when the objective would rise: deterministic.
 * @throws InvalidCalibrationInput when a pair names an item with no features, a feature is negative or
 *   not finite, or the prior is not a distribution over the features
 */
export function fitSimplexWeights(
  features: ReadonlyMap<string, readonly number[]>,
  pairs: readonly JurorPair[],
  options: FitSimplexOptions,
): number[] {
  const k = options.prior.length;
  const priorSum = options.prior.reduce((s, w) => s + w, 0);
  if (k === 0 || options.prior.some((w) => !(w >= 0)) || Math.abs(priorSum - 1) > 1e-9) {
    throw new InvalidCalibrationInput(
      "prior",
      `[${options.prior.join(", ")}]`,
      "must be weights ≥ 0 summing to 1",
    );
  }
  for (const [item, row] of features) {
    if (row.length !== k || row.some((f) => !(f >= 0) || !Number.isFinite(f))) {
      throw new InvalidCalibrationInput(
        `item ${item}'s features`,
        `[${row.join(", ")}]`,
        `must be ${k} finite numbers ≥ 0`,
      );
    }
  }
  const clip = options.maxLogRatio ?? Math.log(10);
  const ridge = options.ridge ?? 0.1;
  const rows = pairs.map((pair) => {
    const a = features.get(pair.a);
    const b = features.get(pair.b);
    if (a === undefined || b === undefined) {
      throw new InvalidCalibrationInput("a pair", `${pair.a}, ${pair.b}`, "names an item with no features");
    }
    return { a, b, stated: Math.max(-clip, Math.min(clip, pairLogRatio(pair))) };
  });
  const value = (row: readonly number[], w: readonly number[]) =>
    EPSILON + row.reduce((s, f, j) => s + f * (w[j] as number), 0);
  const objective = (w: readonly number[]) => {
    let sum = 0;
    for (const r of rows) {
      const residual = Math.log(value(r.b, w)) - Math.log(value(r.a, w)) - r.stated;
      sum += residual * residual;
    }
    const pull = w.reduce((s, x, j) => s + (x - (options.prior[j] as number)) ** 2, 0);
    return (rows.length === 0 ? 0 : sum / rows.length) + ridge * pull;
  };
  const gradient = (w: readonly number[]) => {
    const g = new Array<number>(k).fill(0);
    for (const r of rows) {
      const vb = value(r.b, w);
      const va = value(r.a, w);
      const residual = Math.log(vb) - Math.log(va) - r.stated;
      for (let j = 0; j < k; j++) {
        g[j] =
          (g[j] as number) +
          (2 * residual * ((r.b[j] as number) / vb - (r.a[j] as number) / va)) / rows.length;
      }
    }
    return g.map((x, j) => x + 2 * ridge * ((w[j] as number) - (options.prior[j] as number)));
  };
  let w = [...options.prior];
  let current = objective(w);
  let step = 1;
  for (let s = 0; s < (options.steps ?? 400) && step > 1e-9; s++) {
    const g = gradient(w);
    // Exponentiated gradient keeps the weights positive; a weight at 0 in the prior may still grow.
    const raw = w.map((x, j) => Math.max(x, 1e-12) * Math.exp(-step * (g[j] as number)));
    const total = raw.reduce((a, b) => a + b, 0);
    const next = raw.map((x) => x / total);
    const candidate = objective(next);
    if (candidate <= current) {
      w = next;
      current = candidate;
      step *= 1.1;
    } else {
      step /= 2;
    }
  }
  return w;
}

/** The log-values the weights give each item: what pairwiseAccuracy and deepFundingCost score. */
export function simplexLogWeights(
  features: ReadonlyMap<string, readonly number[]>,
  w: readonly number[],
): LogWeights {
  return new Map(
    [...features].map(([item, row]) => [
      item,
      Math.log(EPSILON + row.reduce((s, f, j) => s + f * (w[j] as number), 0)),
    ]),
  );
}
