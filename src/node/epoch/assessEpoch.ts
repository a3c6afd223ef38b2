// Step closed → assessed: every contribution assessed by every evaluator, replicated, and agreed on.

import { evaluatorsOf } from "../../assess/assessmentConfig.ts";
import { runInProcessWorker } from "../../compute/runInProcessWorker.ts";
import type { EpochRecord, JobSpec } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { assessedSnapshotOf } from "./assessedSnapshotOf.ts";
import { readClosed, writeSnapshot } from "./epochLedger.ts";
import { requireEpoch } from "./requireEpoch.ts";

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
  const already =
    (await ctx.store.countJobs({ epochId, status: "done" })) +
    (await ctx.store.countJobs({ epochId, status: "failed" }));
  await runInProcessWorker(ctx.store, evaluators, ctx.assessment.rubric, (finished) =>
    onProgress(already + finished, jobs.length),
  );
  ctx.crashpoint("assess:ran");

  const verdicts = await ctx.store.listVerdicts({ epochId });
  const snapshot = assessedSnapshotOf(closed.contributionIds, verdicts, ctx.assessment.evaluators);
  return ctx.store.transaction(async (tx) => {
    await writeSnapshot(tx, epochId, "assessed", snapshot);
    return tx.advanceEpoch({ epochId, from: "closed", to: "assessed" });
  });
}
