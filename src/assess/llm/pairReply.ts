// The reply the judge asks for when it compares two contributions: its JSON schema, and the check of a reply against it.
import { checkReplyContent, type ReplyCheck } from "./checkReplyContent.ts";
import type { ParsedPairReply } from "./llmAudit.ts";
import type { JsonSchema } from "./validateJsonSchema.ts";
import { MAX_REASON_LENGTH } from "./verdictReply.ts";

/** The name the schema is sent under (`response_format.json_schema.name`). */
export const PAIR_SCHEMA_NAME = "guild_pair";

/** The largest multiplier a comparison may give: beyond it, the two are not comparable work. */
export const MAX_PAIR_MULTIPLIER = 100;

/** `{reason, winner: "A" | "B", multiplier ≥ 1}`; the reason first, so the model argues before it decides. */
export const PAIR_REPLY_SCHEMA: JsonSchema = Object.freeze<JsonSchema>({
  type: "object",
  properties: {
    reason: { type: "string", minLength: 1, maxLength: MAX_REASON_LENGTH },
    winner: { type: "string", enum: ["A", "B"] },
    multiplier: { type: "number", minimum: 1, maximum: MAX_PAIR_MULTIPLIER },
  },
  required: ["reason", "winner", "multiplier"],
  additionalProperties: false,
});

/**
 * Checks the model's message `content` against PAIR_REPLY_SCHEMA and that the reason has a visible
 * character. The multiplier is kept in thousandths, rounded half up, so the audit stays integer-only.
 */
export function parsePairReply(content: string): ReplyCheck<ParsedPairReply> {
  const checked = checkReplyContent(content, PAIR_REPLY_SCHEMA);
  if (!checked.ok) return checked;
  const reply = checked.value as { reason: string; winner: "A" | "B"; multiplier: number };
  if (reply.reason.trim() === "")
    return { ok: false, stage: "content", reason: "is blank", path: "$.reason" };
  return {
    ok: true,
    value: {
      kind: "pair",
      reason: reply.reason,
      winner: reply.winner,
      multiplierPermille: Math.round(reply.multiplier * 1000),
    },
  };
}
