// Calibrates the governed assessment to the jurors: which criterion weights, then which weights over the
// evaluators, best explain their spot checks, and how well the current and the calibrated weights agree
// with jurors they were not fitted on.
import type { Hex } from "viem";
import type { AssessmentConfig } from "../assess/assessmentConfig.ts";
import { assessmentConfigHash } from "../assess/assessmentConfig.ts";
import type { VerdictSummary } from "../core/assessment/assessedVerdict.ts";
import { assessVerdicts } from "../core/assessment/assessedVerdict.ts";
import { fitSimplexWeights, simplexLogWeights } from "../core/calibration/fitSimplexWeights.ts";
import { jurorFolds } from "../core/calibration/jurorFolds.ts";
import type { JurorPair, LogWeights } from "../core/calibration/jurorPair.ts";
import { pairLogRatio } from "../core/calibration/jurorPair.ts";
import { kendallTau } from "../core/calibration/kendallTau.ts";
import { pairwiseAccuracy } from "../core/calibration/pairwiseAccuracy.ts";
import { spearman } from "../core/calibration/spearman.ts";
import { GuildError } from "../core/errors.ts";
import type { NodeContext } from "./openNode.ts";

/** There are no juror answers to calibrate to. */
export class NothingToCalibrate extends GuildError {}

/** Agreement with jurors on pairs: accuracy (ties half), and rank correlations of predicted vs stated log-ratios. */
export interface Agreement {
  pairs: number;
  accuracy: number;
  spearman: number;
  kendall: number;
}

export interface AssessmentCalibration {
  pairs: number;
  jurors: number;
  contributions: number;
  criteria: { id: string; currentBps: number; calibratedBps: number }[];
  /**
   * The ensemble's weights over evaluators, fitted after the criteria (each evaluator's contribution
   * valued by the calibrated rubric); with one evaluator, its whole weight stays.
   */
  evaluators: { id: string; currentBps: number; calibratedBps: number }[];
  /** Cross-validated by juror (each fold's jurors held out of the fit); absent with fewer than 2 jurors. */
  heldOut?: { folds: number; current: Agreement; calibrated: Agreement };
  /** On every pair, the calibrated weights fitted on all of them. */
  inSample: { current: Agreement; calibrated: Agreement };
  /** The governed configuration with the calibrated rubric weights, and its hash. */
  config: AssessmentConfig;
  configHash: Hex;
}

/**
 * Reads every juror answer in the store and each compared contribution's accepted verdicts, and fits the
 * rubric's criterion weights to the answers (fitSimplexWeights: a contribution is valued by the
 * rubric-weighted sum of its criterion scores, averaged over evaluators by their ensemble weights, as the
 * guild pays), then, with several evaluators, their ensemble weights given the calibrated rubric. Reports agreement with jurors held out of the fit, by juror folds, for the current and
 * the calibrated weights. Writes nothing.
 * @throws NothingToCalibrate when no juror has answered yet
 */
