// A worker thread that runs the governed evaluators on contributions sent by an EvaluationPool.
import { parentPort, workerData } from "node:worker_threads";
import type { AssessmentConfig, EvaluatorEnvironment } from "../assess/assessmentConfig.ts";
import { evaluatorsOf } from "../assess/assessmentConfig.ts";
import { deepFreeze } from "../core/deepFreeze.ts";
import { assessForRecord } from "./assessForRecord.ts";
import type { EvaluationBatch, EvaluationResult } from "./evaluationPool.ts";

const data = workerData as { config: AssessmentConfig; environment: EvaluatorEnvironment };
const config = deepFreeze(data.config);
const evaluators = new Map(evaluatorsOf(config, data.environment).map((e) => [e.id, e]));

parentPort?.on("message", async ({ batch, requests }: EvaluationBatch) => {
  const results: EvaluationResult[] = [];
  for (const { key, evaluatorId, contribution } of requests) {
    try {
      const evaluator = evaluators.get(evaluatorId);
      if (evaluator === undefined) throw new Error(`this thread has no evaluator "${evaluatorId}"`);
      results.push({ key, ...(await assessForRecord(evaluator, contribution, config.rubric)) });
    } catch (error) {
      results.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort?.postMessage({ batch, results });
});
