// The Gini coefficient of a list of amounts: 0 when all hold the same, near 1 when one holds everything.
import { ascendingAmounts } from "./ascendingAmounts.ts";
import { ratioPpm } from "./ratioPpm.ts";

/**
 * The Gini coefficient of `amounts` in parts per million (0 to 1,000,000), rounded half up. With the
 * amounts sorted smallest first as x₁ … xₙ and S their sum, G = Σᵢ (2i − n − 1)·xᵢ / (n·S), which equals
 * the mean absolute difference over all ordered pairs divided by twice the mean. Every holder counts,
 * zeros included, so one holder of everything among n gives (n − 1)/n; equal amounts give 0. Computed on
 * bigints and rounded once: the result does not depend on order or on scaling all amounts alike.
 * An empty list or a zero total gives 0 (nothing is held unequally).
 * @throws InvalidAmount for a negative or non-bigint amount
 */
export function giniPpm(amounts: readonly bigint[]): number {
  const { ascending, total } = ascendingAmounts(amounts);
  if (total === 0n) return 0;
  const n = BigInt(ascending.length);
  let numerator = 0n;
  for (const [i, x] of ascending.entries()) numerator += (2n * BigInt(i + 1) - n - 1n) * x;
  return ratioPpm(numerator, n * total);
}
