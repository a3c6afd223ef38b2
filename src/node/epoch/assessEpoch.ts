// Step closed → assessed: every contribution assessed by every evaluator, replicated, and agreed on.

import { evaluatorsOf } from "../../assess/assessmentConfig.ts";
import { EvaluationPool } from "../../compute/evaluationPool.ts";
import { runInProcessWorker } from "../../compute/runInProcessWorker.ts";
import type { EpochRecord, JobSpec } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { epochDuplicates } from "./epochDuplicates.ts";
import { closedEpochIds, epochEvaluatorEnvironment } from "./epochEvaluatorEnvironment.ts";
import { readClosed, writeSnapshot } from "./epochLedger.ts";
import { readAssessment, withoutDuplicates } from "./readAssessment.ts";
import { requireEpoch } from "./requireEpoch.ts";

/**
 * Assesses a closed epoch: queues one job per contribution, evaluator and replica (the governed
 * replication factor), runs them with the in-process worker, takes each evaluator's consensus over its
 * replicas, and values each contribution as the evaluators' weighted overall score. A contribution an
 * evaluator failed on gets no value (fail closed) and is listed as unassessed. Safe to re-run: jobs
 * and verdicts already there are kept. A contribution that copies an earlier one (epochDuplicates) keeps
 * its verdicts and gets no value: the work is paid once, to the original.
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
  // The peers evaluator reads endorsements: of every closed epoch, whose jobs the worker may meet.
  const environment = await epochEvaluatorEnvironment(ctx, [epochId, ...(await closedEpochIds(ctx))]);
  const evaluators = evaluatorsOf(ctx.assessment, environment);
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
  // The evaluators run in threads beside this one, built from the same governed configuration.
  const pool = new EvaluationPool(ctx.assessment, environment);
  try {
    await runInProcessWorker(
      ctx.store,
      evaluators,
      ctx.assessment.rubric,
      (finished) => onProgress(already + finished, jobs.length),
      { pool },
    );
  } finally {
    await pool.close();
  }
  ctx.crashpoint("assess:ran");

  // Duplicates first: their sketches are gone before the accepted verdicts are read (peak memory).
  const duplicates = await epochDuplicates(ctx.store, epochId, closed.contributionIds);
  const assessment = await readAssessment(ctx.store, closed.contributionIds, ctx.assessment.evaluators);
  const { consensusHash, values, unassessed } = withoutDuplicates(assessment, duplicates);
  return ctx.store.transaction(async (tx) => {
    await writeSnapshot(tx, epochId, "assessed", { consensusHash, values, unassessed, duplicates });
    return tx.advanceEpoch({ epochId, from: "closed", to: "assessed" });
  });
}
