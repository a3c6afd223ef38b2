// Computes every signal of one contribution: a per-mille score and what was measured, in plain words with its numbers.
import type { ContributionContent } from "../../core/contribution/contribution.ts";
import { scanForInjection } from "../injection/scanForInjection.ts";
import { formatCount } from "./formatCount.ts";
import { KIND_BASELINES } from "./kindBaselines.ts";
import { logScale } from "./logScale.ts";
import { normaliseUrl, readDescription } from "./readDescription.ts";
import { readMetrics, type SignalMetric } from "./readMetrics.ts";
import type { SignalFeature } from "./signalsWeights.ts";

/** Counts that earn full marks for the signals that do not depend on the kind of contribution. */
export const SIGNAL_FULL_AT = {
  testsTouched: 8,
  docsTouched: 4,
  evidenceLinks: 8,
  stars: 1000,
  forks: 200,
  contributors: 50,
  recentContributors: 15,
  releases: 30,
  ageMonths: 48,
} as const;

/** How lines and files share the size signal, per mille. */
const SIZE_SHARES = { lines: 700, files: 300 } as const;

/** A signal with data: its score per mille and what was measured. */
export interface SignalReading {
  perMille: number;
  /** In plain words, with the numbers: "3 test files touched". */
  measured: string;
}

/** Every signal of one contribution. */
export interface Signals {
  /** Signals that have data. */
  readings: Partial<Record<SignalFeature, SignalReading>>;
  /** For each signal without data, what was missing: "no star or fork counts given". */
  missing: Partial<Record<SignalFeature, string>>;
  /**
   * Sorted, distinct: "description-placeholder", "description-repetitive", "injection-suspected",
   * "metrics-implausible", "metrics-missing", "metrics-self-reported".
   */
  flags: readonly string[];
}

/**
 * Reads the signals of `content`; pure and total (content is assumed already checked). With `claimed`
 * (the metrics are the contributor's word, a signed submission: see metricsClaimed) no metric is counted:
 * each signal they would feed says what was claimed, and the signals are flagged `metrics-self-reported`.
 * A claimed value that is impossible is still flagged `metrics-implausible`.
 */
