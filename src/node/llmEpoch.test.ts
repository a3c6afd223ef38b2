import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { AssessmentConfig } from "../assess/assessmentConfig.ts";
import { assessmentConfigHash, DEFAULT_ASSESSMENT_CONFIG } from "../assess/assessmentConfig.ts";
import type { LlmAudit } from "../assess/llm/llmAudit.ts";
import type { ChatCompletionsServer } from "../assess/llm/testing/chatCompletionsServer.ts";
import { chatCompletionsServer } from "../assess/llm/testing/chatCompletionsServer.ts";
import { calibrateAssessment } from "./calibrateAssessment.ts";
import { allocateEpoch } from "./epoch/allocateEpoch.ts";
import { assessEpoch } from "./epoch/assessEpoch.ts";
import { closeEpoch } from "./epoch/closeEpoch.ts";
import { answerSpotChecks } from "./epoch/testing/answerSpotChecks.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import { verifyEpoch } from "./verifyEpoch.ts";

/** Jurors who value contributions as the judge does. */
const JURORS = [0x81, 0x82, 0x83].map((n) => privateKeyToAccount(`0x${n.toString(16).repeat(32)}`));

/** The test model's weights digest, approved at founding. */
const MODEL_DIGEST = keccak256(stringToBytes("guild-test-model weights"));

/** Half the ensemble the signals model, half an LLM judge (a model server written in the test suite). */
const WITH_JUDGE: AssessmentConfig = {
  ...DEFAULT_ASSESSMENT_CONFIG,
  version: "guild-assessment-test-llm",
  evaluators: [
    {
      ...(DEFAULT_ASSESSMENT_CONFIG.evaluators[0] as AssessmentConfig["evaluators"][number]),
      weightBps: 5_000,
    },
    { id: "guild/llm-judge", weightBps: 5_000, model: "guild-test-model", modelDigest: MODEL_DIGEST },
  ],
};

describe("an epoch assessed by the LLM judge", { skip: NO_GRANT_ROUND }, () => {
  let dataDir: string;
  let server: ChatCompletionsServer;
  let other: ChatCompletionsServer;
  let ctx: NodeContext;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "guild-llm-epoch-"));
    server = await chatCompletionsServer();
    other = await chatCompletionsServer({ salt: "another model" });
    await prepareGuild(dataDir, {
      applications: 5,
      mapped: 5,
      assessment: { hash: assessmentConfigHash(WITH_JUDGE), uri: "guild:test/with-judge" },
      approvedModels: [MODEL_DIGEST],
    });
    ctx = await openNode({ chain: { dataDir }, assessment: WITH_JUDGE, llm: { baseUrl: server.baseUrl } });
  });

  after(async () => {
    await ctx.close();
    await server.close();
    await other.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores each judge verdict with its audit, allocates, and verifies by replaying the stored replies", async () => {
    await closeEpoch(ctx, 1);
    await assessEpoch(ctx, 1);
    const verdicts = await ctx.store.listVerdicts({ epochId: 1 });
    const judged = verdicts.filter((v) => v.evaluator.id === "guild/llm-judge");
    // Every contribution, once per replica (the governed replication factor is 3).
    assert.equal(judged.length, 5 * 3);
    for (const v of judged) {
      const audit = v.raw as unknown as LlmAudit;
      assert.equal(audit.model.name, "guild-test-model");
      assert.equal(typeof audit.promptTemplateHash, "string");
      assert.equal(audit.parameters.temperature, 0);
    }
    assert.ok(verdicts.filter((v) => v.evaluator.id === "guild/signals").every((v) => v.raw === null));
    const allocated = await allocateEpoch(ctx, 1);
    assert.equal(allocated.state, "allocated");
    const replayed = await verifyEpoch(ctx, 1);
    assert.deepEqual(
      replayed.checks.filter((c) => !c.ok),
      [],
    );
  });

  it("re-runs the judge's verdicts on a model server of your own and says whether they reproduce", async () => {
    const same = await verifyEpoch(ctx, 1, { rerunLlm: { baseUrl: server.baseUrl } });
    const check = same.checks.find((c) => c.name.startsWith("verdicts: the LLM judge re-run"));
    assert.equal(check?.ok, true);
    assert.equal(check?.actual, "15 of 15");
    const differs = await verifyEpoch(ctx, 1, { rerunLlm: { baseUrl: other.baseUrl } });
    const otherCheck = differs.checks.find((c) => c.name.startsWith("verdicts: the LLM judge re-run"));
    assert.equal(otherCheck?.ok, false);
    assert.match(otherCheck?.findings?.[0] ?? "", /^0x[0-9a-f]{64}#0: \w+ \d+ → \d+/);
  });

  it("calibrates the ensemble's weights over evaluators to jurors who side with the judge", async () => {
    const judgeOverall = new Map(
      (await ctx.store.listVerdicts({ epochId: 1 }))
        .filter((v) => v.evaluator.id === "guild/llm-judge" && v.replica === 0)
        .map((v) => [v.contributionId, v.overall]),
    );
    await answerSpotChecks(ctx, 1, JURORS, (id) => judgeOverall.get(id) ?? 0, 10);
    const calibration = await calibrateAssessment(ctx, { folds: 3 });
    const judge = calibration.evaluators.find((e) => e.id === "guild/llm-judge");
    assert.equal(judge?.currentBps, 5_000);
    assert.ok((judge?.calibratedBps ?? 0) > 5_000, JSON.stringify(calibration.evaluators));
    assert.equal(
      calibration.evaluators.reduce((s, e) => s + e.calibratedBps, 0),
      10_000,
    );
    // The proposed configuration carries the new ensemble weights (and keeps the judge's model).
    const proposed = calibration.config.evaluators.find((e) => e.id === "guild/llm-judge");
    assert.equal(proposed?.weightBps, judge?.calibratedBps);
    assert.equal(proposed?.modelDigest, MODEL_DIGEST);
    assert.ok(
      (calibration.inSample.calibrated.accuracy ?? 0) >= (calibration.inSample.current.accuracy ?? 1),
      JSON.stringify(calibration.inSample),
    );
  });
});
