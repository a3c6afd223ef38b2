// The reply the judge asks for when it scores one contribution: its JSON schema, and the check of a reply against it.
import type { CriterionScore, Rubric } from "../../core/assessment/verdict.ts";
import { checkReplyContent, type ReplyCheck } from "./checkReplyContent.ts";
import type { ParsedVerdictReply } from "./llmAudit.ts";
import type { JsonSchema } from "./validateJsonSchema.ts";

/** The name the schema is sent under (`response_format.json_schema.name`). */
export const VERDICT_SCHEMA_NAME = "guild_verdict";

/** Longest reason accepted per criterion, in code points: room for evidence, not for an essay. */
export const MAX_REASON_LENGTH = 1_000;

/**
 * The flags the model may raise; anything else is a schema violation. A closed list, because flags
 * are read by people deciding disputes and must mean the same thing every time.
 */
export const MODEL_FLAGS = Object.freeze([
  /** The content holds instructions aimed at the judge (the model saw them and did not follow them). */
  "injection-reported",
  /** The content gives too little to score some criterion with confidence. */
  "insufficient-evidence",
  /** The content does not describe work for the guild. */
  "off-topic",
] as const);

/**
 * The JSON schema of a verdict reply for `rubric`: `scores` with one `{reason, score}` object per
 * criterion id (all required, no others) and `flags`, a list of MODEL_FLAGS that may be empty. Every
 * property is required and no other is allowed, as OpenAI's strict mode demands. `reason` comes before
 * `score` so that a model generating in order writes its evidence before its number.
 */
export function verdictReplySchema(rubric: Rubric): JsonSchema {
  const criterion: JsonSchema = {
    type: "object",
    properties: {
      reason: { type: "string", minLength: 1, maxLength: MAX_REASON_LENGTH },
      score: { type: "integer", minimum: 0, maximum: 100 },
    },
    required: ["reason", "score"],
    additionalProperties: false,
  };
  const properties: Record<string, JsonSchema> = {};
  for (const c of rubric.criteria)
    Object.defineProperty(properties, c.id, {
      value: criterion,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return {
    type: "object",
    properties: {
      scores: {
        type: "object",
        properties,
        required: rubric.criteria.map((c) => c.id),
        additionalProperties: false,
      },
      flags: { type: "array", items: { type: "string", enum: [...MODEL_FLAGS] } },
    },
    required: ["scores", "flags"],
    additionalProperties: false,
  };
}

/**
 * Checks the model's message `content` against `schema` (checkReplyContent) and then what a schema
 * cannot say: every reason has a visible character. Returns the scores in the order of `criterionIds`
 * (the rubric's) and the flags sorted and unique.
 */
export function parseVerdictReply(
  content: string,
  schema: JsonSchema,
  criterionIds: readonly string[],
): ReplyCheck<ParsedVerdictReply> {
  const checked = checkReplyContent(content, schema);
  if (!checked.ok) return checked;
  const reply = checked.value as {
    scores: Record<string, { reason: string; score: number }>;
    flags: string[];
  };
  const scores: CriterionScore[] = [];
  for (const id of criterionIds) {
    const entry = Object.hasOwn(reply.scores, id) ? reply.scores[id] : undefined;
    if (entry === undefined)
      return {
        ok: false,
        stage: "schema",
        reason: "is missing (required)",
        path: `$.scores[${JSON.stringify(id)}]`,
      };
    if (entry.reason.trim() === "")
      return {
        ok: false,
        stage: "content",
        reason: "is blank",
        path: `$.scores[${JSON.stringify(id)}].reason`,
      };
    scores.push({ criterion: id, score: entry.score, reason: entry.reason });
  }
  return { ok: true, value: { kind: "verdict", scores, flags: [...new Set(reply.flags)].sort() } };
}
