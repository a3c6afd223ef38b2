// The LLM judge: an evaluator that asks an open model behind an OpenAI-compatible server to score contributions.
import type { Evaluator } from "../../core/assessment/evaluator.ts";
import type { Rubric, Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import type { JudgeConnection } from "./callJudge.ts";
import { callJudge } from "./callJudge.ts";
import { comparePair, type PairComparison } from "./comparePair.ts";
import { judgeRequest, LLM_JUDGE_ID, LLM_JUDGE_VERSION } from "./judgeRequest.ts";
import type { LlmAudit, LlmParameters } from "./llmAudit.ts";
import { InvalidLlmJudgeOptions } from "./llmErrors.ts";
import { verdictFromAudit } from "./verdictFromAudit.ts";
import { parseVerdictReply } from "./verdictReply.ts";

export interface LlmJudgeOptions {
  /** The server's API root: `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:8080/v1` (llama.cpp), … */
  baseUrl: string;
  /** The model name the server knows it by (`qwen2.5:7b-instruct`, `meta-llama/Llama-3.1-8B-Instruct`). */
  model: string;
  /** Sent as a bearer token when set; never recorded in an audit or an error. */
  apiKey?: string;
  /** Sampling seed, a safe integer; default 42. Temperature is always 0. */
  seed?: number;
  /** Upper bound on a reply, in tokens; default 2,048. A reply cut by it fails closed. */
  maxTokens?: number;
  /** Replace spaces inside the fence by a marker character (spotlighting's datamarking); default false. */
  datamarking?: boolean;
  /** Each attempt is aborted after this many milliseconds; default 120,000 (local models can be slow). */
  timeoutMs?: number;
  /** Attempts in all, the first included, 1..10; default 4. */
  maxAttempts?: number;
  /** Wait after the first failed attempt, doubling after each further one; default 1,000 ms. */
  backoffBaseMs?: number;
  /** Cap on any wait, Retry-After included; default 30,000 ms. */
  maxRetryDelayMs?: number;
  /** Waits between attempts; default a timer. Tests pass one that records and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic clock for latencies, in milliseconds; default performance.now. */
  now?: () => number;
  /** Receives every audit record, failures included, before the call returns or throws. */
  onAudit?: (audit: LlmAudit) => void | Promise<void>;
}

export const DEFAULT_LLM_SEED = 42;
export const DEFAULT_LLM_MAX_TOKENS = 2_048;

/**
 * The LLM judge (id "guild/llm-judge"). Each verdict asks the model for a reason and a 0..100 score per
 * criterion of the governed rubric, as JSON matching a schema, at temperature 0 with a fixed seed; the
 * reply is validated on the client and a reply that does not validate is a recorded failure, never a
 * guessed score. The content under assessment is fenced as untrusted data. See README.md beside it.
 */
export class LlmJudge implements Evaluator {
  readonly id = LLM_JUDGE_ID;
  readonly version = LLM_JUDGE_VERSION;
  readonly model: string;
  readonly parameters: LlmParameters;
  /** How requests are sent (it holds the API key: do not log it). */
  readonly connection: JudgeConnection;

  /** @throws InvalidLlmJudgeOptions naming the first missing or malformed option */
  constructor(options: LlmJudgeOptions) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:"))
      throw new InvalidLlmJudgeOptions("baseUrl", options.baseUrl, "must be an http(s) URL");
    if (url.username !== "" || url.password !== "")
      throw new InvalidLlmJudgeOptions("baseUrl", url.host, "must not hold credentials (use apiKey)");
    if (typeof options.model !== "string" || options.model.trim() === "")
      throw new InvalidLlmJudgeOptions("model", options.model, "must be a non-empty string");
    if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey === ""))
      throw new InvalidLlmJudgeOptions("apiKey", "(hidden)", "must be a non-empty string when given");
    const whole = (
      option: keyof LlmJudgeOptions,
      value: number | undefined,
      fallback: number,
      min: number,
      max: number,
    ) => {
      const n = value ?? fallback;
      if (!Number.isSafeInteger(n) || n < min || n > max)
        throw new InvalidLlmJudgeOptions(option, n, `must be a whole number from ${min} to ${max}`);
      return n;
    };
    this.model = options.model;
    this.parameters = Object.freeze({
      temperature: 0,
      seed: whole("seed", options.seed, DEFAULT_LLM_SEED, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      maxTokens: whole("maxTokens", options.maxTokens, DEFAULT_LLM_MAX_TOKENS, 1, 1_000_000),
      datamarking: options.datamarking ?? false,
    });
    this.connection = Object.freeze({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey ?? null,
      timeoutMs: whole("timeoutMs", options.timeoutMs, 120_000, 1, 3_600_000),
      maxAttempts: whole("maxAttempts", options.maxAttempts, 4, 1, 10),
      backoffBaseMs: whole("backoffBaseMs", options.backoffBaseMs, 1_000, 0, 3_600_000),
      maxRetryDelayMs: whole("maxRetryDelayMs", options.maxRetryDelayMs, 30_000, 0, 3_600_000),
      sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
      now: options.now ?? (() => performance.now()),
      onAudit: options.onAudit ?? null,
    });
  }

  /** The verdict alone; see assessWithAudit. */
  async assess(contribution: Contribution, rubric: Rubric): Promise<Verdict> {
    return (await this.assessWithAudit(contribution, rubric)).verdict;
  }

  /**
   * Scores `contribution` against `rubric` and returns the verdict with its audit record. The verdict is
   * derived from the audit by verdictFromAudit, exactly as a replay derives it.
   * @throws InvalidContribution, ContributionIdMismatch, InvalidRubric before any request is sent
   * @throws LlmReplyRejected, LlmServerUnavailable, LlmRequestRefused (each carrying its audit)
   */
  async assessWithAudit(
    contribution: Contribution,
    rubric: Rubric,
  ): Promise<{ verdict: Verdict; audit: LlmAudit }> {
    const request = judgeRequest(contribution, rubric, this.model, this.parameters);
    const ids = rubric.criteria.map((c) => c.id);
    const audit = await callJudge(this.connection, request, (content) =>
      parseVerdictReply(content, request.responseSchema.schema, ids),
    );
    return { verdict: verdictFromAudit(audit, contribution, rubric), audit };
  }

  /** Which of `a` and `b` is worth more, asked in both orders; see comparePair. */
  async comparePair(a: Contribution, b: Contribution, rubric: Rubric): Promise<PairComparison> {
    return comparePair(this, a, b, rubric);
  }
}
