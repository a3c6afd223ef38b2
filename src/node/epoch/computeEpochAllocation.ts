// The pure part of allocating an epoch: its stored inputs in, payouts, leaves, root and report out.
// allocateEpoch runs it to settle an epoch and verifyEpoch runs it to check one, so the two cannot drift.
import type { Address, Hex } from "viem";
import { getAddress, isAddress } from "viem";
import type { AssessmentConfig } from "../../assess/assessmentConfig.ts";
import type { Manifest } from "../../chain/manifest.ts";
import type { Allocation, AllocationRecipientInput } from "../../core/allocation/allocate.ts";
import { allocate } from "../../core/allocation/allocate.ts";
import type { AssessedVerdict } from "../../core/assessment/assessedVerdict.ts";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { ContributionHead } from "../../core/contribution/contribution.ts";
import { GuildError } from "../../core/errors.ts";
import { fairnessFigures } from "../../core/fairness/fairnessFigures.ts";
import type { PayoutLeaf } from "../../core/merkle/payoutTree.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import type { EpochReport } from "../../core/report/epochReport.ts";
import { buildEpochReport } from "../../core/report/epochReport.ts";
import { decayReputation } from "../../core/reputation/decayReputation.ts";
import type { EpochEarnings } from "../../core/settlement/cumulativeLeaves.ts";
import { cumulativeLeaves } from "../../core/settlement/cumulativeLeaves.ts";
import type { Payout } from "../../store/store.ts";
import type { AllocatedSnapshot, AssessedSnapshot, ClosedSnapshot } from "./epochLedger.ts";

/** An epoch with nothing to pay and no earlier leaves cannot be settled. */
export class NothingToSettle extends GuildError {}

/** What the last settled epoch leaves the next one: its leaves, its ledger and its reference time. */
export interface SettledEpoch {
  /** Its payouts, whose cumulative amounts are its leaves. */
  payouts: readonly Payout[];
  ledger: AllocatedSnapshot["ledger"];
  /** Its challenge end, unix seconds; 0 before the first epoch. */
  referenceTime: bigint;
}

export interface EpochAllocationInput {
  epochId: number;
  /** The deployment: chain id, settlement contract, deployment time and founders' reputation. */
  manifest: Pick<Manifest, "chainId" | "contracts" | "deployedAt" | "params">;
  /** The governed assessment configuration (its hash is the closed config's `assessmentConfigHash`). */
  assessment: Pick<AssessmentConfig, "rubric" | "balancedBps" | "reputationPerPaymentBps">;
  /** The governed config the epoch closed under. */
  config: ClosedSnapshot["config"];
  /** The epoch's contributions as stored (those of the closed snapshot the store has). */
  contributions: readonly ContributionHead[];
  /** The assessed step's output: accepted verdicts (see readAssessment) and each contribution's value. */
  assessed: Pick<AssessedSnapshot, "values" | "duplicates"> & {
    consensus: readonly AssessedVerdict[];
    /** assessedVerdictsHash(consensus) when known (allocateEpoch has it checked); computed otherwise. */
    consensusHash?: Hex;
  };
  previous: SettledEpoch;
  /** The epoch's challenge end, unix seconds: leaves value reputation as of this time. */
  referenceTime: bigint;
}

export interface EpochAllocation {
  allocation: Allocation;
  /** What each paid recipient earns this epoch: base units and reputation. */
  earnings: EpochEarnings[];
  /** Cumulative leaves, sorted by account. */
  leaves: PayoutLeaf[];
  root: Hex;
  report: EpochReport;
  /** One per leaf: this epoch's amount and reputation and the cumulative ones, as the store keeps them. */
  payouts: Payout[];
  /** What the next epoch builds on: carry-overs and lifetime value per recipient. */
  ledger: AllocatedSnapshot["ledger"];
}

/**
 * Allocates an epoch from its inputs, with no I/O: contributors' values this epoch, carry-overs and
 * lifetime figures from the last settled epoch and the governed config become exact payouts
 * (`allocate`), reputation earned with them, cumulative leaves, the Merkle root and the report. The same
 * input always gives the same bytes.
 * @throws NothingToSettle when nobody is paid and no earlier epoch paid anybody; the allocation's own
 *   errors (CapTooLow, …)
 */
export function computeEpochAllocation(input: EpochAllocationInput): EpochAllocation {
  const { epochId, manifest, assessment, config, previous, referenceTime } = input;
  const contributions = new Map<string, ContributionHead>(input.contributions.map((c) => [c.id, c]));
  const valueByRecipient = new Map<string, bigint>();
  const unmapped = new Map<
    string,
    { source: string; name: string; contributions: number; valueUnits: bigint }
  >();
  for (const { contributionId, valueUnits } of input.assessed.values) {
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
    budget: BigInt(config.budgetPerEpoch),
    params: {
      capBps: config.capBps,
      floorAmount: BigInt(config.floorAmount),
      balancedBps: assessment.balancedBps,
    },
    recipients: rows,
  });

  const halfLife = BigInt(config.halfLifeSeconds);
  const earnings: EpochEarnings[] = allocation.recipients
    .filter((r) => r.payout > 0n)
    .map((r) => ({
      account: r.recipient as Address,
      amount: r.payout,
      reputation: (r.payout * BigInt(assessment.reputationPerPaymentBps)) / 10_000n,
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
  const deployedAt = BigInt(Math.floor(Date.parse(manifest.deployedAt) / 1000));
  const power = new Map<string, bigint>();
  const founders = (manifest.params.founders ?? []) as { account: string; reputation: string }[];
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
    chainId: manifest.chainId,
    settlement: manifest.contracts.token,
    configHash: config.configHash,
    config,
    rubricHash: rubricHash(assessment.rubric),
    referenceTime,
    contributions: [...contributions.values()],
    verdicts: input.assessed.consensus,
    ...(input.assessed.consensusHash === undefined ? {} : { verdictsHash: input.assessed.consensusHash }),
    allocation,
    reputation: earnings.map((e) => ({ recipient: e.account, amount: e.reputation })),
    unmapped: [...unmapped.values()],
    ...(input.assessed.duplicates === undefined ? {} : { duplicates: input.assessed.duplicates }),
    leaves,
    root: tree.root,
    fairness: {
      payouts: fairnessFigures(allocation.recipients.map((r) => r.payout)),
      votingPower: fairnessFigures([...power.values()]),
    },
  });

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
  const ledger = allocation.recipients.map((r) => ({
    recipient: r.recipient,
    carriedOut: r.carriedOut.toString(),
    lifetimeValueUnits: (r.valueUnits + BigInt(prior.get(r.recipient)?.lifetimeValueUnits ?? "0")).toString(),
  }));
  return { allocation, earnings, leaves, root: tree.root, report, payouts, ledger };
}
