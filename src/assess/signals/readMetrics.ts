// Reads the metrics the signals model knows, capping implausible values and saying which were capped.
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

/** The known metrics a contribution gives, after capping, and a note for each value that was capped. */
export interface MetricReadings {
  /** Only metrics that were given; an absent metric is absent here too, never 0. */
  values: Partial<Record<SignalMetric, number>>;
  /** Plain-words notes on each implausible value and what it was counted as, by metric. */
  implausible: Partial<Record<SignalMetric, string>>;
}

/**
 * Reads the known metrics from `metrics`. A negative value counts as 0, a value above the metric's
 * maximum counts as the maximum, and a value above the metric that bounds it counts as that metric;
 * each such value is noted in `implausible`. Never throws.
 */
export function readMetrics(metrics: Readonly<Record<string, number>>): MetricReadings {
  const values: Partial<Record<SignalMetric, number>> = {};
  const implausible: Partial<Record<SignalMetric, string>> = {};
  for (const name of Object.keys(SIGNAL_METRICS) as SignalMetric[]) {
    if (!Object.hasOwn(metrics, name)) continue;
    const given = metrics[name];
    if (typeof given !== "number" || Number.isNaN(given)) continue;
    const { max } = SIGNAL_METRICS[name];
    const counted = Math.min(Math.max(given, 0), max);
    values[name] = counted;
    if (counted !== given)
      implausible[name] =
        `${name} ${formatCount(given)} is implausible (${given < 0 ? "below 0" : `above ${formatCount(max)}`}), counted as ${formatCount(counted)}`;
  }
  for (const [name, bound] of BOUNDED_BY) {
    const value = values[name];
    const limit = values[bound];
    if (value === undefined || limit === undefined || value <= limit) continue;
    values[name] = limit;
    implausible[name] =
      `${name} ${formatCount(value)} is implausible (more than ${bound} ${formatCount(limit)}), counted as ${formatCount(limit)}`;
  }
  return { values, implausible };
}
