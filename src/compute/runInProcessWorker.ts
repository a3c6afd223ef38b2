// The in-process worker: takes assessment jobs from the store's queue, runs them, records the verdicts.
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Rubric } from "../core/assessment/verdict.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import { GuildError } from "../core/errors.ts";
import type { AssessmentJob, JsonValue, Store, VerdictRecord } from "../store/store.ts";
import { assessForRecord } from "./assessForRecord.ts";
import type { EvaluationPool } from "./evaluationPool.ts";

/** A job names an evaluator this worker does not run, or a contribution the store lacks. */
export class JobUnrunnable extends GuildError {}

export const IN_PROCESS_WORKER = "in-process";

/** Jobs leased at once (their contributions are read in one query), for LEASE_SECONDS. */
const LEASE_JOBS = 2_048;
const LEASE_SECONDS = 300;
/**
 * Jobs whose verdicts are saved and completed in one transaction. Smaller than a lease, so that a
 * crash in the middle of a lease leaves some of it done and the rest leased, as a slow worker would.
 */
const COMMIT_JOBS = 256;

export interface WorkerRun {
  done: number;
  failed: number;
}

/**
 * Runs queued jobs until none is left: lease a batch, read its contributions, assess each, and save
 * the verdicts and complete their jobs a few dozen at a time, each group in one transaction (should
 * that transaction fail, its jobs are saved one by one, as if alone). An evaluator that throws fails
 * its job for good (fail closed: no guessed score). Jobs this worker leased before a crash are put
 * back in the queue first, since a single node runs one in-process worker at a time.
 * @param onProgress called after each job is recorded, with the number finished so far
 */
export async function runInProcessWorker(
  store: Store,
  evaluators: readonly Evaluator[],
  rubric: Rubric,
  onProgress: (finished: number) => void = () => {},
  options: WorkerOptions = {},
): Promise<WorkerRun> {
  const byId = new Map(evaluators.map((e) => [e.id, e]));
  for (const job of await store.listJobs({ status: "leased" })) {
    if (job.leaseOwner === IN_PROCESS_WORKER) {
      await store.failJob(job.id, IN_PROCESS_WORKER, "the worker restarted", { retry: true });
    }
  }
  const run: WorkerRun = { done: 0, failed: 0 };
  const assessGroup = async (
    group: readonly AssessmentJob[],
    contributions: ReadonlyMap<string, Contribution>,
  ): Promise<Outcome[]> => {
    const { pool } = options;
    if (pool === undefined) {
      const outcomes: Outcome[] = [];
      for (const job of group) {
        outcomes.push(
          await assessJob(
            job,
            byId.get(job.evaluatorId),
            contributions.get(job.contributionId.toLowerCase()),
            rubric,
          ),
        );
      }
      return outcomes;
    }
    // Jobs the pool cannot run (an evaluator or contribution missing) fail here, as assessJob fails them.
    const runnable = group.flatMap((job, key) => {
      const contribution = contributions.get(job.contributionId.toLowerCase());
      return contribution === undefined || !byId.has(job.evaluatorId)
        ? []
        : [{ key, evaluatorId: job.evaluatorId, contribution }];
    });
    const results = new Map((await pool.assess(runnable)).map((r) => [r.key, r]));
    return Promise.all(
      group.map((job, key): Outcome | Promise<Outcome> => {
        const result = results.get(key);
        if (result === undefined) return assessJob(job, undefined, undefined, rubric);
        if ("verdict" in result && result.verdict !== undefined) {
          const { verdict, raw } = result;
          return {
            job,
            verdict: { ...verdict, replica: job.replica, raw },
            result: { overall: verdict.overall },
          };
        }
        return { job, error: result.error ?? "no verdict" };
      }),
    );
  };
  for (;;) {
    const jobs = await store.leaseJobs({
      owner: IN_PROCESS_WORKER,
      limit: LEASE_JOBS,
      leaseSeconds: LEASE_SECONDS,
      evaluatorIds: [...byId.keys()],
    });
    if (jobs.length === 0) return run;
    const contributions = new Map(
      (await store.getContributions([...new Set(jobs.map((job) => job.contributionId))])).map((c) => [
        c.id.toLowerCase(),
        c,
      ]),
    );
    // While one group's verdicts are recorded (the database holds this thread), the next group is
    // assessed (in the pool's threads, when there is a pool).
    let assessing = assessGroup(jobs.slice(0, COMMIT_JOBS), contributions);
    for (let start = 0; start < jobs.length; start += COMMIT_JOBS) {
      const outcomes = await assessing;
      const next = start + COMMIT_JOBS;
      if (next < jobs.length) assessing = assessGroup(jobs.slice(next, next + COMMIT_JOBS), contributions);
      for (const outcome of await record(store, outcomes)) {
        if (outcome.verdict !== undefined) run.done++;
        else run.failed++;
        onProgress(run.done + run.failed);
      }
    }
  }
}

export interface WorkerOptions {
  /** Threads to run the evaluators in (built from the same configuration); in this thread when absent. */
  pool?: EvaluationPool;
}

/** A job assessed: its verdict, or why there is none. */
type Outcome =
  | { job: AssessmentJob; verdict: VerdictRecord; result: JsonValue; error?: undefined }
  | { job: AssessmentJob; verdict?: undefined; error: string };

async function assessJob(
  job: AssessmentJob,
  evaluator: Evaluator | undefined,
  contribution: Contribution | undefined,
  rubric: Rubric,
): Promise<Outcome> {
  try {
    if (evaluator === undefined || contribution === undefined) {
      throw new JobUnrunnable(`job ${job.id} cannot run here`, { job: job.id });
    }
    const { verdict, raw } = await assessForRecord(evaluator, contribution, rubric);
    return {
      job,
      verdict: { ...verdict, replica: job.replica, raw },
      result: { overall: verdict.overall },
    };
  } catch (error) {
    return { job, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Saves the verdicts and completes their jobs in one transaction, then fails the jobs without one. If
 * the transaction fails (a verdict the store refuses, a lease lost), each job is recorded alone, so that
 * one bad job fails only itself. Returns the outcomes as recorded.
 */
async function record(store: Store, outcomes: readonly Outcome[]): Promise<Outcome[]> {
  const verdicts = outcomes.flatMap((o) => (o.verdict === undefined ? [] : [o]));
  if (verdicts.length > 0) {
    try {
      await store.transaction(async (tx) => {
        await tx.saveVerdicts(verdicts.map((o) => o.verdict));
        await tx.completeJobs(
          IN_PROCESS_WORKER,
          verdicts.map((o) => ({ jobId: o.job.id, result: o.result })),
        );
      });
      for (const o of outcomes) {
        if (o.verdict === undefined) await store.failJob(o.job.id, IN_PROCESS_WORKER, o.error);
      }
      return [...outcomes];
    } catch {
      // Recorded one by one below, where each job keeps its own error.
    }
  }
  const recorded: Outcome[] = [];
  for (const outcome of outcomes) {
    if (outcome.verdict === undefined) {
      await store.failJob(outcome.job.id, IN_PROCESS_WORKER, outcome.error);
      recorded.push(outcome);
      continue;
    }
    try {
      await store.transaction(async (tx) => {
        await tx.saveVerdict(outcome.verdict);
        await tx.completeJob(outcome.job.id, IN_PROCESS_WORKER, outcome.result);
      });
      recorded.push(outcome);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.failJob(outcome.job.id, IN_PROCESS_WORKER, message);
      recorded.push({ job: outcome.job, error: message });
    }
  }
  return recorded;
}