export function readSignals(content: ContributionContent, claimed = false): Signals {
  const baseline = KIND_BASELINES[content.kind];
  const read = readMetrics(content.metrics);
  const { implausible } = read;
  const said = new Set(claimed ? (Object.keys(read.values) as SignalMetric[]) : []);
  const values: Partial<Record<SignalMetric, number>> = claimed ? {} : read.values;
  /** Why a signal has no data: its metrics were only claimed, or `otherwise` (none was given). */
  const absent = (names: readonly SignalMetric[], otherwise: string): string => {
    const claims = names.filter((n) => said.has(n));
    return claims.length === 0
      ? otherwise
      : `${claims.join(" and ")} claimed by the contributor in a signed submission, not measured`;
  };
  // Text addressed to an assessor is not work: it is flagged, and the description is read without it.
  const scan = scanForInjection(content.description);
  const text = readDescription(scan.cleaned);
  const leftOut = scan.findings.length === 0 ? 0 : readDescription(content.description).words - text.words;
  const readings: Partial<Record<SignalFeature, SignalReading>> = {};
  const missing: Partial<Record<SignalFeature, string>> = {};
  const flags = new Set<string>();
  if (
    scan.findings.length > 0 ||
    scanForInjection(content.title).findings.length > 0 ||
    // A URL's path spells words with dashes, slashes and escapes: read them as spaces.
    content.links.some(
      (link) => scanForInjection(link.replace(/%20|[-_+/.=&?#%]+/gu, " ")).findings.length > 0,
    )
  )
    flags.add("injection-suspected");
  const notes = (...names: SignalMetric[]): string => {
    const found = names.flatMap((name) => (implausible[name] === undefined ? [] : [implausible[name]]));
    return found.length === 0 ? "" : `, but ${found.join("; ")}`;
  };

  /** Scores the given parts (value, full-at, share per mille) of one signal; absent parts drop out. */
  const combine = (parts: readonly (readonly [number | undefined, number, number])[]): number => {
    let weighted = 0;
    let shares = 0;
    for (const [value, fullAt, share] of parts) {
      if (value === undefined) continue;
      weighted += logScale(value, fullAt) * share;
      shares += share;
    }
    return shares === 0 ? 0 : divideRounded(weighted, shares);
  };

  // Size of the change.
  const lines =
    values.linesAdded === undefined && values.linesDeleted === undefined
      ? undefined
      : (values.linesAdded ?? 0) + (values.linesDeleted ?? 0);
  const files = values.filesChanged;
  if (lines === undefined && files === undefined) {
    missing.changeSize = absent(
      ["linesAdded", "linesDeleted", "filesChanged"],
      "no line or file counts given",
    );
  } else {
    const what =
      lines !== undefined && files !== undefined
        ? `${plural(lines, "line")} changed in ${plural(files, "file")}`
        : lines !== undefined
          ? `${plural(lines, "line")} changed`
          : `${plural(files ?? 0, "file")} changed`;
    readings.changeSize = {
      perMille: combine([
        [lines, baseline.fullLines, SIZE_SHARES.lines],
        [files, baseline.fullFiles, SIZE_SHARES.files],
      ]),
      measured: `${what} (full size for ${content.kind} work: ${formatCount(baseline.fullLines)} lines in ${formatCount(baseline.fullFiles)} files)${notes("linesAdded", "linesDeleted", "filesChanged")}`,
    };
  }

  // Tests and docs touched.
  if (values.testsTouched === undefined)
    missing.testsTouched = absent(["testsTouched"], "no count of test files given");
  else
    readings.testsTouched = {
      perMille: logScale(values.testsTouched, SIGNAL_FULL_AT.testsTouched),
      measured: `${plural(values.testsTouched, "test file")} touched (full marks at ${SIGNAL_FULL_AT.testsTouched})${notes("testsTouched")}`,
    };
  if (values.docsTouched === undefined)
    missing.docsTouched = absent(["docsTouched"], "no count of documentation files given");
  else
    readings.docsTouched = {
      perMille: logScale(values.docsTouched, SIGNAL_FULL_AT.docsTouched),
      measured: `${plural(values.docsTouched, "documentation file")} touched (full marks at ${SIGNAL_FULL_AT.docsTouched})${notes("docsTouched")}`,
    };

  // The description: what it says, how it is laid out, what it links to.
  const repeated = text.words - text.newWords;
  const injected =
    scan.findings.length === 0
      ? ""
      : `; ${leftOut > 0 ? plural(leftOut, "word") : "text"} addressed to the assessor left out`;
  const placeholder =
    text.placeholderWords === 0
      ? ""
      : `; ${plural(text.placeholderWords, "word")} of placeholder text (lorem ipsum) left out`;
  readings.descriptionSubstance = {
    perMille: logScale(text.newWords, baseline.fullNewWords),
    measured:
      repeated === 0
        ? `a description of ${plural(text.words, "word")} (full marks at ${formatCount(baseline.fullNewWords)} for ${content.kind} work${injected})`
        : `a description of ${plural(text.words, "word")}, ${formatCount(text.newWords)} of them saying something new (repeats and filler do not count; full marks at ${formatCount(baseline.fullNewWords)} new words for ${content.kind} work${injected}${placeholder})`,
  };
  if (text.placeholderWords > 0) flags.add("description-placeholder");
  if (text.words >= 50 && text.newWords * 10 < text.words * 6) flags.add("description-repetitive");
  const blocks = text.paragraphs + text.listItems;
  readings.descriptionStructure = {
    perMille: logScale(blocks, baseline.fullBlocks),
    measured: `${plural(text.paragraphs, "distinct paragraph")} and ${plural(text.listItems, "list item")} (full marks at ${formatCount(baseline.fullBlocks)} together)`,
  };
  const urls = new Set(text.urls);
  for (const link of content.links) urls.add(normaliseUrl(link));
  readings.evidenceLinks = {
    perMille: logScale(urls.size, SIGNAL_FULL_AT.evidenceLinks),
    measured: `${plural(urls.size, "distinct link")} to the work or evidence (full marks at ${SIGNAL_FULL_AT.evidenceLinks})`,
  };

  // Project metrics (grant rounds).
  if (values.stars === undefined && values.forks === undefined)
    missing.adoption = absent(["stars", "forks"], "no star or fork counts given");
  else
    readings.adoption = {
      perMille: combine([
        [values.stars, SIGNAL_FULL_AT.stars, 500],
        [values.forks, SIGNAL_FULL_AT.forks, 500],
      ]),
      measured: `${listGiven([
        [values.stars, "star"],
        [values.forks, "fork"],
      ])} (full marks at ${formatCount(SIGNAL_FULL_AT.stars)} stars and ${SIGNAL_FULL_AT.forks} forks)${notes("stars", "forks")}`,
    };
  if (values.contributors === undefined && values.recentContributors === undefined)
    missing.community = absent(["contributors", "recentContributors"], "no contributor counts given");
  else
    readings.community = {
      perMille: combine([
        [values.contributors, SIGNAL_FULL_AT.contributors, 500],
        [values.recentContributors, SIGNAL_FULL_AT.recentContributors, 500],
      ]),
      measured: `${listGiven([
        [values.contributors, "contributor"],
        [
          values.recentContributors,
          "contributor in the last six months",
          "contributors in the last six months",
        ],
      ])} (full marks at ${SIGNAL_FULL_AT.contributors} and ${SIGNAL_FULL_AT.recentContributors})${notes("contributors", "recentContributors")}`,
    };
  if (values.releases === undefined) missing.releases = absent(["releases"], "no release count given");
  else
    readings.releases = {
      perMille: logScale(values.releases, SIGNAL_FULL_AT.releases),
      measured: `${plural(values.releases, "release")} (full marks at ${SIGNAL_FULL_AT.releases})${notes("releases")}`,
    };
  if (values.ageMonths === undefined) missing.projectAge = absent(["ageMonths"], "no project age given");
  else
    readings.projectAge = {
      perMille: logScale(values.ageMonths, SIGNAL_FULL_AT.ageMonths),
      measured: `${plural(values.ageMonths, "month")} of project activity (full marks at ${SIGNAL_FULL_AT.ageMonths})${notes("ageMonths")}`,
    };

  if (Object.keys(implausible).length > 0) flags.add("metrics-implausible");
  const expectedMissing =
    baseline.expectedMetrics === "change"
      ? readings.changeSize === undefined
      : baseline.expectedMetrics === "project"
        ? ["adoption", "community", "releases", "projectAge"].every((f) => !(f in readings))
        : false;
  // Claimed metrics are there but not measured: the flag says so, rather than that none were given.
  if (said.size > 0) flags.add("metrics-self-reported");
  else if (expectedMissing) flags.add("metrics-missing");
  return { readings, missing, flags: [...flags].sort() };
}

/** `a / b` rounded half up, exactly, for whole numbers a ≥ 0 and b > 0. */
export function divideRounded(a: number, b: number): number {
  const n = 2 * a + b;
  const d = 2 * b;
  return (n - (n % d)) / d;
}

/** "1 test file", "3 test files", "1,238 stars". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function listGiven(parts: readonly (readonly [number | undefined, string, string?])[]): string {
  return parts
    .flatMap(([count, one, many]) => (count === undefined ? [] : [plural(count, one, many)]))
    .join(" and ");
}
