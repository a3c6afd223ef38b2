// What the LLM judge records about every request: enough to re-derive, re-run and explain a verdict.
import type { Hex } from "viem";
import type { CriterionScore } from "../../core/assessment/verdict.ts";
import type { JsonSchema } from "./validateJsonSchema.ts";

/** One chat message as sent to the server. */
export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** The sampling parameters; all of them are in every input hash. */
export interface LlmParameters {
  /** Always 0: the most likely reply, so that replicas and re-runs can agree. */
  temperature: number;
  /** Fixed seed for servers that sample even at temperature 0. */
  seed: number;
  /** Upper bound on the reply, in tokens; a reply cut by it fails closed. */
  maxTokens: number;
  /** Whether spaces inside the fence were replaced by a marker character (spotlighting's datamarking). */
  datamarking: boolean;
}

/** Something in the content under assessment that looks aimed at the judge rather than at people. */
export interface ContentFinding {
  /** Where: `title`, `description`, `links[2]`, `metrics.<name>`; prefixed `A.`/`B.` in a pair. */
  field: string;
  /** The scanner's kind (`ignore-instructions`, `score-demand`, …) or `fence-imitation`. */
  kind: string;
  excerpt: string;
  /** Index of the excerpt in the field as submitted, in UTF-16 code units. */
  index: number;
}

/** Everything decided before the request is sent: a pure function of the inputs, rebuilt on replay. */
export interface JudgeRequest {
  task: "verdict" | "pair";
  evaluator: { id: string; version: string };
  /** The contribution assessed, or the two compared in the order they were shown (A, then B). */
  contributionIds: readonly Hex[];
  /** keccak256 of the rubric's canonical JSON. */
  rubricHash: Hex;
  /** The model name asked for. */
  model: string;
  /** keccak256 of the canonical JSON of the prompt template's text. */
  promptTemplateHash: Hex;
  parameters: LlmParameters;
  /** keccak256 of the canonical JSON of { evaluator, contributionIds, rubricHash, model, promptTemplateHash, parameters }. */
  inputHash: Hex;
  messages: readonly ChatMessage[];
  /** The JSON schema the reply must match, as sent in `response_format` and checked on the client. */
  responseSchema: { name: string; schema: JsonSchema };
  findings: readonly ContentFinding[];
  /** Fields cut to the prompt's length limits (`description`, `links[3]`, …). */
  truncated: readonly string[];
  /** Metrics left out as impossible (`metrics.stars`, …; `A.`/`B.` in a pair). */
  disbelieved: readonly string[];
  /** Flags the input alone earns (`injection-suspected`, `content-truncated`, `metrics-implausible`), sorted. */
  inputFlags: readonly string[];
}

/** A verdict reply, parsed and checked: scores in rubric order and the flags the model raised. */
export interface ParsedVerdictReply {
  kind: "verdict";
  scores: readonly CriterionScore[];
  flags: readonly string[];
}

/** A pairwise reply, parsed and checked. The multiplier is kept in thousandths so it stays an integer. */
export interface ParsedPairReply {
  kind: "pair";
  reason: string;
  winner: "A" | "B";
  /** How many times more the winner is worth, in thousandths (1,000 = equal), 1,000..100,000. */
  multiplierPermille: number;
}

/** One HTTP attempt. */
export interface LlmAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** HTTP status, or null when no response came (network error, timeout). */
  status: number | null;
  /** Why the attempt failed (`timed out after 30000 ms`, `HTTP 429`, …), or null when it got a 2xx. */
  error: string | null;
  latencyMs: number;
  /** What the server's Retry-After asked for, in milliseconds, or null. */
  retryAfterMs: number | null;
  /** How long the judge waited before the next attempt; 0 for the last. */
  waitMs: number;
}

/** What went wrong, when the request did not give a valid reply. */
export interface LlmFailure {
  /** rejected: a reply came and did not validate; unavailable: retries ran out; refused: the server said no (4xx). */
  kind: "rejected" | "unavailable" | "refused";
  /** For a rejected reply: which layer refused it. */
  stage: "envelope" | "json" | "schema" | "content" | null;
  reason: string;
  /** JSON path of the offending value, when there is one (`$.scores.impact.score`). */
  path: string | null;
}

/**
 * The audit record of one request to the judge: the request as sent, the reply as received and what
 * was made of it. Every value is canonical-JSON safe (integers, strings, booleans, null).
 */
export interface LlmAudit extends Omit<JudgeRequest, "model"> {
  model: {
    /** The model name asked for. */
    name: string;
    /** The `model` field of the reply, when it gave one. */
    reported: string | null;
    /** The reply's `system_fingerprint` (OpenAI, vLLM, Ollama's "fp_ollama"), when it gave one. */
    systemFingerprint: string | null;
    /** A weights digest, when the reply carried one (`digest` or `model_digest`); null otherwise. */
    digest: string | null;
  };
  /** HTTP status of the last response, or null when none came. */
  httpStatus: number | null;
  /** The last response's body exactly as received, or null when none came. */
  rawReply: string | null;
  parsed: ParsedVerdictReply | ParsedPairReply | null;
  /** Latency of the last attempt, in milliseconds. */
  latencyMs: number;
  usage: { promptTokens: number | null; completionTokens: number | null };
  attempts: readonly LlmAttempt[];
  failure: LlmFailure | null;
}
