// Spearman's rank correlation between two scorings of the same items.
import { averageRanks } from "./averageRanks.ts";
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import { checkedVector } from "./checkedVector.ts";

/**
 * Spearman's ρ: Pearson's correlation of the two vectors' average ranks (ties share their mean rank), from
 * −1 to 1. NaN when either vector is constant (or has fewer than two values): no order to compare.
 * @throws InvalidCalibrationInput when the lengths differ or a value is not finite
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length)
    throw new InvalidCalibrationInput("y's length", y.length, `must equal x's (${x.length})`);
  checkedVector("x", x.length, x);
  checkedVector("y", y.length, y);
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const n = x.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
