// The governed assessment configuration: rubric, evaluators and their weights, and the policy knobs
// that GuildConfig does not hold. Its content hash is GuildConfig.assessmentConfigHash.

import type { Hex } from "viem";
import { DEFAULT_RUBRIC } from "../core/assessment/defaultRubric.ts";
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Rubric } from "../core/assessment/verdict.ts";
import { GuildError } from "../core/errors.ts";
import { keccak256Text } from "../core/hash/keccak256.ts";
import { canonicalJson } from "../core/report/canonicalJson.ts";
import { LLM_JUDGE_ID } from "./llm/judgeRequest.ts";
import { LlmJudge } from "./llm/llmJudge.ts";
import type { EpochEndorsements } from "./peers/peersEvaluator.ts";
import { PEERS_EVALUATOR_ID, PeersEvaluator } from "./peers/peersEvaluator.ts";
import { SignalsEvaluator } from "./signals/signalsEvaluator.ts";
import { DEFAULT_SIGNALS_WEIGHTS, type SignalsWeights } from "./signals/signalsWeights.ts";

/** The configuration names an evaluator this build does not have, or its weights do not add up. */
export class InvalidAssessmentConfig extends GuildError {}

export interface AssessmentConfig {
  version: string;
  rubric: Rubric;
  /**
   * Evaluators and their weight in the ensemble, in basis points summing to 10,000: `guild/signals`,
   * `guild/llm-judge` and `guild/peers` (members' endorsements). The signals model
   * takes its `weights`; the LLM judge its `model` (the name the model server knows it by) and
   * `modelDigest`, the 32-byte digest of the open weights, which GuildConfig.approvedModels must hold
   * for an epoch to close under the configuration (checkModelsApproved).
   */
  evaluators: readonly {
    id: string;
    weightBps: number;
    weights?: SignalsWeights;
    model?: string;
    modelDigest?: Hex;
  }[];
  /** BALANCED share of the budget, in basis points (0 is pure IMMEDIATE). */
  balancedBps: number;
  /** Reputation earned per base unit paid, in basis points (10,000: one reputation per token). */
  reputationPerPaymentBps: number;
}

export const DEFAULT_ASSESSMENT_CONFIG: AssessmentConfig = Object.freeze({
  version: "guild-assessment-1",
  rubric: DEFAULT_RUBRIC,
  evaluators: [{ id: "guild/signals", weightBps: 10_000, weights: DEFAULT_SIGNALS_WEIGHTS }],
  balancedBps: 0,
  reputationPerPaymentBps: 10_000,
});

/** Where the default configuration is published (it ships with every Guild build). */
export const DEFAULT_ASSESSMENT_URI = "guild:builtin/assessment-1";

/** keccak256 of the configuration's canonical JSON: what GuildConfig.assessmentConfigHash names. */
export function assessmentConfigHash(config: AssessmentConfig): Hex {
  return keccak256Text(canonicalJson(config));
}

/**
 * The evaluators the configuration names, ready to run.
 * @throws InvalidAssessmentConfig for an unknown evaluator or weights that do not sum to 10,000
 */
/** What an evaluator needs from the node it runs on, not from the governed configuration. */
export interface EvaluatorEnvironment {
  /** The OpenAI-compatible model server the LLM judge talks to ($GUILD_LLM_URL, $GUILD_LLM_KEY). */
  llm?: { baseUrl: string; apiKey?: string };
  /** The endorsements of the epochs being assessed, which the peers evaluator reads (from the node's store). */
  endorsements?: EpochEndorsements;
}

export function evaluatorsOf(config: AssessmentConfig, environment: EvaluatorEnvironment = {}): Evaluator[] {
  const total = config.evaluators.reduce((s, e) => s + e.weightBps, 0);
  if (total !== 10_000) {
    throw new InvalidAssessmentConfig(`evaluator weights sum to ${total} bps, not 10,000`, { total });
  }
  return config.evaluators.map((e) => evaluatorOf(e, environment));
}

/** A model the configuration's LLM judge names is not among the governed approved models. */
export class AssessmentModelNotApproved extends GuildError {}

/**
 * Checks that every LLM judge of `config` names its model's weights digest and that governance approved
 * it (`approved`: GuildConfig.approvedModels). The signals model has no weights to approve.
 * @throws AssessmentModelNotApproved naming the evaluator, the model and its digest
 */
export function checkModelsApproved(config: AssessmentConfig, approved: readonly Hex[]): void {
  const known = new Set(approved.map((d) => d.toLowerCase()));
  for (const e of config.evaluators) {
    if (e.id !== LLM_JUDGE_ID) continue;
    if (e.modelDigest === undefined || !known.has(e.modelDigest.toLowerCase())) {
      throw new AssessmentModelNotApproved(
        e.modelDigest === undefined
          ? `the LLM judge's model ${e.model} names no weights digest, so governance cannot have approved it`
          : `the LLM judge's model ${e.model} (${e.modelDigest}) is not among the approved models`,
        { evaluator: e.id, model: e.model, modelDigest: e.modelDigest ?? null, approved: [...approved] },
      );
    }
  }
}

/**
 * The evaluator one entry of a configuration names, ready to run.
 * @throws InvalidAssessmentConfig for an unknown evaluator, an LLM judge with no model or no server, or
 *   the peers evaluator with no endorsements
 */
export function evaluatorOf(
  e: AssessmentConfig["evaluators"][number],
  environment: EvaluatorEnvironment = {},
): Evaluator {
  if (e.id === "guild/signals")
    return new SignalsEvaluator(e.weights === undefined ? {} : { weights: e.weights });
  if (e.id === LLM_JUDGE_ID) {
    if (e.model === undefined || e.model === "") {
      throw new InvalidAssessmentConfig(`the LLM judge needs a model in the configuration`, {
        evaluator: e.id,
      });
    }
    const llm = environment.llm;
    if (llm === undefined) {
      throw new InvalidAssessmentConfig(
        `the configuration asks the LLM judge (model ${e.model}): give this node a model server with GUILD_LLM_URL`,
        { evaluator: e.id, model: e.model },
      );
    }
    return new LlmJudge({
      baseUrl: llm.baseUrl,
      model: e.model,
      ...(llm.apiKey === undefined ? {} : { apiKey: llm.apiKey }),
    });
  }
  if (e.id === PEERS_EVALUATOR_ID) {
    if (environment.endorsements === undefined) {
      throw new InvalidAssessmentConfig(
        "the peers evaluator reads the epoch's endorsements, and none were given to it",
        { evaluator: e.id },
      );
    }
    return new PeersEvaluator(environment.endorsements);
  }
  throw new InvalidAssessmentConfig(`this build has no evaluator "${e.id}"`, { evaluator: e.id });
}
