// The errors of the LLM judge: each failed request carries its audit record, so a failure is recorded, not guessed.
import { GuildError } from "../../core/errors.ts";
import type { LlmAudit } from "./llmAudit.ts";

/** A request to the judge gave no usable answer; `audit` records the request, every attempt and any reply. */
export class LlmJudgeFailure extends GuildError {
  readonly audit: LlmAudit;

  constructor(message: string, audit: LlmAudit, details: Record<string, unknown> = {}) {
    super(message, {
      task: audit.task,
      contributionIds: audit.contributionIds,
      model: audit.model.name,
      attempts: audit.attempts.length,
      ...details,
    });
    this.audit = audit;
  }
}

/** A reply came and failed validation (envelope, JSON, schema or content): the judge fails closed. */
export class LlmReplyRejected extends LlmJudgeFailure {
  constructor(audit: LlmAudit, stage: string, reason: string, path: string | null) {
    super(`the judge's reply was rejected (${stage}): ${path === null ? "" : `${path} `}${reason}`, audit, {
      stage,
      reason,
      path,
    });
  }
}

/** Every attempt failed with a retryable error (429, 5xx, network, timeout) and the retries ran out. */
export class LlmServerUnavailable extends LlmJudgeFailure {
  constructor(audit: LlmAudit, lastError: string) {
    super(
      `the judge's server gave no reply after ${audit.attempts.length} attempt(s); last: ${lastError}`,
      audit,
      { lastError },
    );
  }
}

/** The server refused the request with a status that retrying cannot fix (400, 401, 404, …). */
export class LlmRequestRefused extends LlmJudgeFailure {
  constructor(audit: LlmAudit, status: number) {
    super(`the judge's server refused the request with HTTP ${status}`, audit, {
      status,
      body: (audit.rawReply ?? "").slice(0, 500),
    });
  }
}

/** An option of the judge is missing or malformed; `details.option` names it. */
export class InvalidLlmJudgeOptions extends GuildError {
  constructor(option: string, value: unknown, reason: string) {
    super(`LLM judge option ${option} ${reason}`, { option, value, reason });
  }
}

/**
 * A stored audit cannot be replayed for this contribution and rubric: it is about other inputs, from
 * another version of the judge, records no reply, or its parsed scores are not what its reply says.
 */
export class AuditMismatch extends GuildError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(`the audit does not replay: ${reason}`, { reason, ...details });
  }
}
