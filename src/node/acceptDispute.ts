// Takes a contributor's signed dispute of a verdict (CLI or HTTP): checks it as the guild does, spends its
// nonce and stores it, together or not at all.

import { signingDomain } from "../chain/manifest.ts";
import { readEpoch } from "../chain/settlement.ts";
import {
  DisputeNotContributor,
  DisputeUnknownVerdict,
  DisputeWindowClosed,
} from "../core/disputes/disputeErrors.ts";
import { validateDispute } from "../core/disputes/validateDispute.ts";
import type { DisputeRecord, EpochState } from "../store/store.ts";
import { contributionOwner } from "./contributionOwner.ts";
import type { NodeContext } from "./openNode.ts";

/** States in which an epoch's verdicts are final and can still change its payouts: disputes are taken. */
const DISPUTABLE_STATES: readonly EpochState[] = ["assessed", "allocated", "proposed", "vetoed"];

/**
 * Validates `raw` (a SignedDispute as parsed JSON) for this guild at the chain's time; checks that the
 * contribution exists and is the disputant's (its address, or the address an identity mapping ties its
 * unmapped contributor to), that its epoch is assessed and not settled (not finalized, and for a proposed
 * epoch, its challenge window on chain still open, while a veto can still stop it), and that the named
 * evaluator has a verdict on it; then spends the nonce and stores the dispute in one transaction.
 * @returns the dispute as stored
 * @throws InvalidDispute (naming the problem), NonceAlreadyUsed, DisputeAlreadyFiled; nothing is stored then
 */
export async function acceptDispute(ctx: NodeContext, raw: unknown): Promise<DisputeRecord> {
  const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  const dispute = await validateDispute(raw, {
    ...signingDomain(ctx.manifest),
    now,
  });
  const { contributionId, disputant, evaluator } = dispute;
  const contribution = await ctx.store.getContribution(contributionId);
  if (contribution === undefined) {
    throw new DisputeUnknownVerdict(`there is no contribution ${contributionId}`, { contributionId });
  }
  const { contributor } = contribution;
  const owner = await contributionOwner(ctx.store, contribution);
  if (owner === undefined || owner.toLowerCase() !== disputant.toLowerCase()) {
    throw new DisputeNotContributor(`only the contributor may dispute the verdicts on ${contributionId}`, {
      contributionId,
      disputant,
      contributor:
        contributor.kind === "address" ? contributor.address : `${contributor.source}:${contributor.name}`,
    });
  }

  const epochId = contribution.epochId;
  const epoch = await ctx.store.getEpoch(epochId);
  if (epoch?.state === "finalized") {
    throw new DisputeWindowClosed(`epoch ${epochId} is finalized: its payouts are settled`, {
      epochId,
      state: epoch.state,
    });
  }
  if (epoch === undefined || !DISPUTABLE_STATES.includes(epoch.state)) {
    throw new DisputeUnknownVerdict(`epoch ${epochId} is not assessed yet: there is no verdict to dispute`, {
      contributionId,
      epochId,
      state: epoch?.state ?? "none",
    });
  }
  if (epoch.state === "proposed") {
    // A veto is possible only before the challenge window's end; the chain says when that is.
    const onChain = await readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, BigInt(epochId));
    const endsAt = Number(onChain.challengeEndsAt);
    if (onChain.stateName !== "Proposed" || now >= endsAt) {
      throw new DisputeWindowClosed(
        `epoch ${epochId}'s challenge window closed at ${endsAt} (now ${now}): it can no longer be vetoed`,
        { epochId, challengeEndsAt: endsAt, now },
      );
    }
  }

  const evaluators = [
    ...new Set((await ctx.store.listVerdicts({ contributionId })).map((v) => v.evaluator.id)),
  ];
  if (!evaluators.includes(evaluator)) {
    throw new DisputeUnknownVerdict(`${evaluator} gave no verdict on ${contributionId}`, {
      contributionId,
      evaluator,
      evaluators,
    });
  }
  return ctx.store.transaction(async (tx) => {
    await tx.useNonce(disputant, dispute.nonce);
    return tx.saveDispute(dispute);
  });
}
