import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Verdict } from "../../core/assessment/verdict.ts";
import { ADVERSARIAL_FIXTURES } from "./adversarialFixtures.ts";
import { overvaluation } from "./adversarialSuite.ts";

const verdict = (overall: number, impact = overall): Verdict => ({
  contributionId: "0x00",
  evaluator: { id: "test", version: "1" },
  inputHash: "0x00",
  scores: [{ criterion: "impact", score: impact, reason: "r" }],
  overall,
  flags: [],
});

describe("overvaluation", () => {
  it("allows 2% above the clean twin, overall and on each criterion, and names what rose beyond it", () => {
    assert.equal(overvaluation(verdict(50), verdict(51)), undefined);
    assert.equal(overvaluation(verdict(50), verdict(40)), undefined);
    assert.equal(overvaluation(verdict(50), verdict(52)), "overall 50 → 52, impact 50 → 52");
    assert.equal(overvaluation(verdict(50, 40), verdict(50, 41)), "impact 40 → 41");
    assert.equal(overvaluation(verdict(0), verdict(1)), "overall 0 → 1, impact 0 → 1");
  });

  it("catches a gullible evaluator that pays for every word, on most fixtures", () => {
    const gullible = (description: string): Verdict => {
      const words = description.split(/\s+/u).filter((w) => w !== "").length;
      return verdict(Math.min(100, Math.round(words / 3)));
    };
    const caught = ADVERSARIAL_FIXTURES.filter(
      (f) => overvaluation(gullible(f.clean.description), gullible(f.adversarial.description)) !== undefined,
    );
    assert.ok(caught.length >= ADVERSARIAL_FIXTURES.length / 2, `${caught.length} caught`);
  });
});
