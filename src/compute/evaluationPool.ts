// Runs the governed evaluators in worker threads, so that assessing contributions (CPU) overlaps the
// in-process worker's database work (which holds the main thread): on two cores, an epoch's assessment
// takes the longer of the two instead of their sum.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AssessmentConfig, EvaluatorEnvironment } from "../assess/assessmentConfig.ts";
import type { Verdict } from "../core/assessment/verdict.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import { GuildError } from "../core/errors.ts";
import type { JsonValue } from "../store/store.ts";

/** An evaluation thread stopped without answering. */
export class EvaluationThreadFailed extends GuildError {}

export interface EvaluationRequest {
  /** The caller's key for the answer (the job's index, say). */
  key: number;
  evaluatorId: string;
  contribution: Contribution;
}

/** The verdict, or the message of the error the evaluator threw (it fails closed: no guessed score). */
export type EvaluationResult =
  | { key: number; verdict: Verdict; raw: JsonValue; error?: undefined }
  | { key: number; error: string };

/** What the pool and a thread send each other. */
export interface EvaluationBatch {
  batch: number;
  requests: EvaluationRequest[];
}

/**
 * A fixed set of threads, each with the evaluators of one assessment configuration. `assess` splits a
 * list of requests across them and answers in the order asked. Close it when done.
 */
export class EvaluationPool {
  readonly #threads: Worker[];
  readonly #waiting = new Map<
    number,
    { resolve: (r: EvaluationResult[]) => void; reject: (e: Error) => void }
  >();
  #nextBatch = 0;

  /** @param threads how many threads; one fewer than the machine's cores (at least one) by default */
  constructor(
    config: AssessmentConfig,
    environment: EvaluatorEnvironment = {},
    threads = Math.max(1, availableParallelism() - 1),
  ) {
    this.#threads = Array.from({ length: threads }, () => {
      const thread = new Worker(new URL("./evaluationThread.ts", import.meta.url), {
        workerData: { config, environment },
      });
      thread.on("message", ({ batch, results }: { batch: number; results: EvaluationResult[] }) => {
        this.#waiting.get(batch)?.resolve(results);
        this.#waiting.delete(batch);
      });
      thread.on("error", (error: unknown) =>
        this.#failAll(error instanceof Error ? error : new Error(String(error))),
      );
      thread.on("exit", (code) => {
        if (this.#waiting.size > 0) this.#failAll(new Error(`an evaluation thread exited (code ${code})`));
      });
      return thread;
    });
  }

  /** Assesses every request; the answers come in the requests' order. @throws EvaluationThreadFailed */
  async assess(requests: readonly EvaluationRequest[]): Promise<EvaluationResult[]> {
    const share = Math.ceil(requests.length / this.#threads.length);
    const parts = await Promise.all(
      this.#threads.map((thread, i) => {
        const slice = requests.slice(i * share, (i + 1) * share);
        if (slice.length === 0) return Promise.resolve([]);
        const batch = this.#nextBatch++;
        return new Promise<EvaluationResult[]>((resolve, reject) => {
          this.#waiting.set(batch, { resolve, reject });
          thread.postMessage({ batch, requests: slice } satisfies EvaluationBatch);
        });
      }),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.terminate()));
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#waiting.values()) {
      reject(
        new EvaluationThreadFailed(`an evaluation thread failed: ${error.message}`, {}, { cause: error }),
      );
    }
    this.#waiting.clear();
  }
}
