// The pure part of the assessed step: stored verdicts in, each contribution's accepted verdicts and value out.
import type { Hex } from "viem";
import type { AssessmentConfig } from "../../assess/assessmentConfig.ts";
import type { Consensus } from "../../core/assessment/consensus.ts";
import { consensus } from "../../core/assessment/consensus.ts";
import type { VerdictRecord } from "../../store/store.ts";
import type { AssessedSnapshot } from "./epochLedger.ts";

/** Value units per point of a 0–100 score at full weight (10,000 bps): 1e6 value units per point / 1e4. */
export const VALUE_UNITS_PER_SCORE_BPS = 100n;

/**
 * What assessEpoch stores for an epoch: per contribution (in the closed snapshot's order) and evaluator
 * (in the configuration's order), the consensus of its replicas (in the store's order: by replica), and
 * each contribution's value, the evaluators' weighted overall score. A contribution some evaluator has
 * no verdict on gets no value and is listed as unassessed (fail closed).
 * It must compute what assessEpoch computes; verifyEpoch compares the two on every epoch it checks.
 * @throws IncomparableReplicas when a group of verdicts mixes evaluator versions
 */
export function assessedSnapshotOf(
  contributionIds: readonly Hex[],
  verdicts: readonly VerdictRecord[],
  evaluators: AssessmentConfig["evaluators"],
): AssessedSnapshot {
  const groups = new Map<string, VerdictRecord[]>();
  for (const v of verdicts) {
    const key = `${v.contributionId}:${v.evaluator.id}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [v]);
    else group.push(v);
  }
  const accepted: Consensus[] = [];
  const values: { contributionId: Hex; valueUnits: string }[] = [];
  const unassessed: Hex[] = [];
  for (const contributionId of contributionIds) {
    let valueUnits = 0n;
    let complete = true;
    for (const { id, weightBps } of evaluators) {
      const replicas = (groups.get(`${contributionId}:${id}`) ?? []).map(
        ({ replica: _r, raw: _raw, ...v }) => v,
      );
      if (replicas.length === 0) {
        complete = false;
        continue;
      }
      const c = consensus(replicas);
      accepted.push(c);
      valueUnits += BigInt(c.verdict.overall) * BigInt(weightBps) * VALUE_UNITS_PER_SCORE_BPS;
    }
    if (complete) values.push({ contributionId, valueUnits: valueUnits.toString() });
    else unassessed.push(contributionId);
  }
  return { consensus: accepted, values, unassessed };
}
