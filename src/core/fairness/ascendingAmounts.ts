// The amounts a fairness figure is computed over, checked and sorted smallest first, with their exact total.
import { GuildError } from "../errors.ts";

/** An amount is negative or not a bigint: `details.index` is its position. */
export class InvalidAmount extends GuildError {
  constructor(index: number, amount: unknown) {
    super(`amount ${index} must be a bigint ≥ 0, got ${String(amount)}`, { index, amount });
  }
}

/** Amounts sorted smallest first, and their sum. */
export interface AscendingAmounts {
  ascending: bigint[];
  total: bigint;
}

/**
 * A sorted copy of `amounts` (base units, or any other bigint quantity) and their exact total.
 * @throws InvalidAmount for a negative or non-bigint amount
 */
export function ascendingAmounts(amounts: readonly bigint[]): AscendingAmounts {
  let total = 0n;
  for (const [index, amount] of amounts.entries()) {
    if (typeof amount !== "bigint" || amount < 0n) throw new InvalidAmount(index, amount);
    total += amount;
  }
  const ascending = [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ascending, total };
}
