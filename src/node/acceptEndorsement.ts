// Takes a member's signed endorsement of someone else's contribution (CLI or HTTP): checks it as the guild
// does, spends its nonce and stores it, together or not at all.
import { Reputation } from "../chain/contracts.generated.ts";
import { signingDomain } from "../chain/manifest.ts";
import {
  EndorsementOwnWork,
  EndorsementUnknownContribution,
  EndorsementWindowClosed,
  EndorserNotMember,
} from "../core/endorsements/endorsementErrors.ts";
import { validateEndorsement } from "../core/endorsements/validateEndorsement.ts";
import type { EndorsementRecord } from "../store/store.ts";
import { contributionOwner } from "./contributionOwner.ts";
import type { NodeContext } from "./openNode.ts";

/**
 * Validates `raw` (a SignedEndorsement as parsed JSON) for this guild at the chain's time; checks that the
 * contribution exists and is not the endorser's own (its address, or the address an identity mapping ties
 * its unmapped contributor to), that its epoch is still open, and that the endorser is a member: holds
 * reputation on chain now, which only paid work for the guild earns and no one can buy or be sent. Then
 * spends the nonce and stores the endorsement in one transaction (the store checks the epoch again there).
 * @returns the endorsement as stored
 * @throws InvalidEndorsement (naming the problem), NonceAlreadyUsed, EndorsementAlreadyGiven; nothing is
 *   stored then
 */
export async function acceptEndorsement(ctx: NodeContext, raw: unknown): Promise<EndorsementRecord> {
  const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  const endorsement = await validateEndorsement(raw, {
    ...signingDomain(ctx.manifest),
    now,
  });
  const { contributionId, endorser } = endorsement;
  const contribution = await ctx.store.getContribution(contributionId);
  if (contribution === undefined) {
    throw new EndorsementUnknownContribution(`there is no contribution ${contributionId}`, {
      contributionId,
    });
  }
  const owner = await contributionOwner(ctx.store, contribution);
  if (owner !== undefined && owner.toLowerCase() === endorser.toLowerCase()) {
    throw new EndorsementOwnWork(`${endorser} cannot endorse their own contribution ${contributionId}`, {
      contributionId,
      endorser,
    });
  }
  const epoch = await ctx.store.getEpoch(contribution.epochId);
  if (epoch === undefined || epoch.state !== "open") {
    throw new EndorsementWindowClosed(
      `epoch ${contribution.epochId} is ${epoch?.state ?? "not open yet"}: endorsements are taken while it is open`,
      { contributionId, epochId: contribution.epochId, state: epoch?.state ?? "none" },
    );
  }
  const reputation = await ctx.chain.publicClient.readContract({
    address: ctx.manifest.contracts.reputation,
    abi: Reputation.abi,
    functionName: "balanceOf",
    args: [endorser],
  });
  if (reputation === 0n) {
    throw new EndorserNotMember(
      `${endorser} holds no reputation: members endorse, and reputation is earned by paid work for the guild`,
      { endorser },
    );
  }
  return ctx.store.transaction(async (tx) => {
    await tx.useNonce(endorser, endorsement.nonce);
    return tx.saveEndorsement(endorsement);
  });
}
