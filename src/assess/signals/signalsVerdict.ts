// The signals model's verdict on one contribution: a pure function of the contribution, the rubric and the weights.

import type { Hex } from "viem";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { CriterionScore, Rubric, Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { GuildError } from "../../core/errors.ts";
import { hashOfFrozen } from "../../core/hash/hashOfFrozen.ts";
import { keccak256Text } from "../../core/hash/keccak256.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { checkContribution } from "../checkContribution.ts";
import { checkRubric } from "../checkRubric.ts";
import { metricsClaimed } from "../metricsClaimed.ts";
import { KIND_BASELINES } from "./kindBaselines.ts";
import { divideRounded, readSignals } from "./readSignals.ts";
import { scoreCriterion } from "./scoreCriterion.ts";
import { checkSignalsWeights, type SignalsWeights } from "./signalsWeights.ts";

export const SIGNALS_EVALUATOR_ID = "guild/signals";
/** Bumped whenever a signal, a scale, a baseline or the wording of a reason changes. */
export const SIGNALS_EVALUATOR_VERSION = "1.3.0";

/** The rubric has a criterion the weights say nothing about, so the signals model cannot score it. */
export class UnscorableCriterion extends GuildError {
  constructor(criterion: string, weighted: readonly string[]) {
    super(`the signals weights do not cover criterion ${criterion} (they cover ${weighted.join(", ")})`, {
      criterion,
      weighted,
    });
  }
}

/**
 * Assesses `contribution` against `rubric` with `weights`; a signed submission's metrics are claims and
 * count for nothing (metricsClaimed). Same arguments, same verdict, byte for byte. The input hash is
 * keccak256 of the canonical JSON of the evaluator's id and version, the contribution's id (the hash of
 * its content), whether its metrics were claimed, and the hashes of the rubric and the weights (each
 * keccak256 of its canonical JSON).
 * @throws InvalidContribution, ContributionIdMismatch when the contribution is incomplete or its id is wrong
 * @throws InvalidRubric when the rubric is malformed
 * @throws InvalidSignalsWeights when the weights are malformed
 * @throws UnscorableCriterion when the weights do not cover a criterion of the rubric
 */
export function signalsVerdict(contribution: Contribution, rubric: Rubric, weights: SignalsWeights): Verdict {
  const content = checkContribution(contribution);
  checkRubric(rubric);
  checkSignalsWeights(weights);
  for (const criterion of rubric.criteria) {
    if (!Object.hasOwn(weights, criterion.id))
      throw new UnscorableCriterion(criterion.id, Object.keys(weights));
  }
  const evaluator = { id: SIGNALS_EVALUATOR_ID, version: SIGNALS_EVALUATOR_VERSION };
  // A signed submission's metrics are claims, not measurements: none is counted (metricsClaimed).
  const claimed = metricsClaimed(contribution);
  // What it read, by hash: the contribution's id is the hash of its content (checked above), and whether
  // its metrics were measured or only claimed.
  const inputHash: Hex = keccak256Text(
    canonicalJson({
      evaluator,
      contribution: contribution.id.toLowerCase(),
      metricsClaimed: claimed,
      rubric: rubricHash(rubric),
      weights: hashOfFrozen(weights),
    }),
  );

  const signals = readSignals(content, claimed);
  const baseline = KIND_BASELINES[content.kind];
  let weightedBps = 0;
  const scores: CriterionScore[] = rubric.criteria.map((criterion) => {
    const { score, reason } = scoreCriterion(weights[criterion.id] ?? {}, signals, content.kind, baseline);
    weightedBps += score * criterion.weightBps;
    return { criterion: criterion.id, score, reason };
  });
  return {
    contributionId: contribution.id.toLowerCase() as Hex,
    evaluator,
    inputHash,
    scores,
    overall: divideRounded(weightedBps, 10_000),
    flags: signals.flags,
  };
}
