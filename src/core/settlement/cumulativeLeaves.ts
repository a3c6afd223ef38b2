// The claim leaves of an epoch: everything each account has earned so far, as the settlement expects.
import type { Address } from "viem";
import { getAddress } from "viem";
import { GuildError } from "../errors.ts";
import type { PayoutLeaf } from "../merkle/payoutTree.ts";
import { decayReputation } from "../reputation/decayReputation.ts";

/** The leaves cannot be built: times go backwards, or an amount is negative or repeated. */
export class InvalidLeafInput extends GuildError {}

/** What an account has earned in all finalized epochs so far, as carried in the last epoch's leaf. */
export interface CumulativeEntry {
  account: Address;
  /** Base units of GuildToken earned in all epochs so far. */
  cumulativeAmount: bigint;
  /** Reputation earned so far, each epoch's part decayed to the last epoch's reference time. */
  cumulativeReputation: bigint;
}

export interface EpochEarnings {
  account: Address;
  amount: bigint;
  reputation: bigint;
}

/**
 * The leaves of a new epoch: the previous epoch's leaves with its reputation decayed from
 * `previousReferenceTime` to `referenceTime` (both unix seconds, the epochs' challenge ends), plus this
 * epoch's earnings. Accounts with nothing ever earned get no leaf; the result is sorted by account.
 * @throws InvalidLeafInput when `referenceTime` is before `previousReferenceTime`, an amount is
 * negative, or an account appears twice in either list
 */
export function cumulativeLeaves(
  previous: readonly CumulativeEntry[],
  previousReferenceTime: bigint,
  earnings: readonly EpochEarnings[],
  referenceTime: bigint,
  halfLifeSeconds: bigint,
): PayoutLeaf[] {
  if (referenceTime < previousReferenceTime) {
    throw new InvalidLeafInput("an epoch's reference time cannot be before the previous epoch's", {
      previousReferenceTime,
      referenceTime,
    });
  }
  const elapsed = referenceTime - previousReferenceTime;
  const byAccount = new Map<Address, { amount: bigint; reputation: bigint }>();
  const seen = new Set<Address>();
  for (const entry of previous) {
    const account = getAddress(entry.account);
    if (seen.has(account)) throw new InvalidLeafInput(`${account} has two previous leaves`, { account });
    seen.add(account);
    if (entry.cumulativeAmount < 0n || entry.cumulativeReputation < 0n) {
      throw new InvalidLeafInput(`${account}'s previous leaf is negative`, { account });
    }
    byAccount.set(account, {
      amount: entry.cumulativeAmount,
      reputation: decayReputation(entry.cumulativeReputation, elapsed, halfLifeSeconds),
    });
  }
  seen.clear();
  for (const earned of earnings) {
    const account = getAddress(earned.account);
    if (seen.has(account)) throw new InvalidLeafInput(`${account} earns twice in one epoch`, { account });
    seen.add(account);
    if (earned.amount < 0n || earned.reputation < 0n) {
      throw new InvalidLeafInput(`${account} earns a negative amount`, {
        account,
        amount: earned.amount,
        reputation: earned.reputation,
      });
    }
    const before = byAccount.get(account) ?? { amount: 0n, reputation: 0n };
    byAccount.set(account, {
      amount: before.amount + earned.amount,
      reputation: before.reputation + earned.reputation,
    });
  }
  return [...byAccount]
    .filter(([, c]) => c.amount > 0n || c.reputation > 0n)
    .sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .map(([account, c]) => ({ account, cumulativeAmount: c.amount, cumulativeReputation: c.reputation }));
}
