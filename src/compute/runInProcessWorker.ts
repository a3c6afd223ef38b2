// The in-process worker: takes assessment jobs from the store's queue, runs them, records the verdicts.
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Rubric } from "../core/assessment/verdict.ts";
import { GuildError } from "../core/errors.ts";
import type { Store } from "../store/store.ts";

/** A job names an evaluator this worker does not run, or a contribution the store lacks. */
export class JobUnrunnable extends GuildError {}

export const IN_PROCESS_WORKER = "in-process";

export interface WorkerRun {
  done: number;
  failed: number;
}

/**
 * Runs queued jobs until none is left: lease a batch, assess each contribution, save the verdict and
 * complete the job in one transaction. An evaluator that throws fails its job for good (fail closed:
 * no guessed score). Jobs this worker leased before a crash are put back in the queue first, since a
 * single node runs one in-process worker at a time.
 * @param onProgress called after each job with the number finished so far
 */
export async function runInProcessWorker(
  store: Store,
  evaluators: readonly Evaluator[],
  rubric: Rubric,
  onProgress: (finished: number) => void = () => {},
): Promise<WorkerRun> {
  const byId = new Map(evaluators.map((e) => [e.id, e]));
  for (const job of await store.listJobs({ status: "leased" })) {
    if (job.leaseOwner === IN_PROCESS_WORKER) {
      await store.failJob(job.id, IN_PROCESS_WORKER, "the worker restarted", { retry: true });
    }
  }
  const run: WorkerRun = { done: 0, failed: 0 };
  for (;;) {
    const jobs = await store.leaseJobs({
      owner: IN_PROCESS_WORKER,
      limit: 256,
      leaseSeconds: 300,
      evaluatorIds: [...byId.keys()],
    });
    if (jobs.length === 0) return run;
    for (const job of jobs) {
      const evaluator = byId.get(job.evaluatorId);
      const contribution = await store.getContribution(job.contributionId);
      try {
        if (evaluator === undefined || contribution === undefined) {
          throw new JobUnrunnable(`job ${job.id} cannot run here`, { job: job.id });
        }
        const verdict = await evaluator.assess(contribution, rubric);
        await store.transaction(async (tx) => {
          await tx.saveVerdict({ ...verdict, replica: job.replica, raw: null });
          await tx.completeJob(job.id, IN_PROCESS_WORKER, { overall: verdict.overall });
        });
        run.done++;
      } catch (error) {
        await store.failJob(
          job.id,
          IN_PROCESS_WORKER,
          error instanceof Error ? error.message : String(error),
        );
        run.failed++;
      }
      onProgress(run.done + run.failed);
    }
  }
}
