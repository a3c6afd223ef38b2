// What each step of an epoch leaves for the next steps and the next epoch, stored in the store's meta
// table as JSON (bigints as decimal strings) alongside the epoch's state change.

import type { Hex } from "viem";
import { GuildError } from "../../core/errors.ts";
import type { Store, StoreTransaction } from "../../store/store.ts";
import type { EpochDuplicate } from "./epochDuplicates.ts";

/** A step's stored output is missing: the steps before it have not run, or the store was edited. */
export class EpochOutputMissing extends GuildError {}

/** Written when the epoch closes: the rules it runs under and the contributions it holds. */
export interface ClosedSnapshot {
  /** The governed config at closing, bigints as strings. */
  config: {
    configHash: Hex;
    budgetPerEpoch: string;
    capBps: number;
    floorAmount: string;
    challengeWindowSeconds: number;
    claimExpirySeconds: number;
    replicationFactor: number;
    assessmentConfigHash: Hex;
    halfLifeSeconds: number;
  };
  contributionIds: Hex[];
  closedAt: number;
}

/**
 * Written when the epoch is assessed: each contribution's value, and the hash of the accepted verdicts
 * (kept whole in the store's verdicts, and derived from them again by readAssessment when needed).
 */
export interface AssessedSnapshot {
  /** hashCanonicalJson of the accepted verdicts (AssessedVerdict[]) in the closed snapshot's order. */
  consensusHash: Hex;
  /** Value units per contribution (bigint as string); a contribution without a verdict has none. */
  values: { contributionId: Hex; valueUnits: string }[];
  /** Contributions some evaluator could not assess (fail closed): unpaid this epoch, shown in the report. */
  unassessed: Hex[];
  /**
   * Contributions that copy an earlier one (epochDuplicates): assessed, shown in the report and given no
   * value, so that the work is paid once. Absent in epochs assessed before duplicates were detected.
   */
  duplicates?: EpochDuplicate[];
}

/** Written when the epoch is allocated: what the next epoch builds on. */
export interface AllocatedSnapshot {
  referenceTime: string;
  /** Per recipient (address): carry-over owed and lifetime value units, after this epoch. */
  ledger: { recipient: string; carriedOut: string; lifetimeValueUnits: string }[];
  reportPath: string;
}

const key = (epochId: number, step: "closed" | "assessed" | "allocated") => `epoch/${epochId}/${step}`;

export async function writeSnapshot(
  tx: StoreTransaction,
  epochId: number,
  step: "closed" | "assessed" | "allocated",
  value: ClosedSnapshot | AssessedSnapshot | AllocatedSnapshot,
): Promise<void> {
  await tx.setMeta(key(epochId, step), JSON.parse(JSON.stringify(value)));
}

export async function readClosed(store: Store, epochId: number): Promise<ClosedSnapshot> {
  return read(store, epochId, "closed") as Promise<ClosedSnapshot>;
}

export async function readAssessed(store: Store, epochId: number): Promise<AssessedSnapshot> {
  return read(store, epochId, "assessed") as Promise<AssessedSnapshot>;
}

export async function readAllocated(store: Store, epochId: number): Promise<AllocatedSnapshot | undefined> {
  return (await store.getMeta(key(epochId, "allocated"))) as AllocatedSnapshot | undefined;
}

async function read(store: Store, epochId: number, step: "closed" | "assessed"): Promise<unknown> {
  const value = await store.getMeta(key(epochId, step));
  if (value === undefined) {
    throw new EpochOutputMissing(`epoch ${epochId} has no ${step} output`, { epochId, step });
  }
  return value;
}
