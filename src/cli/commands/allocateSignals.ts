// Values grant-round applications with the built-in signals evaluator, for `guild allocate` without pairs.
import { statSync } from "node:fs";
import { SignalsEvaluator } from "../../assess/signals/signalsEvaluator.ts";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../../ingest/round/importRound.ts";
import type { RoundMapping } from "../../ingest/round/roundMapping.ts";
import { itemKey } from "./allocateItemKey.ts";

/** The fields a file must have for allocate to read it as Filecoin RetroPGF 3 applications. */
export const ROUND_FIELDS = [FIL_RETRO_PGF_3_MAPPING.title, "description"] as const;

/**
 * The preset mapping with its project metrics also under the names the signals model reads (stars, forks,
 * contributors, recentContributors, releases; ageMonths already is one), so that adoption and community
 * count. The id comes from `idColumn`.
 */
function signalsMapping(idColumn: string): RoundMapping {
  return {
    ...FIL_RETRO_PGF_3_MAPPING,
    id: idColumn,
    metrics: {
      ...FIL_RETRO_PGF_3_MAPPING.metrics,
      stars: "oso_code_metrics_star_count",
      forks: "oso_code_metrics_fork_count",
      contributors: "oso_code_metrics_contributor_count",
      recentContributors: "oso_code_metrics_contributor_count_6_months",
      releases: "oso_code_metrics_release_count",
    },
  };
}

export interface SignalsValues {
  /** Item key (itemKey of the application id) → the verdict's overall score, 0 to 100. */
  overall: Map<string, number>;
  evaluator: { id: string; version: string };
  /** How many verdicts carry each flag (e.g. metrics-missing). */
  flags: Record<string, number>;
}

/**
 * Imports the applications in `file` as `guild import round --preset fil-retro-pgf-3` does (all or
 * nothing), and assesses each with the signals evaluator against the default rubric.
 * @throws InvalidRoundFile (every bad line), RoundFileUnreadable, and what the evaluator throws
 */
export async function signalsValues(file: string, idColumn: string): Promise<SignalsValues> {
  const createdAt = Math.floor(statSync(file).mtimeMs / 1000);
  const { contributions } = await importRound(file, signalsMapping(idColumn), { epochId: 1, createdAt });
  const evaluator = new SignalsEvaluator();
  const overall = new Map<string, number>();
  const flags: Record<string, number> = {};
  for (const contribution of contributions) {
    const verdict = await evaluator.assess(contribution, DEFAULT_RUBRIC);
    const source = contribution.source;
    const id = source.kind === "round" ? source.applicationId : contribution.id;
    overall.set(itemKey(id), verdict.overall);
    for (const flag of verdict.flags) flags[flag] = (flags[flag] ?? 0) + 1;
  }
  return { overall, evaluator: { id: evaluator.id, version: evaluator.version }, flags };
}
