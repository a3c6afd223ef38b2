// Step closed → assessed: every contribution assessed by every evaluator, replicated, and agreed on.

import type { Hex } from "viem";
import { evaluatorsOf } from "../../assess/assessmentConfig.ts";
import { runInProcessWorker } from "../../compute/runInProcessWorker.ts";
import type { Consensus } from "../../core/assessment/consensus.ts";
import { consensus } from "../../core/assessment/consensus.ts";
import type { EpochRecord, JobSpec } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { readClosed, writeSnapshot } from "./epochLedger.ts";
import { requireEpoch } from "./requireEpoch.ts";

/** Value units per point of a 0–100 score at full weight (10,000 bps): 1e6 value units per point / 1e4. */
const VALUE_UNITS_PER_SCORE_BPS = 100n;

/**
 * Assesses a closed epoch: queues one job per contribution, evaluator and replica (the governed
 * replication factor), runs them with the in-process worker, takes each evaluator's consensus over its
 * replicas, and values each contribution as the evaluators' weighted overall score. A contribution an
 * evaluator failed on gets no value (fail closed) and is listed as unassessed. Safe to re-run: jobs
 * and verdicts already there are kept.
 * @param onProgress called with (jobs finished, jobs in all)
 */
export async function assessEpoch(
  ctx: NodeContext,
  epochId: number,
  onProgress: (finished: number, total: number) => void = () => {},
): Promise<EpochRecord> {
  const epoch = await requireEpoch(ctx, epochId);
  if (epoch.state !== "closed") return epoch;
  const closed = await readClosed(ctx.store, epochId);
  const evaluators = evaluatorsOf(ctx.assessment);
  const jobs: JobSpec[] = [];
  for (const contributionId of closed.contributionIds) {
    for (const evaluator of evaluators) {
      for (let replica = 0; replica < closed.config.replicationFactor; replica++) {
        jobs.push({ contributionId, evaluatorId: evaluator.id, replica });
      }
    }
  }
  await ctx.store.enqueueJobs(jobs);
  ctx.crashpoint("assess:enqueued");
  const already = (await ctx.store.listJobs({ epochId })).filter(
    (j) => j.status === "done" || j.status === "failed",
  );
  await runInProcessWorker(ctx.store, evaluators, ctx.assessment.rubric, (finished) =>
    onProgress(already.length + finished, jobs.length),
  );
  ctx.crashpoint("assess:ran");

  const verdicts = await ctx.store.listVerdicts({ epochId });
  const groups = new Map<string, typeof verdicts>();
  for (const v of verdicts) {
    const key = `${v.contributionId}:${v.evaluator.id}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const accepted: Consensus[] = [];
  const values: { contributionId: Hex; valueUnits: string }[] = [];
  const unassessed: Hex[] = [];
  for (const contributionId of closed.contributionIds) {
    let valueUnits = 0n;
    let complete = true;
    for (const { id, weightBps } of ctx.assessment.evaluators) {
      const replicas = (groups.get(`${contributionId}:${id}`) ?? []).map(
        ({ replica: _r, raw: _raw, ...v }) => v,
      );
      if (replicas.length === 0) {
        complete = false;
        continue;
      }
      const c = consensus(replicas);
      accepted.push(c);
      valueUnits += BigInt(c.verdict.overall) * BigInt(weightBps) * VALUE_UNITS_PER_SCORE_BPS;
    }
    if (complete) values.push({ contributionId, valueUnits: valueUnits.toString() });
    else unassessed.push(contributionId);
  }
  return ctx.store.transaction(async (tx) => {
    await writeSnapshot(tx, epochId, "assessed", { consensus: accepted, values, unassessed });
    return tx.advanceEpoch({ epochId, from: "closed", to: "assessed" });
  });
}
