// Refuses a rubric no evaluator can score against: no criteria, duplicate ids, or weights not summing to 100%.
import type { Rubric } from "../core/assessment/verdict.ts";
import { GuildError } from "../core/errors.ts";

/** The rubric is malformed; `details.reason` says how, `details.criterion` names the criterion when one is at fault. */
export class InvalidRubric extends GuildError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(`invalid rubric: ${reason}`, { reason, ...details });
  }
}

/** Basis points the criteria of a rubric must sum to. */
export const RUBRIC_TOTAL_BPS = 10_000;

/**
 * Checks that `rubric` has a version, at least one criterion, unique non-empty criterion ids, a question
 * for each, and whole, non-negative weights summing to 10,000 basis points.
 * @throws InvalidRubric naming the first problem found
 */
export function checkRubric(rubric: Rubric): void {
  if (typeof rubric !== "object" || rubric === null) throw new InvalidRubric("not an object", { rubric });
  if (typeof rubric.version !== "string" || rubric.version === "")
    throw new InvalidRubric("version must be a non-empty string", { version: rubric.version });
  if (!Array.isArray(rubric.criteria) || rubric.criteria.length === 0)
    throw new InvalidRubric("it needs at least one criterion", { criteria: rubric.criteria });
  const seen = new Set<string>();
  let totalBps = 0;
  for (const criterion of rubric.criteria) {
    const id: unknown = criterion?.id;
    if (typeof id !== "string" || id === "")
      throw new InvalidRubric("a criterion id must be a non-empty string", { criterion: id });
    if (seen.has(id)) throw new InvalidRubric(`criterion ${id} appears twice`, { criterion: id });
    seen.add(id);
    if (typeof criterion.question !== "string" || criterion.question === "")
      throw new InvalidRubric(`criterion ${id} has no question`, { criterion: id });
    const weightBps: unknown = criterion.weightBps;
    if (typeof weightBps !== "number" || !Number.isSafeInteger(weightBps) || weightBps < 0)
      throw new InvalidRubric(`criterion ${id} weight must be a whole number of basis points, at least 0`, {
        criterion: id,
        weightBps,
      });
    totalBps += weightBps;
  }
  if (totalBps !== RUBRIC_TOTAL_BPS)
    throw new InvalidRubric(`criterion weights sum to ${totalBps} basis points, not ${RUBRIC_TOTAL_BPS}`, {
      totalBps,
    });
}
