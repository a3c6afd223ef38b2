// The epoch an allocation builds on: the one before, which must be finalized (epochs settle in order).
import { GuildError } from "../../core/errors.ts";
import type { Payout, Store } from "../../store/store.ts";
import type { SettledEpoch } from "./computeEpochAllocation.ts";
import { readAllocated } from "./epochLedger.ts";

/** The epoch before this one is not settled yet, so this one cannot build on it. */
export class PreviousEpochUnsettled extends GuildError {}

/**
 * The epoch before `epochId`: its leaves (payouts), ledger and reference time, as stored. Empty before
 * the first epoch.
 * @throws PreviousEpochUnsettled when the epoch before is not finalized
 */
export async function lastSettledEpoch(store: Store, epochId: number): Promise<SettledEpoch> {
  if (epochId <= 1) return { payouts: [] as Payout[], ledger: [], referenceTime: 0n };
  const previous = await store.getEpoch(epochId - 1);
  if (previous?.state !== "finalized") {
    throw new PreviousEpochUnsettled(
      `epoch ${epochId - 1} is ${previous?.state ?? "missing"}; finalize it before allocating epoch ${epochId}`,
      { epochId, previous: epochId - 1, state: previous?.state },
    );
  }
  const allocated = await readAllocated(store, epochId - 1);
  return {
    payouts: await store.listPayouts(epochId - 1),
    ledger: allocated?.ledger ?? [],
    referenceTime: BigInt(allocated?.referenceTime ?? "0"),
  };
}
