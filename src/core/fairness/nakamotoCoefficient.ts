// The Nakamoto coefficient: how few holders together hold a majority.
import { ascendingAmounts } from "./ascendingAmounts.ts";

/**
 * The smallest number of holders whose amounts together are strictly more than 50% of the total (a
 * majority: with two equal holders each at exactly 50%, it takes both). For n equal holders that is
 * ⌊n/2⌋ + 1; one holder of everything gives 1. An empty list or a zero total gives 0 (there is no
 * majority to hold).
 * @throws InvalidAmount for a negative or non-bigint amount
 */
export function nakamotoCoefficient(amounts: readonly bigint[]): number {
  const { ascending, total } = ascendingAmounts(amounts);
  if (total === 0n) return 0;
  let held = 0n;
  let holders = 0;
  for (let i = ascending.length - 1; 2n * held <= total; i--) {
    held += ascending[i] ?? 0n;
    holders++;
  }
  return holders;
}
