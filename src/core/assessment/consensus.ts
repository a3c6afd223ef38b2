// Replicas of one evaluator's verdict on one contribution, reduced to the verdict the guild accepts.

import { GuildError } from "../errors.ts";
import { canonicalJson } from "../report/canonicalJson.ts";
import type { Verdict } from "./verdict.ts";

/** Replicas that cannot be compared: none, or verdicts on different contributions or evaluators. */
export class IncomparableReplicas extends GuildError {}

/** What consensus needs of a replica: whose verdict it is, and its overall score. */
export type Replica = Pick<Verdict, "contributionId" | "evaluator" | "overall">;

export interface Consensus<V extends Replica = Verdict> {
  /** The accepted verdict: the replica with the median overall score (lower median, ties by position). */
  verdict: V;
  /** How many replicas gave exactly the accepted verdict (same scores, reasons and flags). */
  agreeing: number;
  replicas: number;
  /** Indexes of replicas whose overall score is more than `toleranceScore` from the accepted one. */
  outliers: number[];
}

/**
 * Compares replicas of one evaluator's verdict on one contribution, run by different workers. A
 * deterministic evaluator gives identical replicas; a worker whose replica differs from the median by
 * more than `toleranceScore` points is an outlier (its verdict is not used, and the compute layer may
 * slash it).
 * @throws IncomparableReplicas when there are none, or they are not about the same contribution by the
 * same evaluator and version
 */
export function consensus<V extends Replica = Verdict>(
  replicas: readonly V[],
  toleranceScore = 0,
  /** What makes two replicas the same verdict; their canonical JSON unless told (a hash of it, say). */
  identity: (replica: V) => string = canonicalJson,
): Consensus<V> {
  const first = replicas[0];
  if (first === undefined) throw new IncomparableReplicas("no replicas to compare", {});
  for (const [index, r] of replicas.entries()) {
    if (
      r.contributionId !== first.contributionId ||
      r.evaluator.id !== first.evaluator.id ||
      r.evaluator.version !== first.evaluator.version
    ) {
      throw new IncomparableReplicas(`replica ${index} is about another contribution or evaluator`, {
        index,
        contributionId: r.contributionId,
        evaluator: `${r.evaluator.id}@${r.evaluator.version}`,
      });
    }
  }
  const order = replicas
    .map((r, index) => ({ index, overall: r.overall }))
    .sort((a, b) => a.overall - b.overall || a.index - b.index);
  const median = order[Math.floor((order.length - 1) / 2)];
  const verdict = replicas[median?.index ?? 0] ?? first;
  // One replica agrees with itself; only several are compared.
  const accepted = replicas.length === 1 ? "" : identity(verdict);
  return {
    verdict,
    agreeing: replicas.length === 1 ? 1 : replicas.filter((r) => identity(r) === accepted).length,
    replicas: replicas.length,
    outliers: replicas.flatMap((r, index) =>
      Math.abs(r.overall - verdict.overall) > toleranceScore ? [index] : [],
    ),
  };
}
