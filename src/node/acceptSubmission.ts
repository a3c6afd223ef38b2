// Takes a signed contribution from a contributor (CLI or HTTP): checks it as the guild does, spends
// its nonce and stores it, together or not at all.

import { signingDomain } from "../chain/manifest.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import { validateSubmission } from "../core/contribution/validateSubmission.ts";
import type { NodeContext } from "./openNode.ts";

/**
 * Validates `raw` (a SignedSubmission as parsed JSON) against this guild's domain, the open epochs
 * and the chain's clock, then marks its nonce used and stores the contribution in one transaction.
 * @returns the contribution stored
 * @throws InvalidSubmission (naming the problem), NonceAlreadyUsed (a replay); nothing is stored then
 */
export async function acceptSubmission(ctx: NodeContext, raw: unknown): Promise<Contribution> {
  const latest = await ctx.store.latestEpoch();
  const openEpochs = latest?.state === "open" ? [latest.id] : [];
  const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  const contribution = await validateSubmission(raw, {
    ...signingDomain(ctx.manifest),
    now,
    openEpochs,
  });
  if (contribution.source.kind !== "signed") return contribution;
  const { nonce } = contribution.source;
  const contributor = contribution.contributor;
  await ctx.store.transaction(async (tx) => {
    if (contributor.kind === "address") await tx.useNonce(contributor.address, nonce);
    await tx.insertContribution(contribution);
  });
  return contribution;
}
