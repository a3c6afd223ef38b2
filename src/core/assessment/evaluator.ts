// The one interface every evaluator implements: the built-in signals model, the LLM judge, jurors.
import type { Contribution } from "../contribution/contribution.ts";
import type { Rubric, Verdict } from "./verdict.ts";

/**
 * Assesses contributions against a rubric. An evaluator must be deterministic for the same
 * contribution, rubric and version (or record what made it not), and must fail closed: an input it
 * cannot assess is an error, never a guessed score.
 */
export interface Evaluator {
  readonly id: string;
  readonly version: string;
  assess(contribution: Contribution, rubric: Rubric): Promise<Verdict>;
}