export async function calibrateAssessment(
  ctx: NodeContext,
  options: { folds?: number } = {},
): Promise<AssessmentCalibration> {
  const answers = await ctx.store.listJurorAnswers();
  if (answers.length === 0) throw new NothingToCalibrate("no juror has answered a spot check yet", {});
  const pairs: JurorPair[] = answers.map((a) => ({
    juror: a.juror.toLowerCase(),
    a: a.a.toLowerCase(),
    b: a.b.toLowerCase(),
    winner: a.winner === a.a ? "a" : "b",
    multiplier: a.multiplierPermille / 1_000,
  }));
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))] as Hex[];
  const { rubric, evaluators } = ctx.assessment;
  const criteria = rubric.criteria.map((c) => c.id);

  // Each contribution's criterion scores, averaged over the evaluators by their ensemble weights.
  const groups = new Map<string, VerdictSummary[]>();
  for (const { replica: _replica, ...v } of await ctx.store.listVerdictSummaries(ids)) {
    const key = `${v.contributionId.toLowerCase()}:${v.evaluator.id}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  // And each evaluator's criterion scores apart (evaluator-major), for fitting the evaluators' weights.
  const features = new Map<string, number[]>();
  const byEvaluator = new Map<string, number[]>();
  for (const id of ids) {
    const row = criteria.map(() => 0);
    const apart: number[] = [];
    let complete = true;
    for (const { id: evaluator, weightBps } of evaluators) {
      const replicas = groups.get(`${id}:${evaluator}`);
      if (replicas === undefined) {
        complete = false;
        break;
      }
      const accepted = assessVerdicts(replicas);
      for (const [j, criterion] of criteria.entries()) {
        const score = accepted.scores.find((s) => s.criterion === criterion)?.score ?? 0;
        row[j] = (row[j] as number) + (score * weightBps) / 10_000;
        apart.push(score);
      }
    }
    if (complete) {
      features.set(id, row);
      byEvaluator.set(id, apart);
    }
  }
  const usable = pairs.filter((p) => features.has(p.a) && features.has(p.b));
  if (usable.length === 0) {
    throw new NothingToCalibrate("no answered pair has verdicts on both of its contributions", {
      answers: answers.length,
    });
  }
  const prior = rubric.criteria.map((c) => c.weightBps / 10_000);
  const evaluatorPrior = evaluators.map((e) => e.weightBps / 10_000);
  const C = criteria.length;
  /** Criterion weights first (evaluators at their current weights), then evaluator weights given them. */
  const fit = (training: readonly JurorPair[]) => {
    const w = fitSimplexWeights(features, training, { prior });
    if (evaluators.length < 2) return { criteria: w, evaluators: evaluatorPrior };
    const overall = new Map(
      [...byEvaluator].map(([id, apart]) => [
        id,
        evaluators.map((_, e) => w.reduce((s, wc, c) => s + wc * (apart[e * C + c] as number), 0)),
      ]),
    );
    return { criteria: w, evaluators: fitSimplexWeights(overall, training, { prior: evaluatorPrior }) };
  };
  /** A contribution's log-value under criterion and evaluator weights: Σ_e v_e Σ_c w_c score_ec. */
  const logValues = (w: { criteria: readonly number[]; evaluators: readonly number[] }) =>
    simplexLogWeights(
      byEvaluator,
      w.evaluators.flatMap((v) => w.criteria.map((wc) => v * wc)),
    );
  const weights = fit(usable);
  const current = logValues({ criteria: prior, evaluators: evaluatorPrior });
  const calibrated = logValues(weights);

  const jurors = new Set(usable.map((p) => p.juror));
  const k = Math.min(options.folds ?? 5, jurors.size);
  let heldOut: AssessmentCalibration["heldOut"];
  if (k >= 2) {
    const heldCalibrated: { pair: JurorPair; logs: LogWeights }[] = [];
    for (const fold of jurorFolds(usable, k)) {
      const held = new Set(fold);
      const logs = logValues(fit(usable.filter((p) => !held.has(p.juror))));
      for (const pair of usable.filter((p) => held.has(p.juror))) heldCalibrated.push({ pair, logs });
    }
    heldOut = {
      folds: k,
      current: agreement(heldCalibrated.map(({ pair }) => ({ pair, logs: current }))),
      calibrated: agreement(heldCalibrated),
    };
  }
  const bps = toBps(weights.criteria);
  const evaluatorBps = evaluators.length < 2 ? evaluators.map((e) => e.weightBps) : toBps(weights.evaluators);
  const config: AssessmentConfig = {
    ...ctx.assessment,
    evaluators: evaluators.map((e, i) => ({ ...e, weightBps: evaluatorBps[i] as number })),
    rubric: {
      ...rubric,
      version: `${rubric.version}+calibrated-${usable.length}`,
      criteria: rubric.criteria.map((c, j) => ({ ...c, weightBps: bps[j] as number })),
    },
  };
  const result: AssessmentCalibration = {
    pairs: usable.length,
    jurors: jurors.size,
    contributions: features.size,
    criteria: rubric.criteria.map((c, j) => ({
      id: c.id,
      currentBps: c.weightBps,
      calibratedBps: bps[j] as number,
    })),
    evaluators: evaluators.map((e, i) => ({
      id: e.id,
      currentBps: e.weightBps,
      calibratedBps: evaluatorBps[i] as number,
    })),
    inSample: {
      current: agreement(usable.map((pair) => ({ pair, logs: current }))),
      calibrated: agreement(usable.map((pair) => ({ pair, logs: calibrated }))),
    },
    config,
    configHash: assessmentConfigHash(config),
  };
  if (heldOut !== undefined) result.heldOut = heldOut;
  return result;
}

/** Agreement over pairs, each scored by the log-weights that were fitted without its juror. */
function agreement(scored: readonly { pair: JurorPair; logs: LogWeights }[]): Agreement {
  let correct = 0;
  const predicted: number[] = [];
  const stated: number[] = [];
  for (const { pair, logs } of scored) {
    correct += pairwiseAccuracy(logs, [pair]).accuracy;
    predicted.push((logs.get(pair.b) as number) - (logs.get(pair.a) as number));
    stated.push(pairLogRatio(pair));
  }
  const round = (x: number) => (Number.isNaN(x) ? Number.NaN : Math.round(x * 1_000) / 1_000);
  return {
    pairs: scored.length,
    accuracy: round(scored.length === 0 ? Number.NaN : correct / scored.length),
    spearman: round(scored.length < 2 ? Number.NaN : spearman(predicted, stated)),
    kendall: round(scored.length < 2 ? Number.NaN : kendallTau(predicted, stated)),
  };
}

/** Weights summing to 1 as basis points summing to 10,000 exactly (largest remainders get the rest). */
function toBps(weights: readonly number[]): number[] {
  const exact = weights.map((w) => w * 10_000);
  const bps = exact.map(Math.floor);
  let left = 10_000 - bps.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    bps[i] = (bps[i] as number) + 1;
    left--;
  }
  return bps;
}
