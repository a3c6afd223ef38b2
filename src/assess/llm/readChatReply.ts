// Reads an OpenAI-compatible chat completion response body: the message content and what the server says about itself.
import { parseStrictJson } from "./parseStrictJson.ts";

/** What the response says about the model and the cost, whether or not its content is usable. */
export interface ChatReplyMeta {
  model: string | null;
  systemFingerprint: string | null;
  digest: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** The reply: its metadata, and either the assistant's content or why there is no usable content. */
export type ChatReply =
  | { ok: true; meta: ChatReplyMeta; content: string }
  | { ok: false; meta: ChatReplyMeta; reason: string; path: string | null };

const NO_META: ChatReplyMeta = {
  model: null,
  systemFingerprint: null,
  digest: null,
  promptTokens: null,
  completionTokens: null,
};

/**
 * Reads `body` as a `chat.completion` object and returns `choices[0].message.content`. Refuses (never
 * throws) a body that is not one JSON object, has no choice or no string content, carries a refusal,
 * or was cut short (`finish_reason` "length" or "content_filter"): a partial reply is not a reply.
 * Metadata is read wherever it is present, so even a refused reply records which model spoke.
 */
export function readChatReply(body: string): ChatReply {
  const parsed = parseStrictJson(body);
  if (!parsed.ok)
    return { ok: false, meta: NO_META, reason: `body is not JSON: ${parsed.reason}`, path: null };
  const root = parsed.value;
  if (!isRecord(root)) return { ok: false, meta: NO_META, reason: "body is not a JSON object", path: "$" };
  const usage = isRecord(root.usage) ? root.usage : {};
  const meta: ChatReplyMeta = {
    model: stringOrNull(root.model),
    systemFingerprint: stringOrNull(root.system_fingerprint),
    digest: stringOrNull(root.digest) ?? stringOrNull(root.model_digest),
    promptTokens: countOrNull(usage.prompt_tokens),
    completionTokens: countOrNull(usage.completion_tokens),
  };
  const refuse = (reason: string, path: string): ChatReply => ({ ok: false, meta, reason, path });
  if (isRecord(root.error))
    return refuse(`the server reported an error: ${String(root.error.message)}`, "$.error");
  if (!Array.isArray(root.choices) || root.choices.length === 0) return refuse("has no choices", "$.choices");
  const choice: unknown = root.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) return refuse("has no message", "$.choices[0].message");
  const { message } = choice;
  if (typeof message.refusal === "string" && message.refusal !== "")
    return refuse(`the model refused: ${message.refusal}`, "$.choices[0].message.refusal");
  if (choice.finish_reason === "length")
    return refuse("was cut at max_tokens before it ended", "$.choices[0].finish_reason");
  if (choice.finish_reason === "content_filter")
    return refuse("was cut by the server's content filter", "$.choices[0].finish_reason");
  if (typeof message.content !== "string")
    return refuse("has no text content", "$.choices[0].message.content");
  return { ok: true, meta, content: message.content };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function countOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}
