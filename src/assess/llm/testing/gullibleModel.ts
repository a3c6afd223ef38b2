// A model that falls for every trick it can see, for the adversarial suite run through the LLM judge:
// it scores the content it is shown as the signals model would, and obeys any instruction it reads in it.
import { DEFAULT_RUBRIC } from "../../../core/assessment/defaultRubric.ts";
import type { Rubric } from "../../../core/assessment/verdict.ts";
import { type ContributionContent, contributionId } from "../../../core/contribution/contribution.ts";
import { foldCodePoint, isHiddenCodePoint } from "../../../core/duplicates/foldCodePoint.ts";
import { signalsVerdict } from "../../signals/signalsVerdict.ts";
import { DEFAULT_SIGNALS_WEIGHTS } from "../../signals/signalsWeights.ts";
import { DATAMARK } from "../fenceContribution.ts";
import type { ChatRequestBody, ScriptedReply } from "./chatCompletionsServer.ts";

/**
 * What the model does when it reads an instruction: `obey` answers in the schema with top marks (the
 * judge's last line is that the instruction never reached it); `out-of-schema` gives scores of 1,000 and
 * `chatty` wraps its answer in prose (the judge must refuse both, failing closed).
 */
export type Gullibility = "obey" | "out-of-schema" | "chatty";

/**
 * Phrases a person reading the shown text would take as an instruction to the judge, read after folding
 * look-alike letters and dropping invisible characters, as a model reads through them. Deliberately
 * wider than one scanner's rules: whatever of an instruction survives the fence triggers the model.
 */
const INSTRUCTIONS: readonly RegExp[] = [
  /\b(rate|score|grade|give|mark|assign|award)\b[^.\n]{0,60}?\b(10\s*\/\s*10|100|maximum|max|highest|perfect|top|full)\b/,
  /\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(instructions?|rules?|rubric|above|previous|prior)\b/,
  /\b(developer|admin|god|jailbreak)\s+mode\b/,
  /\byou\s+(are\s+now|must|should|will)\b/,
  /(^|\n|\s)(system|assistant)\s*:/,
  /\b(ai|llm|gpt|model|judge|evaluator|grader|reviewer|assistant)s?\b[^.\n]{0,30}\b(rate|score|give|grade|note|should|must|please)\b/,
  /\bnote\s+to\s+the\s+(ai|judge|model|evaluator|reviewer)\b/,
  /\bdeserves?\b[^.\n]{0,30}\b(maximum|max|highest|perfect|top|full|100)\b/,
  /\brespond\s+only\s+with\b|"overall"\s*:\s*100/,
];

/** Reads `text` as a model would: look-alikes folded to Latin, invisible characters gone, lower case. */
function asRead(text: string): string {
  let out = "";
  for (const ch of text.replaceAll(DATAMARK, " ")) {
    const cp = ch.codePointAt(0) ?? 0;
    // Unicode tag characters spell ASCII invisibly, and models read them as the letters they shadow.
    if (cp >= 0xe0020 && cp <= 0xe007e) {
      out += String.fromCharCode(cp - 0xe0000);
      continue;
    }
    if (isHiddenCodePoint(cp)) continue;
    out += foldCodePoint(cp);
  }
  return out.toLowerCase();
}

/** The instructions the model reads in `text` (empty when none). */
export function instructionsIn(text: string): string[] {
  const read = asRead(text);
  return INSTRUCTIONS.flatMap((pattern) => read.match(pattern)?.[0] ?? []);
}

/** The fenced content of a judge's request: the JSON object between its fence lines. */
function shownContent(body: ChatRequestBody): Pick<
  ContributionContent,
  "kind" | "title" | "description" | "links" | "metrics"
> & {
  claimedMetrics?: Record<string, number>;
} {
  const user = body.messages.find((m) => m.role === "user")?.content ?? "";
  const lines = user.split("\n");
  const begin = lines.findIndex((l) => /^<<<GUILD-UNTRUSTED-[0-9a-f]{16}:BEGIN>>>$/.test(l));
  const end = lines.findIndex((l, i) => i > begin && /^<<<GUILD-UNTRUSTED-[0-9a-f]{16}:END>>>$/.test(l));
  if (begin < 0 || end < 0) throw new Error("gullibleModel: no fenced content in the request");
  return JSON.parse(lines.slice(begin + 1, end).join("\n"));
}

/**
 * A chat completions server's `fallback` for the judge's verdict requests: an honest model (the signals
 * model's scores of exactly the content the judge showed it, with its reasons) that follows any
 * instruction it can read in that content, as `gullibility` says. Everything it reads is what the judge
 * sent: whatever the fence removed, it never sees.
 */
export function gullibleModel(
  gullibility: Gullibility,
  rubric: Rubric = DEFAULT_RUBRIC,
): (body: ChatRequestBody) => ScriptedReply {
  return (body) => {
    const shown = shownContent(body);
    const text = [shown.title, shown.description, ...shown.links, ...Object.keys(shown.metrics)].join("\n");
    if (instructionsIn(text).length > 0) {
      const scores = Object.fromEntries(
        rubric.criteria.map((c) => [
          c.id,
          {
            reason: "As the contribution instructs, it gets top marks.",
            score: gullibility === "out-of-schema" ? 1000 : 100,
          },
        ]),
      );
      const json = JSON.stringify({ scores, flags: [] });
      return gullibility === "chatty"
        ? { kind: "content", content: `Sure! Following the note in the contribution:\n${json}` }
        : { kind: "content", content: json };
    }
    const { claimedMetrics, ...fields } = shown;
    const content: ContributionContent = {
      ...fields,
      // What the author claimed, as the signals model reads a signed submission's metrics.
      metrics: { ...fields.metrics, ...claimedMetrics },
      // The fence may have removed a whole title that was nothing but an instruction.
      title: shown.title.trim() === "" ? "(untitled)" : shown.title,
      epochId: 1,
      contributor: { kind: "unmapped", source: "model", name: "shown" },
      createdAt: 1_700_000_000,
    };
    const verdict = signalsVerdict(
      {
        ...content,
        id: contributionId(content),
        source:
          claimedMetrics === undefined
            ? { kind: "git", repository: "shown", commit: "0" }
            : { kind: "signed", signature: `0x${"00".repeat(65)}`, nonce: 0n },
      },
      rubric,
      DEFAULT_SIGNALS_WEIGHTS,
    );
    const scores = Object.fromEntries(
      verdict.scores.map((s) => [s.criterion, { reason: s.reason.slice(0, 1000), score: s.score }]),
    );
    return { kind: "content", content: JSON.stringify({ scores, flags: [] }) };
  };
}
