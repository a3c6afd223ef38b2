// Splits an amount of base units in proportion to weights, exactly: the parts always sum to the amount.
import { GuildError } from "../errors.ts";

/** The weights cannot be split over: empty, negative, or all zero with something to split. */
export class InvalidWeights extends GuildError {}

/**
 * Splits `amount` (base units) in proportion to `weights` by the largest-remainder method: each part is
 * floor(amount × w / Σw), and the units left over go one each to the largest remainders, ties to the
 * lower index. The parts sum to `amount` exactly, and no part differs from its exact share by a unit or more.
 * @throws InvalidWeights when a weight is negative, or all are zero while `amount` is positive
 */
export function splitExact(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (amount < 0n) throw new InvalidWeights("cannot split a negative amount", { amount });
  let total = 0n;
  for (const [index, weight] of weights.entries()) {
    if (weight < 0n) throw new InvalidWeights(`weight ${index} is negative`, { index, weight });
    total += weight;
  }
  if (total === 0n) {
    if (amount === 0n) return weights.map(() => 0n);
    throw new InvalidWeights("all weights are zero, so there is no share to give", {
      amount,
      count: weights.length,
    });
  }
  const parts = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, index) => ({ index, remainder: (amount * w) % total }));
  let left = amount - parts.reduce((sum, p) => sum + p, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left--;
  }
  return parts;
}
