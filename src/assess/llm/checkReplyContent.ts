// The first two checks every judge reply passes: it is one strict JSON value, and it matches the schema asked for.
import { parseStrictJson } from "./parseStrictJson.ts";
import { type JsonSchema, validateJsonSchema } from "./validateJsonSchema.ts";

/** A checked reply, or the layer that refused it, why, and where. */
export type ReplyCheck<T> =
  | { ok: true; value: T }
  | { ok: false; stage: "json" | "schema" | "content"; reason: string; path: string | null };

/**
 * Parses the model's message `content` with parseStrictJson and validates it against `schema`,
 * whatever the server claims to have enforced. No repair: text around the JSON, a Markdown code fence
 * or a trailing comma is a refusal, because a repaired reply is a guessed reply.
 */
export function checkReplyContent(content: string, schema: JsonSchema): ReplyCheck<unknown> {
  const parsed = parseStrictJson(content);
  if (!parsed.ok)
    return { ok: false, stage: "json", reason: `${parsed.reason} at index ${parsed.index}`, path: null };
  const violation = validateJsonSchema(parsed.value, schema);
  if (violation !== null)
    return {
      ok: false,
      stage: "schema",
      reason: `${violation.reason} (${violation.keyword})`,
      path: violation.path,
    };
  return { ok: true, value: parsed.value };
}
