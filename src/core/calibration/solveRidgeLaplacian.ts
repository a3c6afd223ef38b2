// Solves (L + diag(ridge)) x = rhs for a weighted graph Laplacian L: the linear system every pair fit reduces to.
import { InvalidCalibrationInput, InvalidCalibrationOption } from "./calibrationErrors.ts";

/** The system's matrix: the Laplacian of edges (a[p], b[p]) with weights w[p] (1 when absent), plus a ridge. */
export interface RidgeLaplacian {
  /** Number of unknowns (items). */
  size: number;
  a: Int32Array;
  b: Int32Array;
  /** Edge weights ≥ 0; every edge weighs 1 when absent. */
  weights?: Float64Array;
  /** The diagonal added to the Laplacian: one value for all, or one per unknown; each > 0. */
  ridge: number | Float64Array;
}

/**
 * x with (L + diag(ridge)) x = rhs, by conjugate gradients preconditioned with the diagonal. The matrix is
 * symmetric positive definite whenever every ridge value is > 0, so the solve converges; it stops when
 * the residual is below 1e-12 of rhs's norm (or after 10·size + 100 steps). Cost: O(pairs + size) a step.
 * @throws InvalidCalibrationOption when a ridge value is not a finite number > 0; InvalidCalibrationInput
 *   when rhs has a value that is not finite
 */
export function solveRidgeLaplacian(system: RidgeLaplacian, rhs: Float64Array): Float64Array {
  const { size: n, a, b, weights, ridge } = system;
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = typeof ridge === "number" ? ridge : (ridge[i] ?? Number.NaN);
    if (!(r > 0) || !Number.isFinite(r))
      throw new InvalidCalibrationOption("ridge", r, "must be a finite number > 0");
    diag[i] = r;
  }
  for (let p = 0; p < a.length; p++) {
    const w = weights?.[p] ?? 1;
    const i = a[p] as number;
    const j = b[p] as number;
    diag[i] = (diag[i] as number) + w;
    diag[j] = (diag[j] as number) + w;
  }
  const multiply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++)
      out[i] = ((typeof ridge === "number" ? ridge : ridge[i]) as number) * (v[i] as number);
    for (let p = 0; p < a.length; p++) {
      const w = weights?.[p] ?? 1;
      const i = a[p] as number;
      const j = b[p] as number;
      const d = w * ((v[i] as number) - (v[j] as number));
      out[i] = (out[i] as number) + d;
      out[j] = (out[j] as number) - d;
    }
  };
  const x = new Float64Array(n);
  // Solved for rhs / scale, so that tiny or huge right-hand sides neither underflow nor overflow.
  let scale = 0;
  for (const v of rhs) scale = Math.max(scale, Math.abs(v));
  if (!Number.isFinite(scale))
    throw new InvalidCalibrationInput("the right-hand side", scale, "must be finite");
  if (scale === 0) return x;
  const r = Float64Array.from(rhs, (v) => v / scale);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (r[i] as number) / (diag[i] as number);
  const p = Float64Array.from(z);
  const q = new Float64Array(n);
  let rz = dot(r, z);
  const stop = 1e-12 * Math.sqrt(dot(r, r));
  for (let step = 0; step < 10 * n + 100 && Math.sqrt(dot(r, r)) > stop; step++) {
    multiply(p, q);
    const curvature = dot(p, q);
    if (!(curvature > 0)) break;
    const alpha = rz / curvature;
    for (let i = 0; i < n; i++) {
      x[i] = (x[i] as number) + alpha * (p[i] as number);
      r[i] = (r[i] as number) - alpha * (q[i] as number);
      z[i] = (r[i] as number) / (diag[i] as number);
    }
    const next = dot(r, z);
    const beta = next / rz;
    rz = next;
    for (let i = 0; i < n; i++) p[i] = (z[i] as number) + beta * (p[i] as number);
  }
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) * scale;
  return x;
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u[i] as number) * (v[i] as number);
  return sum;
}
