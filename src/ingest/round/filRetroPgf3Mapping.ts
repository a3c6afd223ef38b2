// The round mapping of Filecoin RetroPGF round 3 (2025) applications, as in ../shared/data/grant-round.
import type { RoundMapping } from "./roundMapping.ts";

/**
 * Filecoin RetroPGF 3 (davidgasquez/fil-retro-pgf-3-ai-badgeholder, applications/*.json, one a line).
 * The open-source code metrics (`oso_code_metrics_*`) are decimal strings, "N/A" or null; the average
 * monthly active developers has one decimal, so it is stored in tenths. `submitter_wallet_address`
 * is not an Ethereum address (it is an id), so recipients stay unmapped unless an address mapping maps
 * application ids to addresses. The impact statements are free text whatever their names say, so they
 * go into the description, not into metrics.
 */
export const FIL_RETRO_PGF_3_MAPPING: RoundMapping = {
  id: "id",
  title: "project_name",
  text: [
    "category_name",
    "description",
    "filecoin_growth_impact",
    "additional_impact",
    "end_user",
    "testimonials",
    "unique_transacting_addresses_per_project",
    "increase_in_interactions_with_project_derived_from_contribution",
    "new_funded_addresses",
    "wallet_interactions_increase",
    "retained_users_average",
    "how_many_package_downloads",
    "how_many_dependents",
    "top_five_dependents",
    "impressions",
    "graduations_or_event_attendees",
    "filecoin_addresses_onboarded",
    "active_devs_increase",
    "governance_accessibility_impact",
    "filecoin_users_percentage_using_project",
    "number_of_projects_dependent_on_fil_protocol_built",
    "usability_or_infrastructure_impact",
    "efficiency_increase_impact",
    "performance_impact",
    "oso_code_metrics_primary_language",
  ],
  metrics: {
    ageMonths: "oso_code_metrics_age_months",
    packageCount: "oso_code_metrics_package_count",
    releaseCount: "oso_code_metrics_release_count",
    starCount: "oso_code_metrics_star_count",
    forkCount: "oso_code_metrics_fork_count",
    contributorCount: "oso_code_metrics_contributor_count",
    forks6Months: "oso_code_metrics_forks_6_months",
    stars6Months: "oso_code_metrics_stars_6_months",
    contributorCount6Months: "oso_code_metrics_contributor_count_6_months",
    avgMonthlyActiveDevs6MonthsTenths: {
      field: "oso_code_metrics_avg_monthly_active_devs_6_months",
      decimals: 1,
    },
  },
  links: ["github_url", "website", "showcase_post_url"],
  createdAt: "created_at",
  kind: "grant",
};
