// Reads the metrics the signals model knows, counting implausible values as 0 and saying which they were.
import { formatCount } from "./formatCount.ts";

/** The metrics the signals model reads, with the largest value it believes; other metric names are ignored. */
export const SIGNAL_METRICS = {
  /** Lines added by a change (git, pull request). */
  linesAdded: { max: 1_000_000 },
  /** Lines deleted by a change. */
  linesDeleted: { max: 1_000_000 },
  /** Files a change touches. */
  filesChanged: { max: 100_000 },
  /** Test files a change touches; at most `filesChanged` when both are given. */
  testsTouched: { max: 100_000 },
  /** Documentation files a change touches; at most `filesChanged` when both are given. */
  docsTouched: { max: 100_000 },
  /** Stars of the project's repository (grant rounds). */
  stars: { max: 1_000_000 },
  /** Forks of the project's repository. */
  forks: { max: 500_000 },
  /** People who ever contributed code to the project. */
  contributors: { max: 100_000 },
  /** People who contributed code in the last six months; at most `contributors` when both are given. */
  recentContributors: { max: 100_000 },
  /** Releases the project published. */
  releases: { max: 100_000 },
  /** Months since the project's first activity. */
  ageMonths: { max: 600 },
} as const;

export type SignalMetric = keyof typeof SIGNAL_METRICS;

/** Which metric may not exceed which other, when both are given. */
const BOUNDED_BY: readonly (readonly [SignalMetric, SignalMetric])[] = [
  ["testsTouched", "filesChanged"],
  ["docsTouched", "filesChanged"],
  ["recentContributors", "contributors"],
];

/** Most releases believed per month of a project's age (about one a day), counting the current month. */
export const MAX_RELEASES_PER_MONTH = 31;

/** The known metrics a contribution gives, as counted, and a note for each value that was not believed. */
export interface MetricReadings {
  /** Only metrics that were given; an absent metric is absent here too, never 0. */
  values: Partial<Record<SignalMetric, number>>;
  /** Plain-words notes on each implausible value and what it was counted as, by metric. */
  implausible: Partial<Record<SignalMetric, string>>;
}

/**
 * Reads the known metrics from `metrics`. A value the model cannot believe counts as 0 and is noted
 * in `implausible`: below 0, above the metric's maximum, above a believed metric that bounds it (more
 * test files than files changed), or more releases than about one a day of the project's believed age.
 * Counting such a value at a maximum would pay a false claim with full marks; counting it as 0 means a
 * contribution can never gain by claiming the impossible. Never throws.
 */
export function readMetrics(metrics: Readonly<Record<string, number>>): MetricReadings {
  const values: Partial<Record<SignalMetric, number>> = {};
  const implausible: Partial<Record<SignalMetric, string>> = {};
  for (const name of Object.keys(SIGNAL_METRICS) as SignalMetric[]) {
    if (!Object.hasOwn(metrics, name)) continue;
    const given = metrics[name];
    if (typeof given !== "number" || Number.isNaN(given)) continue;
    const { max } = SIGNAL_METRICS[name];
    if (given >= 0 && given <= max) {
      values[name] = given;
      continue;
    }
    values[name] = 0;
    implausible[name] =
      `${name} ${formatCount(given)} is implausible (${given < 0 ? "below 0" : `above ${formatCount(max)}`}), counted as 0`;
  }
  const disbelieve = (name: SignalMetric, why: string): void => {
    const value = values[name];
    if (value === undefined) return;
    values[name] = 0;
    implausible[name] = `${name} ${formatCount(value)} is implausible (${why}), counted as 0`;
  };
  for (const [name, bound] of BOUNDED_BY) {
    const value = values[name];
    const limit = values[bound];
    // Only a believed whole bounds its part: when the whole is the false claim, the part may be true.
    if (value === undefined || limit === undefined || implausible[bound] !== undefined || value <= limit)
      continue;
    disbelieve(name, `more than ${bound} ${formatCount(limit)}`);
  }
  const releases = values.releases;
  const age = values.ageMonths;
  if (
    releases !== undefined &&
    age !== undefined &&
    implausible.ageMonths === undefined &&
    releases > (age + 1) * MAX_RELEASES_PER_MONTH
  )
    disbelieve("releases", `more than one a day over ${formatCount(age)} months`);
  return { values, implausible };
}
