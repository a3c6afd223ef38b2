import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import type { Rubric } from "../../core/assessment/verdict.ts";
import { contributionOf } from "../testing/contributionOf.ts";
import type { LlmAudit } from "./llmAudit.ts";
import { AuditMismatch, LlmReplyRejected, LlmServerUnavailable } from "./llmErrors.ts";
import { LlmJudge } from "./llmJudge.ts";
import { chatCompletionsServer } from "./testing/chatCompletionsServer.ts";
import { verdictFromAudit } from "./verdictFromAudit.ts";

const server = await chatCompletionsServer();
after(() => server.close());
const judge = new LlmJudge({ baseUrl: server.baseUrl, model: "guild-test-model", sleep: async () => {} });
const WORK = contributionOf({
  title: "Faster Merkle proofs",
  description: "Builds every proof in one pass.",
});

/** The audit as a store gives it back: through JSON. */
const stored = (audit: LlmAudit): LlmAudit => JSON.parse(JSON.stringify(audit)) as LlmAudit;

/** A raw chat completion body whose message content is `content`, as a server would send it. */
function rawReplyWith(audit: LlmAudit, content: string): string {
  const body = JSON.parse(audit.rawReply ?? "{}") as { choices: { message: { content: string } }[] };
  const choice = body.choices[0];
  if (choice !== undefined) choice.message.content = content;
  return JSON.stringify(body);
}

describe("verdictFromAudit", () => {
  it("re-derives the live verdict, byte for byte, from the stored raw reply alone", async () => {
    const { verdict, audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    const requests = server.requests.length;
    const replayed = verdictFromAudit(stored(audit), structuredClone(WORK), DEFAULT_RUBRIC);
    assert.equal(JSON.stringify(replayed), JSON.stringify(verdict));
    assert.equal(server.requests.length, requests, "a replay sends nothing");
  });

  it("replays a hand-written stored reply to the verdict it says", async () => {
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    const content = JSON.stringify({
      flags: ["insufficient-evidence"],
      scores: {
        clarity: { score: 80, reason: "One clear sentence." },
        scope: { score: 30, reason: "A single pass." },
        rigour: { score: 10, reason: "No tests are named." },
        impact: { score: 60, reason: "Proofs are on the claim path." },
      },
    });
    const edited = { ...stored(audit), rawReply: rawReplyWith(audit, content), parsed: null };
    const verdict = verdictFromAudit(edited, WORK, DEFAULT_RUBRIC);
    assert.deepEqual(
      verdict.scores.map((s) => [s.criterion, s.score, s.reason]),
      [
        ["impact", 60, "Proofs are on the claim path."],
        ["rigour", 10, "No tests are named."],
        ["scope", 30, "A single pass."],
        ["clarity", 80, "One clear sentence."],
      ],
    );
    // 60·35% + 10·25% + 30·20% + 80·20% = 45.5 → 46
    assert.equal(verdict.overall, 46);
    assert.deepEqual(verdict.flags, ["insufficient-evidence"]);
    assert.equal(verdict.inputHash, audit.inputHash);
  });

  it("replays a recorded rejection as the same rejection, never as a score", async () => {
    server.script({ kind: "json", value: { scores: {}, flags: [] } });
    const failure = await judge.assess(WORK, DEFAULT_RUBRIC).catch((error: unknown) => error);
    assert.ok(failure instanceof LlmReplyRejected);
    assert.throws(
      () => verdictFromAudit(stored(failure.audit), WORK, DEFAULT_RUBRIC),
      (error: unknown) =>
        error instanceof LlmReplyRejected &&
        error.details.stage === failure.details.stage &&
        error.details.path === failure.details.path,
    );
  });

  it("refuses an audit of no reply", async () => {
    server.script({ kind: "status", status: 503 });
    const failing = new LlmJudge({ baseUrl: server.baseUrl, model: "guild-test-model", maxAttempts: 1 });
    const failure = await failing.assess(WORK, DEFAULT_RUBRIC).catch((error: unknown) => error);
    assert.ok(failure instanceof LlmServerUnavailable);
    assert.throws(() => verdictFromAudit(failure.audit, WORK, DEFAULT_RUBRIC), AuditMismatch);
  });

  it("refuses an audit of other inputs, another judge version, or with edited fields", async () => {
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    const refuses = (edited: LlmAudit, field: string, contribution = WORK, rubric: Rubric = DEFAULT_RUBRIC) =>
      assert.throws(
        () => verdictFromAudit(edited, contribution, rubric),
        (error: unknown) => error instanceof AuditMismatch && (field === "" || error.details.field === field),
        field,
      );
    refuses(audit, "contributionIds", contributionOf({ title: "Other work" }));
    refuses(audit, "rubricHash", WORK, { ...DEFAULT_RUBRIC, version: "guild-default-2" });
    refuses({ ...audit, model: { ...audit.model, name: "other-model" } }, "inputHash");
    refuses({ ...audit, parameters: { ...audit.parameters, seed: 43 } }, "inputHash");
    refuses({ ...audit, evaluator: { ...audit.evaluator, version: "0.9.0" } }, "");
    refuses({ ...audit, task: "pair" }, "");
    const messages = audit.messages.map((m) => ({ ...m, content: m.content.replace("Faster", "Slower") }));
    refuses({ ...audit, messages }, "messages");
    refuses(
      { ...audit, findings: [{ field: "title", kind: "score-demand", excerpt: "x", index: 0 }] },
      "findings",
    );
  });

  it("refuses an audit whose parsed scores are not what its raw reply says", async () => {
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    assert.ok(audit.parsed?.kind === "verdict");
    const inflated = {
      ...audit.parsed,
      scores: audit.parsed.scores.map((s) => ({ ...s, score: 100 })),
    };
    assert.throws(
      () => verdictFromAudit({ ...audit, parsed: inflated }, WORK, DEFAULT_RUBRIC),
      /parsed scores/,
    );
  });
});
