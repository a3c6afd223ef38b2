import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak256, stringToBytes } from "viem";
import {
  type AssessmentConfig,
  AssessmentModelNotApproved,
  checkModelsApproved,
  DEFAULT_ASSESSMENT_CONFIG,
  evaluatorOf,
  InvalidAssessmentConfig,
} from "./assessmentConfig.ts";

const DIGEST = keccak256(stringToBytes("weights"));
const withJudge = (modelDigest?: `0x${string}`): AssessmentConfig => ({
  ...DEFAULT_ASSESSMENT_CONFIG,
  evaluators: [
    { id: "guild/signals", weightBps: 5_000 },
    {
      id: "guild/llm-judge",
      weightBps: 5_000,
      model: "qwen2.5:7b-instruct",
      ...(modelDigest ? { modelDigest } : {}),
    },
  ],
});

describe("checkModelsApproved", () => {
  it("passes a configuration with no LLM judge, and a judge whose digest governance approved", () => {
    checkModelsApproved(DEFAULT_ASSESSMENT_CONFIG, []);
    checkModelsApproved(withJudge(DIGEST), [DIGEST.toUpperCase().replace("0X", "0x") as `0x${string}`]);
  });

  it("refuses a judge whose digest is not approved, or that names none", () => {
    assert.throws(
      () => checkModelsApproved(withJudge(DIGEST), [keccak256(stringToBytes("other"))]),
      (e: unknown) =>
        e instanceof AssessmentModelNotApproved && /not among the approved models/.test(e.message),
    );
    assert.throws(
      () => checkModelsApproved(withJudge(), [DIGEST]),
      (e: unknown) => e instanceof AssessmentModelNotApproved && /names no weights digest/.test(e.message),
    );
  });
});

describe("evaluatorOf", () => {
  it("builds the signals model, and refuses a judge with no model server or an unknown evaluator", () => {
    assert.equal(evaluatorOf({ id: "guild/signals", weightBps: 10_000 }).id, "guild/signals");
    assert.throws(
      () => evaluatorOf({ id: "guild/llm-judge", weightBps: 1, model: "m" }),
      InvalidAssessmentConfig,
    );
    assert.throws(() => evaluatorOf({ id: "guild/unknown", weightBps: 1 }), InvalidAssessmentConfig);
  });

  it("builds the peers evaluator on the endorsements it is given, and refuses it without them", () => {
    const peers = { id: "guild/peers", weightBps: 1 };
    assert.equal(evaluatorOf(peers, { endorsements: new Map([[1, new Map()]]) }).id, "guild/peers");
    assert.throws(
      () => evaluatorOf(peers),
      (e: unknown) => e instanceof InvalidAssessmentConfig && /endorsements/.test(e.message),
    );
  });
});
