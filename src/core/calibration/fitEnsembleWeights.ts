// Calibrates an ensemble to jurors: nonnegative weights on items' log-features (evaluator scores, metrics)
// so that their differences predict the jurors' log-ratios, plus a per-item correction the pairs support.
import { InvalidCalibrationInput, InvalidCalibrationOption } from "./calibrationErrors.ts";
import { indexPairs } from "./indexPairs.ts";
import type { JurorPair } from "./jurorPair.ts";
import { minimiseBoxedQuadratic } from "./minimiseBoxedQuadratic.ts";
import { solveRidgeLaplacian } from "./solveRidgeLaplacian.ts";

export interface FitEnsembleOptions {
  /**
   * λ, the pull of each item's log-weight toward the ensemble's prediction (default 1). Infinity fits the
   * ensemble alone: log-weights are exactly Φβ. A finite λ lets the pairs move an item off its prediction,
   * the further the more pairs name it.
   */
  ridge?: number;
  /**
   * μ > 0, a ridge on the feature weights themselves (default 1): a unit of weight costs as much as a unit
   * of one pair's squared error, so a handful of pairs cannot swing the prior of every item they do not name.
   */
  weightRidge?: number;
  /** Stated log-ratios beyond ±this are clipped to it (default none). */
  maxLogRatio?: number;
  /** Keep every feature weight ≥ 0 (default true): a higher score or metric never lowers the prediction. */
  nonnegative?: boolean;
}

export interface EnsembleFit {
  /** β: one weight per feature column. A column's weight is the log-weight added per unit of the feature. */
  featureWeights: number[];
  /** Φβ for each item, in the order given: what the features alone predict. */
  prediction: number[];
  /** The fitted log-weights by item: the prediction plus the pairs' correction (natural log). */
  logWeights: Map<string, number>;
}

/**
 * Fits β (feature weights) and x (log-weights) minimising
 *   Σ_pairs (x_b − x_a − ℓ)² + λ Σ_items (x_i − (Φβ)_i)² + μ ‖β‖²,  β ≥ 0,
 * where Φ is `features` (one row of k finite log-features per item; centre them, only differences
 * matter) and ℓ the pair's stated log-ratio ln w_b − ln w_a, clipped to ±maxLogRatio. For a finite λ, x is
 * eliminated exactly (x = (L + λI)⁻¹(Dᵀℓ + λΦβ), L the pairs' Laplacian), which leaves a k × k quadratic
 * in β; with λ = Infinity the first sum is fitted by Φβ alone. With no feature columns this is
 * fitLogRatios with a prior of 0.
 * @throws DuplicateItem, InvalidJurorPair, UnknownPairItem (see indexPairs); InvalidCalibrationOption for a
 *   ridge that is not > 0 or a weightRidge that is not a finite number > 0; InvalidCalibrationInput for a
 *   feature row of the wrong length or a value that is not finite
 */
