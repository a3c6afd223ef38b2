// What an epoch keeps of one evaluator's accepted verdict: the scores and how the replicas agreed, with
// the reasons named by hash (they stay with the verdict in the store), so a report of 100,000 stays lean.
import type { Hex } from "viem";
import { hashCanonicalJson } from "../hash/hashCanonicalJson.ts";
import { keccak256Text } from "../hash/keccak256.ts";
import { canonicalJson } from "../report/canonicalJson.ts";
import type { Consensus } from "./consensus.ts";
import { consensus } from "./consensus.ts";
import type { Verdict } from "./verdict.ts";

/** A verdict without its reasons' text, which `verdictHash` names. */
export interface VerdictSummary {
  contributionId: Hex;
  evaluator: Verdict["evaluator"];
  inputHash: Hex;
  /** keccak256 of the canonical JSON of the whole verdict, its reasons included (see verdictHash). */
  verdictHash: Hex;
  overall: number;
  /** Each criterion's score, in the rubric's order. */
  scores: { criterion: string; score: number }[];
  flags: readonly string[];
}

/** An accepted verdict, summarized, with how its replicas agreed. */
export interface AssessedVerdict extends VerdictSummary {
  replicas: number;
  agreeing: number;
  outliers: number[];
}

/** The hash a report names a verdict by: keccak256 of its canonical JSON. */
export function verdictHash(verdict: Verdict): Hex {
  return keccak256Text(canonicalJson(verdict));
}

/** The summary of a whole verdict. */
export function verdictSummaryOf(verdict: Verdict): VerdictSummary {
  return {
    contributionId: verdict.contributionId,
    evaluator: verdict.evaluator,
    inputHash: verdict.inputHash,
    verdictHash: verdictHash(verdict),
    overall: verdict.overall,
    scores: verdict.scores.map(({ criterion, score }) => ({ criterion, score })),
    flags: verdict.flags,
  };
}

/**
 * The consensus of one evaluator's replicas on one contribution, from their summaries: as `consensus`
 * on the whole verdicts (replicas agree when their verdict hashes are equal, i.e. their canonical JSON).
 * @throws IncomparableReplicas as consensus does
 */
export function assessVerdicts(replicas: readonly VerdictSummary[]): AssessedVerdict {
  const c: Consensus<VerdictSummary> = consensus(replicas, 0, (r) => r.verdictHash);
  return { ...c.verdict, replicas: c.replicas, agreeing: c.agreeing, outliers: c.outliers };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Accepted verdicts in the order every report lists them: by contribution id, then evaluator id. */
export function sortAssessedVerdicts(verdicts: readonly AssessedVerdict[]): AssessedVerdict[] {
  return [...verdicts].sort(
    (a, b) => byId(a.contributionId, b.contributionId) || byId(a.evaluator.id, b.evaluator.id),
  );
}

/**
 * The hash of an epoch's accepted verdicts: hashCanonicalJson of them in report order. The assessed
 * step keeps it, and it is the report's `inputs.verdictsHash`.
 */
export function assessedVerdictsHash(verdicts: readonly AssessedVerdict[]): Hex {
  return hashCanonicalJson(sortAssessedVerdicts(verdicts));
}
