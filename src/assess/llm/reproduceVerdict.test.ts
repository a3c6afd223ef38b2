import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { contributionOf } from "../testing/contributionOf.ts";
import { AuditMismatch, LlmReplyRejected } from "./llmErrors.ts";
import { LlmJudge } from "./llmJudge.ts";
import { reproduceVerdict } from "./reproduceVerdict.ts";
import { chatCompletionsServer } from "./testing/chatCompletionsServer.ts";

const first = await chatCompletionsServer();
// Another server with other weights: it names the model differently and scores differently.
const second = await chatCompletionsServer({
  model: "llama-3.1-8b-q4",
  systemFingerprint: "b4567",
  salt: "other",
});
after(() => Promise.all([first.close(), second.close()]));
const WORK = contributionOf({
  title: "Claim page",
  description: "Adds a page to claim rewards with a wallet.",
});

describe("reproduceVerdict", () => {
  it("reproduces a verdict on the same server and model", async () => {
    const judge = new LlmJudge({ baseUrl: first.baseUrl, model: "guild-test-model" });
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    const result = await reproduceVerdict(JSON.parse(JSON.stringify(audit)), judge);
    assert.equal(result.reproduced, true);
    assert.deepEqual(result.differences, []);
    assert.equal(result.maxDifference, 0);
    assert.equal(result.flagsMatch, true);
    assert.equal(result.sameModel, true);
    assert.equal(result.audit.inputHash, audit.inputHash);
  });

  it("re-sends the stored request to another server and reports the scores that moved", async () => {
    const judge = new LlmJudge({ baseUrl: first.baseUrl, model: "guild-test-model" });
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    const other = new LlmJudge({ baseUrl: second.baseUrl, model: "llama3.1:8b", seed: 1, maxTokens: 10 });
    const result = await reproduceVerdict(audit, other);
    const sent = second.requests.at(-1)?.body;
    assert.deepEqual(sent?.messages, audit.messages, "the stored messages, byte for byte");
    assert.equal(sent?.model, "llama3.1:8b");
    assert.equal(sent?.seed, audit.parameters.seed, "the stored parameters, not the other judge's");
    assert.equal(sent?.max_tokens, audit.parameters.maxTokens);
    assert.equal(result.sameModel, false);
    assert.equal(result.audit.model.reported, "llama-3.1-8b-q4");
    assert.equal(result.audit.model.systemFingerprint, "b4567");
    assert.notEqual(result.audit.inputHash, audit.inputHash, "another model is another input");
    assert.equal(result.reproduced, false);
    assert.ok(result.differences.length > 0);
    for (const d of result.differences) assert.notEqual(d.stored, d.reproduced);
    assert.equal(
      result.maxDifference,
      Math.max(...result.differences.map((d) => Math.abs(d.stored - d.reproduced))),
    );
    const tolerant = await reproduceVerdict(audit, other, { toleranceScore: 100 });
    assert.equal(tolerant.reproduced, true);
  });

  it("refuses an audit with no scores, and fails closed when the re-run's reply does not validate", async () => {
    const judge = new LlmJudge({ baseUrl: first.baseUrl, model: "guild-test-model" });
    first.script({ kind: "content", content: "not json" });
    const failure = await judge.assess(WORK, DEFAULT_RUBRIC).catch((error: unknown) => error);
    assert.ok(failure instanceof LlmReplyRejected);
    await assert.rejects(reproduceVerdict(failure.audit, judge), AuditMismatch);
    const { audit } = await judge.assessWithAudit(WORK, DEFAULT_RUBRIC);
    first.script({ kind: "content", content: "{}" });
    await assert.rejects(reproduceVerdict(audit, judge), LlmReplyRejected);
  });
});
