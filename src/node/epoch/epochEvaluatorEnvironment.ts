// What the governed evaluators need from the store to assess an epoch: the peers evaluator, its endorsements.
import type { Address, Hex } from "viem";
import type { EvaluatorEnvironment } from "../../assess/assessmentConfig.ts";
import type { PeerEndorsements } from "../../assess/peers/peerSupport.ts";
import { PEERS_EVALUATOR_ID } from "../../assess/peers/peersEvaluator.ts";
import type { NodeContext } from "../openNode.ts";

/**
 * The node's evaluator environment, with the endorsements of `epochIds` when the governed configuration
 * runs the peers evaluator (and unchanged otherwise). Each epoch's endorsements are fixed once it closes.
 */
export async function epochEvaluatorEnvironment(
  ctx: Pick<NodeContext, "assessment" | "evaluatorEnvironment" | "store">,
  epochIds: readonly number[],
): Promise<EvaluatorEnvironment> {
  if (!ctx.assessment.evaluators.some((e) => e.id === PEERS_EVALUATOR_ID)) return ctx.evaluatorEnvironment;
  const endorsements = new Map<number, PeerEndorsements>();
  for (const epochId of new Set(epochIds)) {
    const byContribution = new Map<Hex, Address[]>();
    for (const { contributionId, endorser } of await ctx.store.listEndorsements({ epochId })) {
      byContribution.set(contributionId, [...(byContribution.get(contributionId) ?? []), endorser]);
    }
    endorsements.set(epochId, byContribution);
  }
  return { ...ctx.evaluatorEnvironment, endorsements };
}

/**
 * The epochs whose assessment jobs the in-process worker may run now: every closed epoch (assessing one
 * runs whatever jobs are queued, and a crashed run may have left another closed epoch's jobs behind).
 */
export async function closedEpochIds(ctx: Pick<NodeContext, "store">): Promise<number[]> {
  const latest = await ctx.store.latestEpoch();
  const ids: number[] = [];
  for (let id = latest?.id ?? 0; id >= 1; id--) {
    if ((await ctx.store.getEpoch(id))?.state === "closed") ids.push(id);
  }
  return ids;
}
