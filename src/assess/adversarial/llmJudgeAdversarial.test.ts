// The LLM judge against the adversarial suite: its fencing, parsing and flagging, in front of a model that
// falls for every trick it can see (src/assess/llm/testing/gullibleModel.ts). The model scores what it is
// shown as the signals model would and obeys any instruction it reads there, so a twin is valued above
// its clean twin only if an instruction got through the fence, or the judge accepted a reply it should
// have refused.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { LlmReplyRejected } from "../llm/llmErrors.ts";
import { LlmJudge } from "../llm/llmJudge.ts";
import { chatCompletionsServer } from "../llm/testing/chatCompletionsServer.ts";
import { type Gullibility, gullibleModel, instructionsIn } from "../llm/testing/gullibleModel.ts";
import { ADVERSARIAL_FIXTURES, type AdversarialFixture } from "./adversarialFixtures.ts";
import { adversarialSuite } from "./adversarialSuite.ts";

const textOf = (c: AdversarialFixture["adversarial"]) =>
  [c.title, c.description, ...c.links, ...Object.keys(c.metrics)].join("\n");
const injections = ADVERSARIAL_FIXTURES.filter((f) => f.category.startsWith("injection-"));

describe("the gullible model", () => {
  it("reads the instruction of every injection twin, and none in any clean twin", () => {
    for (const f of injections) assert.ok(instructionsIn(textOf(f.adversarial)).length > 0, f.name);
    for (const f of ADVERSARIAL_FIXTURES) assert.deepEqual(instructionsIn(textOf(f.clean)), [], f.name);
  });

  it("obeys an instruction that reaches it: unfenced, a twin gets top marks", async () => {
    const server = await chatCompletionsServer();
    try {
      const fixture = injections[0] as AdversarialFixture;
      const text = textOf(fixture.adversarial);
      // The judge's request, but with the content shown as written (no fence scan).
      server.fallback = gullibleModel("obey");
      const reply = server.fallback({
        model: "m",
        messages: [
          {
            role: "user",
            content: `<<<GUILD-UNTRUSTED-0123456789abcdef:BEGIN>>>\n${JSON.stringify({ kind: "code", title: "t", description: text, links: [], metrics: {} })}\n<<<GUILD-UNTRUSTED-0123456789abcdef:END>>>`,
          },
        ],
      });
      assert.equal(reply.kind, "content");
      assert.match(reply.kind === "content" ? reply.content : "", /"score":100/);
    } finally {
      await server.close();
    }
  });
});

for (const gullibility of ["obey", "out-of-schema", "chatty"] as const satisfies readonly Gullibility[]) {
  const server = await chatCompletionsServer();
  server.fallback = gullibleModel(gullibility, DEFAULT_RUBRIC);
  after(() => server.close());
  const outcomes = new Map<string, "valued" | "refused">();
  adversarialSuite(
    `LlmJudge before a model that ${gullibility === "obey" ? "obeys instructions" : `obeys, answering ${gullibility}`}`,
    () => new LlmJudge({ baseUrl: server.baseUrl, model: `gullible-${gullibility}`, maxAttempts: 1 }),
    {
      // A reply the judge refuses leaves the contribution without a verdict: unassessed, unpaid.
      failsClosed: (error) => error instanceof LlmReplyRejected,
      onOutcome: (fixture, outcome) => outcomes.set(fixture.name, outcome),
    },
  );
  describe(`LlmJudge before a model that answers ${gullibility}`, () => {
    it("never lets an instruction reach the model: every twin is valued, none refused", () => {
      // Runs after the suite's tests above (node:test runs a file's tests in order; todo ones run too).
      assert.equal(outcomes.size, ADVERSARIAL_FIXTURES.length, "every fixture's outcome is known");
      assert.deepEqual(
        [...outcomes].filter(([, outcome]) => outcome === "refused").map(([name]) => name),
        [],
      );
    });
  });
}
