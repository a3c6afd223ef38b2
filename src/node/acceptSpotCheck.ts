// Takes a juror's signed answer to a spot check (CLI or HTTP): checks it as the guild does, spends its
// nonce and stores it, together or not at all.

import { signingDomain } from "../chain/manifest.ts";
import { SpotCheckOwnWork, SpotCheckUnknownWork } from "../core/jurors/spotCheckErrors.ts";
import type { JurorAnswer } from "../core/jurors/validateSpotCheck.ts";
import { validateSpotCheck } from "../core/jurors/validateSpotCheck.ts";
import { ASSESSED_STATES } from "./epoch/latestAssessedEpoch.ts";
import type { NodeContext } from "./openNode.ts";

/**
 * Validates `raw` (a SignedSpotCheck as parsed JSON) for this guild at the chain's time, checks that the
 * epoch is assessed, that both contributions are in it and that neither is the juror's own, then spends
 * the nonce and stores the answer in one transaction.
 * @throws InvalidSpotCheck (naming the problem), NonceAlreadyUsed, SpotCheckAlreadyAnswered; nothing is
 *   stored then
 */
export async function acceptSpotCheck(ctx: NodeContext, raw: unknown): Promise<JurorAnswer> {
  const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  const answer = await validateSpotCheck(raw, {
    ...signingDomain(ctx.manifest),
    now,
  });
  const epoch = await ctx.store.getEpoch(answer.epochId);
  if (epoch === undefined || !ASSESSED_STATES.includes(epoch.state)) {
    throw new SpotCheckUnknownWork(`epoch ${answer.epochId} has no verdicts to check`, {
      epochId: answer.epochId,
      state: epoch?.state ?? "none",
    });
  }
  const pair = await ctx.store.getContributions([answer.a, answer.b]);
  for (const id of [answer.a, answer.b]) {
    const work = pair.find((c) => c.id.toLowerCase() === id);
    if (work === undefined || work.epochId !== answer.epochId) {
      throw new SpotCheckUnknownWork(`contribution ${id} is not in epoch ${answer.epochId}`, {
        contribution: id,
        epochId: answer.epochId,
      });
    }
    if (
      work.contributor.kind === "address" &&
      work.contributor.address.toLowerCase() === answer.juror.toLowerCase()
    ) {
      throw new SpotCheckOwnWork(`a juror may not judge their own work (${id})`, {
        juror: answer.juror,
        contribution: id,
      });
    }
  }
  await ctx.store.transaction(async (tx) => {
    await tx.useNonce(answer.juror, answer.nonce);
    await tx.saveJurorAnswer(answer);
  });
  return answer;
}
