// Minimises a small convex quadratic βᵀQβ − 2gᵀβ with some coordinates kept ≥ 0: the ensemble weights' last step.

/**
 * β minimising βᵀQβ − 2gᵀβ subject to β_j ≥ 0 for every j with `nonnegative[j]`, by cyclic coordinate
 * descent (exact for each coordinate, so the objective never rises). Q must be symmetric positive
 * definite, k × k, k small (tens): each sweep costs O(k²). Stops when no coordinate moves more than
 * 1e-13 (relative) in a sweep, or after 100,000 sweeps.
 */
export function minimiseBoxedQuadratic(
  q: readonly (readonly number[])[],
  g: readonly number[],
  nonnegative: readonly boolean[],
): number[] {
  const k = g.length;
  const beta = new Array<number>(k).fill(0);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let moved = 0;
    let size = 0;
    for (let j = 0; j < k; j++) {
      const row = q[j] as readonly number[];
      const qjj = row[j] as number;
      let rest = g[j] as number;
      for (let l = 0; l < k; l++) if (l !== j) rest -= (row[l] as number) * (beta[l] as number);
      let value = qjj > 0 ? rest / qjj : 0;
      if (nonnegative[j] === true && value < 0) value = 0;
      moved = Math.max(moved, Math.abs(value - (beta[j] as number)));
      size = Math.max(size, Math.abs(value));
      beta[j] = value;
    }
    if (moved <= 1e-13 * Math.max(1, size)) break;
  }
  return beta;
}
