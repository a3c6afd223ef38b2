// Sends one judge request, checks the reply, and records the audit whatever happens.
import type { ReplyCheck } from "./checkReplyContent.ts";
import type { JudgeRequest, LlmAudit, LlmFailure, ParsedPairReply, ParsedVerdictReply } from "./llmAudit.ts";
import { LlmReplyRejected, LlmRequestRefused, LlmServerUnavailable } from "./llmErrors.ts";
import { type ChatConnection, postChatCompletion } from "./postChatCompletion.ts";
import { readChatReply } from "./readChatReply.ts";

/** A chat connection and where the judge hands every audit record (success or failure) to be stored. */
export interface JudgeConnection extends ChatConnection {
  onAudit: ((audit: LlmAudit) => void | Promise<void>) | null;
}

/**
 * The body of the chat completions request for `request`: the model, the messages, temperature,
 * seed and max_tokens, and the reply schema as `response_format` in strict mode. No streaming, so the
 * raw reply is one JSON document that the audit can keep as received.
 */
export function chatRequestBody(request: JudgeRequest): string {
  return JSON.stringify({
    model: request.model,
    messages: request.messages,
    temperature: request.parameters.temperature,
    seed: request.parameters.seed,
    max_tokens: request.parameters.maxTokens,
    response_format: {
      type: "json_schema",
      json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true },
    },
    stream: false,
  });
}

/**
 * Sends `request`, reads the reply with readChatReply and checks its content with `parse`. Returns the
 * audit record, with `parsed` set. Every outcome, failures included, is passed to `onAudit` first.
 * @throws LlmServerUnavailable when retryable failures (429, 5xx, network, timeout) used up the attempts
 * @throws LlmRequestRefused when the server answered with a non-retryable status
 * @throws LlmReplyRejected when a reply came but its envelope, JSON, schema or content did not check
 * (never retried: at temperature 0 with a fixed seed the same request gives the same bad reply)
 */
export async function callJudge<P extends ParsedVerdictReply | ParsedPairReply>(
  connection: JudgeConnection,
  request: JudgeRequest,
  parse: (content: string) => ReplyCheck<P>,
): Promise<LlmAudit & { parsed: P }> {
  const result = await postChatCompletion(connection, chatRequestBody(request));
  const reply = result.body === null ? null : readChatReply(result.body);
  const { model, ...rest } = request;
  const audit: LlmAudit = {
    ...rest,
    model: {
      name: model,
      reported: reply?.meta.model ?? null,
      systemFingerprint: reply?.meta.systemFingerprint ?? null,
      digest: reply?.meta.digest ?? null,
    },
    httpStatus: result.status,
    rawReply: result.body,
    parsed: null,
    latencyMs: result.latencyMs,
    usage: {
      promptTokens: reply?.meta.promptTokens ?? null,
      completionTokens: reply?.meta.completionTokens ?? null,
    },
    attempts: result.attempts,
    failure: null,
  };
  const fail = async (failure: LlmFailure, error: (failed: LlmAudit) => Error): Promise<never> => {
    const failed: LlmAudit = { ...audit, failure };
    await connection.onAudit?.(failed);
    throw error(failed);
  };

  if (!result.ok) {
    const failure: LlmFailure = { kind: result.kind, stage: null, reason: result.reason, path: null };
    return fail(failure, (failed) =>
      result.kind === "refused"
        ? new LlmRequestRefused(failed, result.status ?? 0)
        : new LlmServerUnavailable(failed, result.reason),
    );
  }
  if (reply === null || !reply.ok) {
    const reason = reply?.ok === false ? reply.reason : "no body";
    const path = reply?.ok === false ? reply.path : null;
    return fail(
      { kind: "rejected", stage: "envelope", reason, path },
      (failed) => new LlmReplyRejected(failed, "envelope", reason, path),
    );
  }
  const parsed = parse(reply.content);
  if (!parsed.ok) {
    return fail(
      { kind: "rejected", stage: parsed.stage, reason: parsed.reason, path: parsed.path },
      (failed) => new LlmReplyRejected(failed, parsed.stage, parsed.reason, parsed.path),
    );
  }
  const done = { ...audit, parsed: parsed.value };
  await connection.onAudit?.(done);
  return done;
}
