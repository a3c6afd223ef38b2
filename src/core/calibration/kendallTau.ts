// Kendall's rank correlation (tau-b) between two scorings of the same items.

import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import { checkedVector } from "./checkedVector.ts";

/**
 * Kendall's τ_b: (concordant − discordant) / √((n₀ − ties in x)(n₀ − ties in y)) over all n₀ pairs of
 * items, from −1 to 1; a pair tied in either vector is neither concordant nor discordant. NaN when either
 * vector is constant (or has fewer than two values). O(n²): meant for up to some thousands of items.
 * @throws InvalidCalibrationInput when the lengths differ or a value is not finite
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length)
    throw new InvalidCalibrationInput("y's length", y.length, `must equal x's (${x.length})`);
  const xs = checkedVector("x", x.length, x);
  const ys = checkedVector("y", y.length, y);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      total++;
      const dx = Math.sign((xs[i] as number) - (xs[j] as number));
      const dy = Math.sign((ys[i] as number) - (ys[j] as number));
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const denominator = Math.sqrt((total - tiesX) * (total - tiesY));
  if (denominator === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, (concordant - discordant) / denominator));
}
