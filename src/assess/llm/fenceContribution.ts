// Spotlighting: a contribution's content as untrusted data, scanned, cut to length and fenced for the judge.
import { keccak256, stringToBytes } from "viem";
import type { ContributionContent } from "../../core/contribution/contribution.ts";
import { scanForInjection } from "../injection/scanForInjection.ts";
import { readMetrics } from "../signals/readMetrics.ts";
import type { ContentFinding } from "./llmAudit.ts";

/**
 * Longest text the judge is shown per field, in code points. Longer text is cut with a marker: a
 * prompt has a budget, and padding must not push the rubric out of the model's attention.
 */
export const PROMPT_LIMITS = Object.freeze({
  title: 200,
  description: 8_000,
  link: 300,
  links: 20,
  metricName: 64,
  metrics: 64,
});

/** Replaces every space inside the fence when datamarking is on (Hines et al., "spotlighting"). */
export const DATAMARK = "\u02c6";

/** The prefix of every fence token; text that imitates it is a finding. */
export const FENCE_PREFIX = "GUILD-UNTRUSTED-";

/** The content fenced for a prompt, and what was found and cut on the way. */
export interface FencedContribution {
  /** The token that names this fence: `GUILD-UNTRUSTED-` and 16 hex digits of the fenced text's hash. */
  fence: string;
  /** The line that opens the fence. */
  begin: string;
  /** The line that closes the fence. */
  end: string;
  /** `begin`, the content as a JSON object, `end`, separated by newlines. */
  block: string;
  findings: ContentFinding[];
  truncated: string[];
  /**
   * Metrics left out because no one could believe them (readMetrics: impossible values, a part above its
   * whole): `metrics.<name>`. A claim the judge is never shown cannot earn a score.
   */
  disbelieved: string[];
  /** Whether the metrics shown are the contributor's claims (`claimedMetrics`), with at least one shown. */
  claimsShown: boolean;
}

/**
 * Prepares what the judge reads of a contribution: its kind, title, description, links and metrics
 * (not who made it, so the judge cannot favour a name). With `claimed` (a signed submission's metrics,
 * the contributor's word: metricsClaimed) the metrics go under `claimedMetrics`, `metrics` is empty, and
 * the prompt says what the difference is. Each text is scanned for instructions aimed
 * at the judge; a finding is recorded and the offending span removed (`cleaned`), and a link or metric
 * name with a finding (read with - _ + as spaces) is left out whole. Texts are then cut to PROMPT_LIMITS, optionally datamarked,
 * and written as one JSON object, so that no line of the content can pose as a line of the prompt.
 * The fence token is derived from the hash of that JSON: deterministic (replicas and replays build the
 * same prompt) yet not known to the author when they write the content.
 */
export function fenceContribution(
  content: ContributionContent,
  datamarking: boolean,
  claimed = false,
): FencedContribution {
  const findings: ContentFinding[] = [];
  const truncated: string[] = [];
  const disbelieved: string[] = [];
  const { implausible } = readMetrics(content.metrics);
  const read = (field: string, text: string, slug = false): { cleaned: string; found: boolean } => {
    // In a URL or a metric name words are joined by - _ +; read them as spaces (same length, same indexes).
    const scan = scanForInjection(slug ? text.replace(/[-_+]/g, " ") : text);
    const before = findings.length;
    for (const f of scan.findings) findings.push({ field, kind: f.kind, excerpt: f.excerpt, index: f.index });
    const imitation = text.toUpperCase().indexOf(FENCE_PREFIX);
    if (imitation >= 0)
      findings.push({
        field,
        kind: "fence-imitation",
        excerpt: text.slice(imitation, imitation + FENCE_PREFIX.length + 24),
        index: imitation,
      });
    return { cleaned: scan.cleaned, found: findings.length > before };
  };
  const cut = (field: string, text: string, limit: number): string => {
    const points = [...text];
    const kept = points.length > limit ? points.slice(0, limit).join("") : text;
    const marked = datamarking ? kept.replaceAll(" ", DATAMARK) : kept;
    if (points.length <= limit) return marked;
    truncated.push(field);
    return `${marked} [… cut by Guild: ${points.length - limit} more characters]`;
  };

  const title = cut("title", read("title", content.title).cleaned, PROMPT_LIMITS.title);
  const description = cut(
    "description",
    read("description", content.description).cleaned,
    PROMPT_LIMITS.description,
  );
  const links: string[] = [];
  for (const [i, link] of content.links.entries()) {
    if (read(`links[${i}]`, link, true).found) continue;
    if (links.length === PROMPT_LIMITS.links) {
      truncated.push(`links[${i}]`);
      continue;
    }
    links.push(cut(`links[${i}]`, link, PROMPT_LIMITS.link));
  }
  // Sorted, so that the same metrics in another key order make the same prompt (the id is canonical too).
  const metrics: Record<string, number> = {};
  const names = Object.keys(content.metrics).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const value = content.metrics[name];
    if (value === undefined || read(`metrics.${name}`, name, true).found) continue;
    if (Object.hasOwn(implausible, name)) {
      disbelieved.push(`metrics.${name}`);
      continue;
    }
    if (
      [...name].length > PROMPT_LIMITS.metricName ||
      Object.keys(metrics).length === PROMPT_LIMITS.metrics
    ) {
      truncated.push(`metrics.${name}`);
      continue;
    }
    // defineProperty, so that a metric named __proto__ is shown as data.
    Object.defineProperty(metrics, name, { value, enumerable: true, writable: true, configurable: true });
  }

  const shown = claimed
    ? { kind: content.kind, title, description, links, metrics: {}, claimedMetrics: metrics }
    : { kind: content.kind, title, description, links, metrics };
  const json = JSON.stringify(shown, null, 2);
  let fence = "";
  for (let salt = 0; fence === "" || json.includes(fence); salt++) {
    // A collision needs the author to guess a hash of their own text; the loop keeps it impossible anyway.
    const hash = keccak256(stringToBytes(salt === 0 ? json : `${salt}:${json}`));
    fence = `${FENCE_PREFIX}${hash.slice(2, 18)}`;
  }
  const begin = `<<<${fence}:BEGIN>>>`;
  const end = `<<<${fence}:END>>>`;
  const claimsShown = claimed && Object.keys(metrics).length > 0;
  return {
    fence,
    begin,
    end,
    block: `${begin}\n${json}\n${end}`,
    findings,
    truncated,
    disbelieved,
    claimsShown,
  };
}
