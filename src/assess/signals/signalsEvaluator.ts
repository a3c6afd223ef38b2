// The built-in evaluator: a transparent, deterministic signals model over a contribution's text and metrics.
import type { Evaluator } from "../../core/assessment/evaluator.ts";
import type { Rubric, Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { SIGNALS_EVALUATOR_ID, SIGNALS_EVALUATOR_VERSION, signalsVerdict } from "./signalsVerdict.ts";
import { checkSignalsWeights, DEFAULT_SIGNALS_WEIGHTS, type SignalsWeights } from "./signalsWeights.ts";

export interface SignalsEvaluatorOptions {
  /** The governed weights; DEFAULT_SIGNALS_WEIGHTS when absent. */
  weights?: SignalsWeights;
}

/**
 * The embedded default evaluator (id "guild/signals"). It reads counts from the contribution's text
 * and metrics and scores each rubric criterion as a weighted mean of them; see README.md beside it.
 */
export class SignalsEvaluator implements Evaluator {
  readonly id = SIGNALS_EVALUATOR_ID;
  readonly version = SIGNALS_EVALUATOR_VERSION;
  /** The weights in force, a frozen copy of those given. */
  readonly weights: SignalsWeights;

  /** @throws InvalidSignalsWeights when the weights are malformed */
  constructor(options: SignalsEvaluatorOptions = {}) {
    const weights = options.weights ?? DEFAULT_SIGNALS_WEIGHTS;
    checkSignalsWeights(weights);
    // A copy, so a caller changing its object later cannot change what the verdicts' input hash names.
    const copy = JSON.parse(canonicalJson(weights)) as Record<string, Record<string, number>>;
    for (const shares of Object.values(copy)) Object.freeze(shares);
    this.weights = Object.freeze(copy);
  }

  /** See signalsVerdict for what it promises and throws (as a rejection). */
  async assess(contribution: Contribution, rubric: Rubric): Promise<Verdict> {
    return signalsVerdict(contribution, rubric, this.weights);
  }
}
