// Runs one evaluator on one contribution for the record: its verdict, and what it read and answered
// (an LLM judge's audit) so the verdict can be replayed and checked later.
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Rubric, Verdict } from "../core/assessment/verdict.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import type { JsonValue } from "../store/store.ts";

/** An evaluator that can also return the record of how it reached its verdict (the LLM judge). */
interface AuditingEvaluator extends Evaluator {
  assessWithAudit(contribution: Contribution, rubric: Rubric): Promise<{ verdict: Verdict; audit: unknown }>;
}

const audits = (evaluator: Evaluator): evaluator is AuditingEvaluator =>
  typeof (evaluator as Partial<AuditingEvaluator>).assessWithAudit === "function";

/**
 * The verdict and its raw record: the evaluator's audit when it keeps one (JSON, as stored with the
 * verdict), null otherwise. Rejects as the evaluator does (fail closed).
 */
export async function assessForRecord(
  evaluator: Evaluator,
  contribution: Contribution,
  rubric: Rubric,
): Promise<{ verdict: Verdict; raw: JsonValue }> {
  if (!audits(evaluator)) return { verdict: await evaluator.assess(contribution, rubric), raw: null };
  const { verdict, audit } = await evaluator.assessWithAudit(contribution, rubric);
  return { verdict, raw: JSON.parse(JSON.stringify(audit)) as JsonValue };
}
