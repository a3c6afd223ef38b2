// The signals model over real data: the 120 approved applications of Filecoin RetroPGF round 3 (2025),
// from davidgasquez/fil-retro-pgf-3-ai-badgeholder, kept beside the project in ../shared/data.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import type { Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { contributionOf } from "../testing/contributionOf.ts";
import { SignalsEvaluator } from "./signalsEvaluator.ts";

const APPLICATIONS = new URL("../../../../shared/data/grant-round/applications.jsonl", import.meta.url);

/** The application's text fields that describe the project and its impact, in this order. */
const TEXT_FIELDS = [
  "description",
  "filecoin_growth_impact",
  "additional_impact",
  "end_user",
  "testimonials",
  "governance_accessibility_impact",
  "usability_or_infrastructure_impact",
  "efficiency_increase_impact",
  "performance_impact",
];

/** Open Source Observer's code metrics, by the name the signals model reads them under. */
const OSO_METRICS: Record<string, string> = {
  stars: "oso_code_metrics_star_count",
  forks: "oso_code_metrics_fork_count",
  contributors: "oso_code_metrics_contributor_count",
  recentContributors: "oso_code_metrics_contributor_count_6_months",
  releases: "oso_code_metrics_release_count",
  ageMonths: "oso_code_metrics_age_months",
};

/** A tiny reader: one JSON application a line; "N/A", "None", "" and null are absent. */
function readApplications(text: string): Contribution[] {
  const given = (value: unknown): value is string =>
    typeof value === "string" && !["", "n/a", "none"].includes(value.trim().toLowerCase());
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      const metrics: Record<string, number> = {};
      for (const [name, field] of Object.entries(OSO_METRICS)) {
        const value = row[field];
        if (given(value) && Number.isSafeInteger(Number(value))) metrics[name] = Number(value);
      }
      const links = ["github_url", "website", "showcase_post_url"]
        .map((field) => row[field])
        .filter((value): value is string => given(value) && /^https?:\/\//u.test(value));
      return contributionOf({
        epochId: 3,
        contributor: { kind: "unmapped", source: "fil-retropgf-3", name: String(row.id) },
        kind: "grant",
        title: String(row.project_name),
        description: TEXT_FIELDS.map((field) => row[field])
          .filter(given)
          .join("\n\n"),
        links,
        metrics,
        createdAt: Math.floor(Date.parse(String(row.created_at)) / 1000),
      });
    });
}

describe("SignalsEvaluator on Filecoin RetroPGF round 3", {
  skip: !existsSync(APPLICATIONS) && "no ../shared/data",
}, () => {
  it("gives every application a verdict, and the scores spread", async () => {
    const contributions = readApplications(readFileSync(APPLICATIONS, "utf8"));
    assert.equal(contributions.length, 120);
    const evaluator = new SignalsEvaluator();
    const verdicts: Verdict[] = [];
    for (const contribution of contributions)
      verdicts.push(await evaluator.assess(contribution, DEFAULT_RUBRIC));

    assert.equal(new Set(verdicts.map((v) => v.contributionId)).size, 120);
    const overall = verdicts.map((v) => v.overall);
    assert.ok(new Set(overall).size >= 30, `only ${new Set(overall).size} distinct overall scores`);
    assert.ok(
      Math.max(...overall) - Math.min(...overall) >= 30,
      `overall spans ${Math.min(...overall)}..${Math.max(...overall)}`,
    );
    for (const [i, criterion] of DEFAULT_RUBRIC.criteria.entries()) {
      const scores = verdicts.map((v) => v.scores[i]?.score ?? -1);
      assert.ok(new Set(scores).size >= 10, `${criterion.id} barely varies`);
    }
    for (const verdict of verdicts) {
      for (const flag of verdict.flags)
        assert.ok(["description-repetitive", "metrics-implausible", "metrics-missing"].includes(flag), flag);
    }
    // Two applications come without any Open Source Observer metrics: a person should look at them.
    assert.equal(verdicts.filter((v) => v.flags.includes("metrics-missing")).length, 2);
  });
});
