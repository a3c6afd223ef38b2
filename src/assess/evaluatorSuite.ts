// The suite every evaluator passes, whatever it runs on: determinism, scores in range, and failing closed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_RUBRIC } from "../core/assessment/defaultRubric.ts";
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Rubric } from "../core/assessment/verdict.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import { GuildError } from "../core/errors.ts";
import { canonicalJson } from "../core/report/canonicalJson.ts";
import { arbitraryContribution, contributionOf } from "./testing/contributionOf.ts";

export interface EvaluatorSuiteOptions {
  /** Random contributions to assess per property; an evaluator behind a slow model asks for fewer. */
  runs?: number;
}

/** Registers the shared evaluator tests under `name` for the evaluators `make` returns. */
export function evaluatorSuite(
  name: string,
  make: () => Evaluator,
  options: EvaluatorSuiteOptions = {},
): void {
  const runs = options.runs ?? 100;
  describe(`${name} (shared evaluator suite)`, () => {
    it("gives the same verdict, byte for byte, for the same contribution and rubric", async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryContribution, async (contribution) => {
          const first = await make().assess(contribution, DEFAULT_RUBRIC);
          const again = await make().assess(structuredClone(contribution), DEFAULT_RUBRIC);
          assert.equal(canonicalJson(again), canonicalJson(first));
        }),
        { numRuns: runs },
      );
    });

    it("scores every criterion of the rubric, in order, with whole scores 0..100 and a reason", async () => {
      const evaluator = make();
      await fc.assert(
        fc.asyncProperty(arbitraryContribution, async (contribution) => {
          const verdict = await evaluator.assess(contribution, DEFAULT_RUBRIC);
          assert.equal(verdict.contributionId, contribution.id.toLowerCase());
          assert.deepEqual(verdict.evaluator, { id: evaluator.id, version: evaluator.version });
          assert.match(verdict.inputHash, /^0x[0-9a-f]{64}$/);
          assert.deepEqual(
            verdict.scores.map((s) => s.criterion),
            DEFAULT_RUBRIC.criteria.map((c) => c.id),
          );
          for (const { score, reason } of verdict.scores) {
            assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, `score ${score}`);
            assert.ok(reason.trim().length > 0);
          }
          assert.ok(Number.isInteger(verdict.overall) && verdict.overall >= 0 && verdict.overall <= 100);
          assert.deepEqual([...verdict.flags], [...new Set(verdict.flags)].sort());
        }),
        { numRuns: runs },
      );
    });

    it("names what it read: a change to the content or the rubric changes the input hash", async () => {
      const evaluator = make();
      const base = contributionOf();
      const verdict = await evaluator.assess(base, DEFAULT_RUBRIC);
      const edited = await evaluator.assess(contributionOf({ title: `${base.title}!` }), DEFAULT_RUBRIC);
      assert.notEqual(edited.inputHash, verdict.inputHash);
      const rubric: Rubric = { ...DEFAULT_RUBRIC, version: `${DEFAULT_RUBRIC.version}-b` };
      assert.notEqual((await evaluator.assess(base, rubric)).inputHash, verdict.inputHash);
    });

    it("fails closed on a contribution with a field missing, a wrong id, or a malformed rubric", async () => {
      const evaluator = make();
      const good = contributionOf();
      for (const field of [
        "id",
        "kind",
        "title",
        "description",
        "links",
        "metrics",
        "contributor",
      ] as const) {
        const { [field]: _dropped, ...rest } = good;
        await assert.rejects(evaluator.assess(rest as Contribution, DEFAULT_RUBRIC), GuildError, field);
      }
      await assert.rejects(
        evaluator.assess({ ...good, title: "Something else" }, DEFAULT_RUBRIC),
        GuildError,
      );
      const lopsided: Rubric = {
        ...DEFAULT_RUBRIC,
        criteria: DEFAULT_RUBRIC.criteria.map((c, i) => ({
          ...c,
          weightBps: i === 0 ? c.weightBps + 1 : c.weightBps,
        })),
      };
      await assert.rejects(evaluator.assess(good, lopsided), GuildError);
    });
  });
}
