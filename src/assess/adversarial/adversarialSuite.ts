// The adversarial suite every evaluator passes: gaming a contribution never raises its value, and injection is flagged.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import type { Evaluator } from "../../core/assessment/evaluator.ts";
import type { Rubric, Verdict } from "../../core/assessment/verdict.ts";
import { ADVERSARIAL_FIXTURES, type AdversarialFixture } from "./adversarialFixtures.ts";

/** How much more than its clean twin an adversarial twin may be valued: 2%. */
export const ADVERSARIAL_TOLERANCE = 0.02;

export interface AdversarialSuiteOptions {
  /**
   * Fixtures (by name) this evaluator is known not to resist; their tests are registered as `todo`,
   * so they run and report without failing. Each entry is a limitation to state in its README.
   */
  knownMisses?: readonly string[];
  /** The rubric to assess against; DEFAULT_RUBRIC when absent. */
  rubric?: Rubric;
  /**
   * Whether an error the evaluator throws on an adversarial twin is a recorded refusal (it fails
   * closed: the contribution gets no verdict, so no value). Such a twin passes when the clean twin is
   * assessed; any other error fails the test. Absent: every error fails it.
   */
  failsClosed?: (error: unknown) => boolean;
  /** Called with each twin's outcome, for a suite that tallies them. */
  onOutcome?: (fixture: AdversarialFixture, outcome: "valued" | "refused") => void;
}

/** Why `adversarial` is valued too high against `clean`, or undefined when it is not. */
export function overvaluation(clean: Verdict, adversarial: Verdict): string | undefined {
  const limit = (value: number) => value * (1 + ADVERSARIAL_TOLERANCE);
  const problems: string[] = [];
  if (adversarial.overall > limit(clean.overall))
    problems.push(`overall ${clean.overall} → ${adversarial.overall}`);
  for (const score of adversarial.scores) {
    const was = clean.scores.find((s) => s.criterion === score.criterion)?.score ?? 0;
    if (score.score > limit(was)) problems.push(`${score.criterion} ${was} → ${score.score}`);
  }
  return problems.length === 0 ? undefined : problems.join(", ");
}

/**
 * Registers, under `name`, one test per adversarial fixture for the evaluators `make` returns: the
 * adversarial twin is never valued (overall, and on each criterion) more than 2% above its clean twin,
 * and a fixture that must be flagged carries a flag its clean twin does not. An evaluator that refuses
 * the adversarial twin (`failsClosed`) values it at nothing, which passes.
 */
export function adversarialSuite(
  name: string,
  make: () => Evaluator,
  options: AdversarialSuiteOptions = {},
): void {
  const rubric = options.rubric ?? DEFAULT_RUBRIC;
  const knownMisses = new Set(options.knownMisses ?? []);
  for (const miss of knownMisses) {
    if (!ADVERSARIAL_FIXTURES.some((f) => f.name === miss))
      throw new Error(`adversarialSuite: no fixture named ${miss}`);
  }

  const check = async (fixture: AdversarialFixture): Promise<void> => {
    const evaluator = make();
    const clean = await evaluator.assess(fixture.clean, rubric);
    let adversarial: Verdict;
    try {
      adversarial = await evaluator.assess(fixture.adversarial, rubric);
    } catch (error) {
      if (options.failsClosed?.(error) !== true) throw error;
      options.onOutcome?.(fixture, "refused");
      return;
    }
    options.onOutcome?.(fixture, "valued");
    const over = overvaluation(clean, adversarial);
    assert.equal(over, undefined, `${fixture.trick}: valued above its clean twin (${over})`);
    if (fixture.mustFlag) {
      const added = adversarial.flags.filter((flag) => !clean.flags.includes(flag));
      assert.ok(
        added.length > 0,
        `${fixture.trick}: no flag beyond the clean twin's [${clean.flags.join(", ")}]`,
      );
    }
  };

  describe(`${name} (adversarial suite)`, () => {
    for (const fixture of ADVERSARIAL_FIXTURES) {
      const title = `${fixture.category}: ${fixture.name} (${fixture.trick})`;
      if (knownMisses.has(fixture.name))
        it(title, { todo: "a known miss of this evaluator" }, () => check(fixture));
      else it(title, () => check(fixture));
    }
  });
}
