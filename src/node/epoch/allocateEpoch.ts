// Step assessed → allocated: values become exact payouts, leaves, a Merkle root and the epoch report.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address } from "viem";
import { getAddress, isAddress } from "viem";
import type { AllocationRecipientInput } from "../../core/allocation/allocate.ts";
import { allocate } from "../../core/allocation/allocate.ts";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { GuildError } from "../../core/errors.ts";
import { fairnessFigures } from "../../core/fairness/fairnessFigures.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import { buildEpochReport } from "../../core/report/epochReport.ts";
import { decayReputation } from "../../core/reputation/decayReputation.ts";
import { cumulativeLeaves } from "../../core/settlement/cumulativeLeaves.ts";
import type { EpochRecord, Payout } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { readAllocated, readAssessed, readClosed, writeSnapshot } from "./epochLedger.ts";

/** The epoch before this one is not settled yet, so this one cannot build on it. */
export class PreviousEpochUnsettled extends GuildError {}
/** An epoch with nothing to pay and no earlier leaves cannot be settled. */
export class NothingToSettle extends GuildError {}

/** How long after the earliest allowed challenge end the node sets it, so the proposal has time to land. */
export const CHALLENGE_END_MARGIN_SECONDS = 3_600n;

/**
 * Allocates an assessed epoch (or re-allocates an allocated or vetoed one, with a fresh reference
 * time): contributors' values this epoch, carry-overs and lifetime figures from the last settled epoch
 * and the governed config become exact payouts (`allocate`), reputation earned with them, cumulative
 * leaves, the Merkle root and the report, written to `<dataDir>/reports/epoch-<id>.json` and to the
 * store in one transaction with the move to `allocated`.
 * @throws PreviousEpochUnsettled when the epoch before is not finalized;
 *   NothingToSettle; the allocation's own errors (CapTooLow, …)
 */
export async function allocateEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  const epoch = await ctx.store.getEpoch(epochId);
  if (epoch === undefined || !["assessed", "allocated", "vetoed"].includes(epoch.state))
    return epoch as EpochRecord;
  const closed = await readClosed(ctx.store, epochId);
  const assessed = await readAssessed(ctx.store, epochId);
  const previous = await lastSettled(ctx, epochId);

  const contributions = new Map<string, Contribution>();
  for (const id of closed.contributionIds) {
    const c = await ctx.store.getContribution(id);
    if (c !== undefined) contributions.set(id, c);
  }
  const valueByRecipient = new Map<string, bigint>();
  const unmapped = new Map<
    string,
    { source: string; name: string; contributions: number; valueUnits: bigint }
  >();
  for (const { contributionId, valueUnits } of assessed.values) {
    const c = contributions.get(contributionId);
    if (c === undefined) continue;
    if (c.contributor.kind === "address") {
      const who = getAddress(c.contributor.address);
      valueByRecipient.set(who, (valueByRecipient.get(who) ?? 0n) + BigInt(valueUnits));
    } else {
      const key = `${c.contributor.source}\u0000${c.contributor.name}`;
      const u = unmapped.get(key) ?? {
        source: c.contributor.source,
        name: c.contributor.name,
        contributions: 0,
        valueUnits: 0n,
      };
      unmapped.set(key, {
        ...u,
        contributions: u.contributions + 1,
        valueUnits: u.valueUnits + BigInt(valueUnits),
      });
    }
  }

  const prior = new Map(previous.ledger.map((l) => [l.recipient, l]));
  const paidBefore = new Map(previous.payouts.map((p) => [getAddress(p.recipient), p]));
  const recipients = new Set<string>([...valueByRecipient.keys(), ...prior.keys()]);
  const rows: AllocationRecipientInput[] = [...recipients].map((recipient) => ({
    recipient,
    valueUnits: valueByRecipient.get(recipient) ?? 0n,
    carriedIn: BigInt(prior.get(recipient)?.carriedOut ?? "0"),
    lifetimeValueUnits: BigInt(prior.get(recipient)?.lifetimeValueUnits ?? "0"),
    lifetimePaid: isAddress(recipient) ? (paidBefore.get(getAddress(recipient))?.cumulativeAmount ?? 0n) : 0n,
  }));
  const allocation = allocate({
    budget: BigInt(closed.config.budgetPerEpoch),
    params: {
      capBps: closed.config.capBps,
      floorAmount: BigInt(closed.config.floorAmount),
      balancedBps: ctx.assessment.balancedBps,
    },
    recipients: rows,
  });

  const referenceTime = await referenceTimeFor(
    ctx,
    epochId,
    closed.config.challengeWindowSeconds,
    epoch.state === "vetoed",
  );
  const halfLife = BigInt(closed.config.halfLifeSeconds);
  const earnings = allocation.recipients
    .filter((r) => r.payout > 0n)
    .map((r) => ({
      account: r.recipient as Address,
      amount: r.payout,
      reputation: (r.payout * BigInt(ctx.assessment.reputationPerPaymentBps)) / 10_000n,
    }));
  const leaves = cumulativeLeaves(
    previous.payouts.map((p) => ({
      account: p.recipient,
      cumulativeAmount: p.cumulativeAmount,
      cumulativeReputation: p.cumulativeReputation,
    })),
    previous.referenceTime,
    earnings,
    referenceTime,
    halfLife,
  );
  if (leaves.length === 0) {
    throw new NothingToSettle(`epoch ${epochId} pays nobody and no earlier epoch did either`, { epochId });
  }
  const tree = buildPayoutTree(leaves);

  // Voting power at the reference time: founders' reputation decayed since deployment, plus every leaf's.
  const deployedAt = BigInt(Math.floor(Date.parse(ctx.manifest.deployedAt) / 1000));
  const power = new Map<string, bigint>();
  const founders = (ctx.manifest.params.founders ?? []) as { account: string; reputation: string }[];
  for (const f of founders) {
    const who = getAddress(f.account);
    power.set(who, decayReputation(BigInt(f.reputation), referenceTime - deployedAt, halfLife));
  }
  for (const leaf of leaves) {
    const who = getAddress(leaf.account);
    power.set(who, (power.get(who) ?? 0n) + leaf.cumulativeReputation);
  }

  const report = buildEpochReport({
    epochId,
    chainId: ctx.manifest.chainId,
    settlement: ctx.manifest.contracts.token,
    configHash: closed.config.configHash,
    config: closed.config,
    rubricHash: rubricHash(ctx.assessment.rubric),
    referenceTime,
    contributions: [...contributions.values()],
    verdicts: assessed.consensus,
    allocation,
    reputation: earnings.map((e) => ({ recipient: e.account, amount: e.reputation })),
    unmapped: [...unmapped.values()],
    leaves,
    root: tree.root,
    fairness: {
      payouts: fairnessFigures(allocation.recipients.map((r) => r.payout)),
      votingPower: fairnessFigures([...power.values()]),
    },
  });
  const reportsDir = join(ctx.dataDir, "reports");
  mkdirSync(reportsDir, { recursive: true });
  const reportPath = join(reportsDir, `epoch-${epochId}.json`);
  writeFileSync(`${reportPath}.tmp`, report.json);
  renameSync(`${reportPath}.tmp`, reportPath);

  const earned = new Map(earnings.map((e) => [getAddress(e.account), e]));
  const payouts: Payout[] = leaves.map((leaf) => {
    const e = earned.get(getAddress(leaf.account));
    return {
      recipient: leaf.account,
      amount: e?.amount ?? 0n,
      reputation: e?.reputation ?? 0n,
      cumulativeAmount: leaf.cumulativeAmount,
      cumulativeReputation: leaf.cumulativeReputation,
    };
  });
  ctx.crashpoint("allocate:before-write");
  return ctx.store.transaction(async (tx) => {
    await tx.savePayouts(epochId, payouts);
    await writeSnapshot(tx, epochId, "allocated", {
      referenceTime: referenceTime.toString(),
      ledger: allocation.recipients.map((r) => ({
        recipient: r.recipient,
        carriedOut: r.carriedOut.toString(),
        lifetimeValueUnits: (
          r.valueUnits + BigInt(prior.get(r.recipient)?.lifetimeValueUnits ?? "0")
        ).toString(),
      })),
      reportPath,
    });
    return tx.advanceEpoch({
      epochId,
      from: epoch.state,
      to: "allocated",
      outputs: { report: JSON.parse(report.json), reportHash: report.hash, root: tree.root },
    });
  });
}

