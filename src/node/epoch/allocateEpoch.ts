// Step assessed → allocated: values become exact payouts, leaves, a Merkle root and the epoch report.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import { readEpoch } from "../../chain/settlement.ts";
import { GuildError } from "../../core/errors.ts";
import type { EpochReport } from "../../core/report/epochReport.ts";
import type { EpochRecord, JsonValue } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { computeEpochAllocation } from "./computeEpochAllocation.ts";
import { readAssessed, readClosed, writeSnapshot } from "./epochLedger.ts";
import { lastSettledEpoch } from "./lastSettledEpoch.ts";
import { readAssessment } from "./readAssessment.ts";
import { requireEpoch } from "./requireEpoch.ts";

export { NothingToSettle } from "./computeEpochAllocation.ts";
export { PreviousEpochUnsettled } from "./lastSettledEpoch.ts";

/** The verdicts in the store no longer give the accepted verdicts the epoch was assessed with. */
export class AssessmentChanged extends GuildError {}

/** How long after the earliest allowed challenge end the node sets it, so the proposal has time to land. */
export const CHALLENGE_END_MARGIN_SECONDS = 3_600n;

/** Where the node writes epoch `epochId`'s report in the data directory. */
export const reportPathOf = (dataDir: string, epochId: number) =>
  join(dataDir, "reports", `epoch-${epochId}.json`);

/**
 * Allocates an assessed epoch (or re-allocates an allocated or vetoed one; see `referenceTimeFor` for
 * when the reference time is chosen anew): reads its stored inputs, runs `computeEpochAllocation` on
 * them at the epoch's reference time, and writes the report to `<dataDir>/reports/epoch-<id>.json`,
 * then the payouts, ledger and report to the store in one transaction with the move to `allocated`.
 * @throws UnknownEpoch; PreviousEpochUnsettled when the epoch before is not finalized;
 *   NothingToSettle; the allocation's own errors (CapTooLow, …)
 */
export async function allocateEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  const epoch = await requireEpoch(ctx, epochId);
  if (!["assessed", "allocated", "vetoed"].includes(epoch.state)) return epoch;
  // An allocated epoch whose reference time can still be proposed is done: redoing it would give the
  // same bytes (only a stale reference time, or a veto, calls for a new allocation).
  if (epoch.state === "allocated" && (await keptReferenceTime(ctx, epoch)) !== undefined) return epoch;
  const closed = await readClosed(ctx.store, epochId);
  const assessedSnapshot = await readAssessed(ctx.store, epochId);
  const assessment = await readAssessment(ctx.store, closed.contributionIds, ctx.assessment.evaluators);
  if (assessment.consensusHash !== assessedSnapshot.consensusHash) {
    throw new AssessmentChanged(`epoch ${epochId}'s stored verdicts changed after it was assessed`, {
      epochId,
      assessed: assessedSnapshot.consensusHash,
      now: assessment.consensusHash,
    });
  }
  const previous = await lastSettledEpoch(ctx.store, epochId);
  const contributions = await ctx.store.getContributionHeads(closed.contributionIds);
  const referenceTime = await referenceTimeFor(ctx, epoch, closed.config.challengeWindowSeconds);
  const { report, root, payouts, ledger } = computeEpochAllocation({
    epochId,
    manifest: ctx.manifest,
    assessment: ctx.assessment,
    config: closed.config,
    contributions,
    assessed: {
      values: assessedSnapshot.values,
      ...(assessedSnapshot.duplicates === undefined ? {} : { duplicates: assessedSnapshot.duplicates }),
      consensus: assessment.consensus,
      consensusHash: assessment.consensusHash,
    },
    previous,
    referenceTime,
  });

  const reportPath = reportPathOf(ctx.dataDir, epochId);
  mkdirSync(join(ctx.dataDir, "reports"), { recursive: true });
  const reportHash = writeReport(report, reportPath);

  ctx.crashpoint("allocate:before-write");
  return ctx.store.transaction(async (tx) => {
    await tx.savePayouts(epochId, payouts);
    await writeSnapshot(tx, epochId, "allocated", {
      referenceTime: referenceTime.toString(),
      ledger,
      reportPath,
    });
    return tx.advanceEpoch({
      epochId,
      from: epoch.state,
      to: "allocated",
      outputs: { report: report.summary as JsonValue, reportHash, root },
    });
  });
}

