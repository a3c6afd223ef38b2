// The pure part of the assessed step: stored verdicts in, each contribution's accepted verdicts and value out.
import type { Hex } from "viem";
import type { AssessmentConfig } from "../../assess/assessmentConfig.ts";
import type { AssessedVerdict, VerdictSummary } from "../../core/assessment/assessedVerdict.ts";
import { assessVerdicts } from "../../core/assessment/assessedVerdict.ts";
import type { AssessedSnapshot } from "./epochLedger.ts";

/** Value units per point of a 0–100 score at full weight (10,000 bps): 1e6 value units per point / 1e4. */
export const VALUE_UNITS_PER_SCORE_BPS = 100n;

/** The assessment of some contributions: accepted verdicts (summarized), values and the unassessed. */
export interface Assessment extends Pick<AssessedSnapshot, "values" | "unassessed"> {
  consensus: AssessedVerdict[];
}

/**
 * What assessEpoch derives for some of an epoch's contributions: per contribution (in the order given)
 * and evaluator (in the configuration's order), the consensus of its replicas (in the store's order: by
 * replica), and each contribution's value, the evaluators' weighted overall score. A contribution some
 * evaluator has no verdict on gets no value and is listed as unassessed (fail closed).
 * It must compute what assessEpoch computes; verifyEpoch compares the two on every epoch it checks.
 * @throws IncomparableReplicas when a group of verdicts mixes evaluator versions
 */
export function assessedSnapshotOf(
  contributionIds: readonly Hex[],
  verdicts: readonly (VerdictSummary & { replica: number })[],
  evaluators: AssessmentConfig["evaluators"],
): Assessment {
  const groups = new Map<string, VerdictSummary[]>();
  for (const { replica: _replica, ...v } of verdicts) {
    const key = `${v.contributionId}:${v.evaluator.id}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [v]);
    else group.push(v);
  }
  const accepted: AssessedVerdict[] = [];
  const values: { contributionId: Hex; valueUnits: string }[] = [];
  const unassessed: Hex[] = [];
  for (const contributionId of contributionIds) {
    let valueUnits = 0n;
    let complete = true;
    for (const { id, weightBps } of evaluators) {
      const replicas = groups.get(`${contributionId}:${id}`) ?? [];
      if (replicas.length === 0) {
        complete = false;
        continue;
      }
      const c = assessVerdicts(replicas);
      accepted.push(c);
      valueUnits += BigInt(c.overall) * BigInt(weightBps) * VALUE_UNITS_PER_SCORE_BPS;
    }
    if (complete) values.push({ contributionId, valueUnits: valueUnits.toString() });
    else unassessed.push(contributionId);
  }
  return { consensus: accepted, values, unassessed };
}
