// Which epochs have verdicts a juror can check: assessed, or any state after.
import type { EpochState, Store } from "../../store/store.ts";

/** States in which an epoch's contributions have verdicts. */
export const ASSESSED_STATES: readonly EpochState[] = [
  "assessed",
  "allocated",
  "proposed",
  "finalized",
  "vetoed",
];

/** The newest epoch with verdicts, or undefined when none has any yet. */
export async function latestAssessedEpoch(store: Store): Promise<number | undefined> {
  for (let id = (await store.latestEpoch())?.id ?? 0; id >= 1; id--) {
    const epoch = await store.getEpoch(id);
    if (epoch !== undefined && ASSESSED_STATES.includes(epoch.state)) return id;
  }
  return undefined;
}
