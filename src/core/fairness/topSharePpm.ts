// The share of the total held by the largest holders (the top-10 share of a report).
import { GuildError } from "../errors.ts";
import { ascendingAmounts } from "./ascendingAmounts.ts";
import { ratioPpm } from "./ratioPpm.ts";

/** The number of top holders asked for is not a positive integer. */
export class InvalidHolderCount extends GuildError {}

/**
 * The part of the total held by the `holders` largest amounts (default 10), in parts per million,
 * rounded half up; 1,000,000 when there are no more than `holders` amounts. A zero total gives 0.
 * @throws InvalidAmount for a negative or non-bigint amount
 * @throws InvalidHolderCount when `holders` is not a positive integer
 */
export function topSharePpm(amounts: readonly bigint[], holders = 10): number {
  if (!Number.isSafeInteger(holders) || holders < 1) {
    throw new InvalidHolderCount(`the number of top holders must be a positive integer, got ${holders}`, {
      holders,
    });
  }
  const { ascending, total } = ascendingAmounts(amounts);
  if (total === 0n) return 0;
  const top = ascending.slice(Math.max(0, ascending.length - holders)).reduce((s, x) => s + x, 0n);
  return ratioPpm(top, total);
}