/** Bytes of report text gathered before each write. */
const WRITE_CHUNK_CHARS = 1 << 20;

/**
 * Writes the report's canonical JSON to `path` in pieces: to `<path>.tmp`, flushed to disk, then
 * renamed over `path`, so the file is either the old report or the whole new one. Returns its hash.
 */
function writeReport(report: EpochReport, path: string): Hex {
  const fd = openSync(`${path}.tmp`, "w");
  let hash: Hex;
  try {
    let pending: string[] = [];
    let chars = 0;
    const flush = () => {
      writeSync(fd, pending.join(""));
      pending = [];
      chars = 0;
    };
    hash = report.emitAndHash((piece) => {
      pending.push(piece);
      chars += piece.length;
      if (chars >= WRITE_CHUNK_CHARS) flush();
    });
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
  return hash;
}

/**
 * The epoch's reference time (the challenge end its proposal will carry): chosen from the chain's clock
 * plus the window plus a margin for the proposal to land, and kept, so that an allocation redone after a
 * crash gives the same leaves and report. Chosen anew after a veto, and when the kept one could no
 * longer be proposed (the node was down longer than the margin) unless the chain already holds the
 * epoch's proposal.
 */
async function referenceTimeFor(
  ctx: NodeContext,
  epoch: EpochRecord,
  windowSeconds: number,
): Promise<bigint> {
  const kept = await keptReferenceTime(ctx, epoch, windowSeconds);
  if (kept !== undefined) return kept;
  const chosen = (await chainNow(ctx)) + BigInt(windowSeconds) + CHALLENGE_END_MARGIN_SECONDS;
  await ctx.store.setMeta(`epoch/${epoch.id}/referenceTime`, chosen.toString());
  return chosen;
}

/**
 * The reference time kept for the epoch, if it still serves: not after a veto, and only while a
 * proposal made now could carry it (or the chain already holds the epoch's proposal).
 */
async function keptReferenceTime(
  ctx: NodeContext,
  epoch: EpochRecord,
  windowSeconds?: number,
): Promise<bigint | undefined> {
  const kept = await ctx.store.getMeta(`epoch/${epoch.id}/referenceTime`);
  if (typeof kept !== "string" || epoch.state === "vetoed") return undefined;
  const window = windowSeconds ?? (await readClosed(ctx.store, epoch.id)).config.challengeWindowSeconds;
  const now = await chainNow(ctx);
  const proposable = BigInt(kept) >= now + BigInt(window) + PROPOSAL_LEEWAY_SECONDS;
  if (proposable || (epoch.state === "allocated" && (await proposedOnChain(ctx, epoch.id)))) {
    return BigInt(kept);
  }
  return undefined;
}

/** Least time a kept reference time must leave for its proposal to land, in seconds. */
const PROPOSAL_LEEWAY_SECONDS = 60n;

/**
 * The chain's time now, unix seconds: the latest of its latest block, its pending block and this
 * machine's clock. A quiet chain (the embedded one mines only on transactions) may have a latest block
 * hours old while the next block will carry the time of day.
 */
async function chainNow(ctx: NodeContext): Promise<bigint> {
  const { publicClient } = ctx.chain;
  const latest = (await publicClient.getBlock()).timestamp;
  const pending = await publicClient
    .getBlock({ blockTag: "pending" })
    .then((b) => b.timestamp)
    .catch(() => latest);
  const clock = BigInt(Math.floor(Date.now() / 1000));
  return [latest, pending, clock].reduce((a, b) => (a > b ? a : b));
}

/** Whether the chain holds a live (proposed or finalized) proposal of the epoch. */
async function proposedOnChain(ctx: NodeContext, epochId: number): Promise<boolean> {
  const onChain = await readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, BigInt(epochId));
  return onChain.stateName === "Proposed" || onChain.stateName === "Finalized";
}