/**
 * The epoch's reference time (the challenge end its proposal will carry): chosen once, from the chain's
 * clock plus the window plus a margin for the proposal to land, and kept, so that an allocation redone
 * after a crash gives the same leaves and report. A re-allocation after a veto chooses anew.
 */
async function referenceTimeFor(
  ctx: NodeContext,
  epochId: number,
  windowSeconds: number,
  fresh: boolean,
): Promise<bigint> {
  const key = `epoch/${epochId}/referenceTime`;
  const kept = await ctx.store.getMeta(key);
  if (typeof kept === "string" && !fresh) return BigInt(kept);
  const latest = await ctx.chain.publicClient.getBlock();
  const chosen = latest.timestamp + BigInt(windowSeconds) + CHALLENGE_END_MARGIN_SECONDS;
  await ctx.store.setMeta(key, chosen.toString());
  return chosen;
}

/**
 * The epoch before `epochId`, which must be finalized (epochs settle on chain in order): its leaves,
 * ledger and reference time. Empty before the first epoch.
 */
async function lastSettled(ctx: NodeContext, epochId: number) {
  if (epochId <= 1) {
    return {
      payouts: [] as Payout[],
      ledger: [] as { recipient: string; carriedOut: string; lifetimeValueUnits: string }[],
      referenceTime: 0n,
    };
  }
  const previous = await ctx.store.getEpoch(epochId - 1);
  if (previous?.state !== "finalized") {
    throw new PreviousEpochUnsettled(
      `epoch ${epochId - 1} is ${previous?.state ?? "missing"}; finalize it before allocating epoch ${epochId}`,
      { epochId, previous: epochId - 1, state: previous?.state },
    );
  }
  const allocated = await readAllocated(ctx.store, epochId - 1);
  return {
    payouts: await ctx.store.listPayouts(epochId - 1),
    ledger: allocated?.ledger ?? [],
    referenceTime: BigInt(allocated?.referenceTime ?? "0"),
  };
}
