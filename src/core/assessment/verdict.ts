// What an evaluator says about one contribution, and the rubric it says it against.
import type { Hex } from "viem";

/** One criterion of the published rubric; weights are governed and sum to 10,000 basis points. */
export interface Criterion {
  id: string;
  /** What the criterion asks, in words a contributor understands. */
  question: string;
  weightBps: number;
}

/** The rubric every evaluator scores against; its content hash is part of the governed config. */
export interface Rubric {
  version: string;
  criteria: readonly Criterion[];
}

/** A score from 0 to 100 on one criterion, with the reason for it. */
export interface CriterionScore {
  criterion: string;
  score: number;
  reason: string;
}

/** One evaluator's assessment of one contribution. */
export interface Verdict {
  contributionId: Hex;
  evaluator: { id: string; version: string };
  /** keccak256 of the canonical JSON of everything the evaluator read (content, rubric, parameters). */
  inputHash: Hex;
  scores: readonly CriterionScore[];
  /** The rubric-weighted score, 0 to 100 (basis points of the rubric, divided by 100). */
  overall: number;
  /** Things the evaluator noticed and a person should look at (e.g. "metrics-implausible"). */
  flags: readonly string[];
}
