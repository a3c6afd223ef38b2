// The assessment of an epoch's contributions, derived from the verdicts in the store a batch at a time.
import type { Hex } from "viem";
import type { AssessmentConfig } from "../../assess/assessmentConfig.ts";
import { assessedVerdictsHash } from "../../core/assessment/assessedVerdict.ts";
import type { Store } from "../../store/store.ts";
import type { Assessment } from "./assessedSnapshotOf.ts";
import { assessedSnapshotOf } from "./assessedSnapshotOf.ts";

/** Contributions whose verdicts are read and reduced at a time: bounds memory at any epoch size. */
const READ_BATCH = 5_000;

/**
 * assessedSnapshotOf over all of `contributionIds`, reading their verdicts from the store in batches
 * (only the lean accepted verdicts are kept, never every verdict's reasons at once), and the hash of the
 * accepted verdicts' canonical JSON, which the assessed snapshot keeps so later steps can tell the
 * verdicts they read are the ones assessed.
 * @throws IncomparableReplicas when a group of verdicts mixes evaluator versions
 */
export async function readAssessment(
  store: Store,
  contributionIds: readonly Hex[],
  evaluators: AssessmentConfig["evaluators"],
): Promise<Assessment & { consensusHash: Hex }> {
  const all: Assessment = { consensus: [], values: [], unassessed: [] };
  for (let start = 0; start < contributionIds.length; start += READ_BATCH) {
    const ids = contributionIds.slice(start, start + READ_BATCH);
    const verdicts = await store.listVerdictSummaries(ids);
    const part = assessedSnapshotOf(ids, verdicts, evaluators);
    for (const c of part.consensus) all.consensus.push(c);
    for (const v of part.values) all.values.push(v);
    for (const u of part.unassessed) all.unassessed.push(u);
  }
  return { ...all, consensusHash: assessedVerdictsHash(all.consensus) };
}

/**
 * The assessment with the duplicates' values taken out (they are paid nothing: the original is paid),
 * in the same order otherwise. assessEpoch and verifyEpoch both apply it.
 */
export function withoutDuplicates<T extends Pick<Assessment, "values">>(
  assessment: T,
  duplicates: readonly { contributionId: Hex }[],
): T {
  if (duplicates.length === 0) return assessment;
  const copies = new Set(duplicates.map((d) => d.contributionId.toLowerCase()));
  return {
    ...assessment,
    values: assessment.values.filter((v) => !copies.has(v.contributionId.toLowerCase())),
  };
}