export function fitEnsembleWeights(
  items: readonly string[],
  features: readonly (readonly number[])[],
  pairs: readonly JurorPair[],
  options: FitEnsembleOptions = {},
): EnsembleFit {
  const ridge = options.ridge ?? 1;
  const weightRidge = options.weightRidge ?? 1;
  if (!(ridge > 0))
    throw new InvalidCalibrationOption("ridge", ridge, "must be > 0 (Infinity: the ensemble alone)");
  if (!(weightRidge > 0) || !Number.isFinite(weightRidge))
    throw new InvalidCalibrationOption("weightRidge", weightRidge, "must be a finite number > 0");
  const n = items.length;
  if (features.length !== n)
    throw new InvalidCalibrationInput(
      "features' row count",
      features.length,
      `must be one row per item (${n})`,
    );
  const k = features[0]?.length ?? 0;
  const column = (j: number) => Float64Array.from(features, (row) => row[j] as number);
  for (const [i, row] of features.entries()) {
    if (row.length !== k)
      throw new InvalidCalibrationInput(`features[${i}]'s length`, row.length, `must be ${k}, as row 0's`);
    for (const [j, value] of row.entries()) {
      if (!Number.isFinite(value))
        throw new InvalidCalibrationInput(`features[${i}][${j}]`, value, "must be finite");
    }
  }
  const { a, b, logRatio } = indexPairs(items, pairs, options.maxLogRatio);
  const columns = Array.from({ length: k }, (_, j) => column(j));
  const nonnegative = new Array<boolean>(k).fill(options.nonnegative ?? true);
  const q = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const g = new Array<number>(k).fill(0);

  if (ridge === Number.POSITIVE_INFINITY) {
    // Σ_p (Δφ_p·β − ℓ_p)²: normal equations over the pairs' feature differences.
    const diff = new Float64Array(k);
    for (let p = 0; p < a.length; p++) {
      for (let j = 0; j < k; j++) {
        const col = columns[j] as Float64Array;
        diff[j] = (col[b[p] as number] as number) - (col[a[p] as number] as number);
      }
      for (let j = 0; j < k; j++) {
        g[j] = (g[j] as number) + (diff[j] as number) * (logRatio[p] as number);
        const row = q[j] as number[];
        for (let l = 0; l < k; l++) row[l] = (row[l] as number) + (diff[j] as number) * (diff[l] as number);
      }
    }
    for (let j = 0; j < k; j++) (q[j] as number[])[j] = ((q[j] as number[])[j] as number) + weightRidge;
    const beta = minimiseBoxedQuadratic(q, g, nonnegative);
    const prediction = predict(columns, beta, n);
    return {
      featureWeights: beta,
      prediction,
      logWeights: new Map(items.map((it, i) => [it, prediction[i] as number])),
    };
  }

  if (!Number.isFinite(ridge))
    throw new InvalidCalibrationOption("ridge", ridge, "must be > 0 (Infinity: the ensemble alone)");
  const system = { size: n, a, b, ridge };
  const pairSums = new Float64Array(n);
  for (let p = 0; p < a.length; p++) {
    const d = logRatio[p] as number;
    pairSums[b[p] as number] = (pairSums[b[p] as number] as number) + d;
    pairSums[a[p] as number] = (pairSums[a[p] as number] as number) - d;
  }
  const s = solveRidgeLaplacian(system, pairSums);
  const z = columns.map((col) => solveRidgeLaplacian(system, col));
  // Q = λΦᵀΦ − λ²ΦᵀS⁻¹Φ + μI and g = λΦᵀS⁻¹Dᵀℓ, with S = L + λI (see the doc above).
  for (let j = 0; j < k; j++) {
    const cj = columns[j] as Float64Array;
    g[j] = ridge * dot(cj, s);
    for (let l = 0; l <= j; l++) {
      const cl = columns[l] as Float64Array;
      const value =
        ridge * dot(cj, cl) -
        ridge * ridge * 0.5 * (dot(cj, z[l] as Float64Array) + dot(cl, z[j] as Float64Array));
      (q[j] as number[])[l] = value;
      (q[l] as number[])[j] = value;
    }
    (q[j] as number[])[j] = ((q[j] as number[])[j] as number) + weightRidge;
  }
  const beta = minimiseBoxedQuadratic(q, g, nonnegative);
  const prediction = predict(columns, beta, n);
  const x = Float64Array.from(s);
  for (let j = 0; j < k; j++) {
    const zj = z[j] as Float64Array;
    const w = ridge * (beta[j] as number);
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) + w * (zj[i] as number);
  }
  return {
    featureWeights: beta,
    prediction,
    logWeights: new Map(items.map((it, i) => [it, x[i] as number])),
  };
}

function predict(columns: readonly Float64Array[], beta: readonly number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const [j, col] of columns.entries()) {
    const w = beta[j] as number;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + w * (col[i] as number);
  }
  return out;
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u[i] as number) * (v[i] as number);
  return sum;
}
