// The limits of contribution.ts applied to content from any source, as a list of what breaks them.
import type { ContributionKind } from "./contribution.ts";
import {
  CONTRIBUTION_KINDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_LINKS,
  MAX_METRICS,
  MAX_TITLE_LENGTH,
} from "./contribution.ts";

/** One way a contribution's content breaks the limits; `code` says which. */
export type ContentViolation =
  | { code: "unknown-kind"; kind: string }
  | { code: "title-empty" }
  | { code: "text-too-long"; field: "title" | "description"; length: number; max: number }
  | { code: "too-many-links"; count: number; max: number }
  | { code: "link-not-http"; index: number; link: string }
  | { code: "too-many-metrics"; count: number; max: number }
  | { code: "metric-not-integer"; name: string; value: number };

/** The parts of a contribution that the limits constrain. */
export interface LimitedContent {
  kind: string;
  title: string;
  description: string;
  links: readonly string[];
  metrics: Readonly<Record<string, number>>;
}

/** Length in characters as people count them: Unicode code points, not UTF-16 code units. */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** Whether `link` is an absolute http or https URL. */
export function isHttpLink(link: string): boolean {
  if (!URL.canParse(link)) return false;
  const { protocol } = new URL(link);
  return protocol === "http:" || protocol === "https:";
}

/** Whether `kind` is one of CONTRIBUTION_KINDS. */
export function isContributionKind(kind: string): kind is ContributionKind {
  return (CONTRIBUTION_KINDS as readonly string[]).includes(kind);
}

/**
 * Every way `content` breaks the limits of contribution.ts, in field order; empty when it keeps them.
 * Longer text is refused, never cut. Metrics must be safe integers because the contribution id is the
 * hash of canonical JSON, which has no fractions (scale a fraction into an integer unit instead).
 * @param options.requireTitle also refuse an empty (or all-blank) title
 */
export function contentViolations(
  content: LimitedContent,
  options: { requireTitle?: boolean } = {},
): ContentViolation[] {
  const found: ContentViolation[] = [];
  if (!isContributionKind(content.kind)) found.push({ code: "unknown-kind", kind: content.kind });
  if (options.requireTitle === true && content.title.trim() === "") found.push({ code: "title-empty" });
  const titleLength = textLength(content.title);
  if (titleLength > MAX_TITLE_LENGTH) {
    found.push({ code: "text-too-long", field: "title", length: titleLength, max: MAX_TITLE_LENGTH });
  }
  const descriptionLength = textLength(content.description);
  if (descriptionLength > MAX_DESCRIPTION_LENGTH) {
    found.push({
      code: "text-too-long",
      field: "description",
      length: descriptionLength,
      max: MAX_DESCRIPTION_LENGTH,
    });
  }
  if (content.links.length > MAX_LINKS) {
    found.push({ code: "too-many-links", count: content.links.length, max: MAX_LINKS });
  }
  for (const [index, link] of content.links.entries()) {
    if (!isHttpLink(link)) found.push({ code: "link-not-http", index, link });
  }
  const metrics = Object.entries(content.metrics);
  if (metrics.length > MAX_METRICS) {
    found.push({ code: "too-many-metrics", count: metrics.length, max: MAX_METRICS });
  }
  for (const [name, value] of metrics) {
    if (!Number.isSafeInteger(value)) found.push({ code: "metric-not-integer", name, value });
  }
  return found;
}

/** One line of English for a violation, for error messages. */
export function describeViolation(violation: ContentViolation): string {
  switch (violation.code) {
    case "unknown-kind":
      return `kind ${JSON.stringify(violation.kind)} is not one of ${CONTRIBUTION_KINDS.join(", ")}`;
    case "title-empty":
      return "title is empty";
    case "text-too-long":
      return `${violation.field} is ${violation.length} characters, more than the ${violation.max} allowed`;
    case "too-many-links":
      return `${violation.count} links, more than the ${violation.max} allowed`;
    case "link-not-http":
      return `links[${violation.index}] ${JSON.stringify(violation.link)} is not an http(s) URL`;
    case "too-many-metrics":
      return `${violation.count} metrics, more than the ${violation.max} allowed`;
    case "metric-not-integer":
      return `metric ${violation.name} is ${violation.value}, not a safe integer`;
  }
}
