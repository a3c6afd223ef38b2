// Refuses a contribution an evaluator must not score: missing or malformed fields, or an id that does not name its content.
import type { Hex } from "viem";
import {
  CONTRIBUTION_KINDS,
  type Contribution,
  type ContributionContent,
  type Contributor,
  contributionId,
  MAX_DESCRIPTION_LENGTH,
  MAX_LINKS,
  MAX_METRICS,
  MAX_TITLE_LENGTH,
} from "../core/contribution/contribution.ts";
import { GuildError } from "../core/errors.ts";

/** A field of a contribution is missing or malformed: `details.field` names it, `details.value` holds it. */
export class InvalidContribution extends GuildError {
  constructor(field: string, value: unknown, reason: string) {
    super(`contribution ${field} ${reason}`, { field, value, reason });
  }
}

/** The contribution's id is not the hash of its content, so a verdict on it would name other work. */
export class ContributionIdMismatch extends GuildError {
  constructor(id: string, expected: Hex) {
    super(`contribution id ${id} is not the hash of its content (${expected})`, { id, expected });
  }
}

const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const SOURCE_KINDS = ["signed", "git", "round"];

/**
 * Checks every field an evaluator reads and that the id is keccak256 of the canonical JSON of the
 * content, and returns that content (exactly the fields the id covers). Metrics must be safe integers
 * (any sign: judging their plausibility is the evaluator's job); lengths are counted in code points.
 * @throws InvalidContribution naming the first missing or malformed field
 * @throws ContributionIdMismatch when the id does not match the content
 */
export function checkContribution(contribution: Contribution): ContributionContent {
  if (typeof contribution !== "object" || contribution === null)
    throw new InvalidContribution("itself", contribution, "is not an object");
  // Read through unknown: the value may come from JSON or a caller that ignored the types.
  const c: Partial<Record<keyof Contribution, unknown>> = contribution;
  if (typeof c.id !== "string" || !HASH.test(c.id))
    throw new InvalidContribution("id", c.id, "must be a 32-byte hex hash");
  const epochId = wholeNumber("epochId", c.epochId);
  const createdAt = wholeNumber("createdAt", c.createdAt);
  const contributor = checkContributor(c.contributor);
  if (typeof c.kind !== "string" || !(CONTRIBUTION_KINDS as readonly string[]).includes(c.kind))
    throw new InvalidContribution("kind", c.kind, `must be one of ${CONTRIBUTION_KINDS.join(", ")}`);
  const kind = c.kind as ContributionContent["kind"];
  const title = text("title", c.title, MAX_TITLE_LENGTH);
  if (title.trim() === "") throw new InvalidContribution("title", title, "must not be blank");
  const description = text("description", c.description, MAX_DESCRIPTION_LENGTH);
  const links = checkLinks(c.links);
  const metrics = checkMetrics(c.metrics);
  const source: unknown = c.source;
  if (
    typeof source !== "object" ||
    source === null ||
    !SOURCE_KINDS.includes((source as { kind?: unknown }).kind as string)
  )
    throw new InvalidContribution(
      "source",
      source,
      `must be an object whose kind is ${SOURCE_KINDS.join(", ")}`,
    );
  const content: ContributionContent = {
    epochId,
    contributor,
    kind,
    title,
    description,
    links,
    metrics,
    createdAt,
  };
  const expected = contributionId(content);
  if (expected.toLowerCase() !== c.id.toLowerCase()) throw new ContributionIdMismatch(c.id, expected);
  return content;
}

function wholeNumber(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidContribution(field, value, "must be a whole number, at least 0");
  return value;
}

function text(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== "string") throw new InvalidContribution(field, value, "must be a string");
  const length = [...value].length;
  if (length > maxLength)
    throw new InvalidContribution(field, `${length} characters`, `is longer than ${maxLength} characters`);
  return value;
}

function checkContributor(value: unknown): Contributor {
  if (typeof value !== "object" || value === null)
    throw new InvalidContribution("contributor", value, "must be an object");
  const v = value as Record<string, unknown>;
  if (v.kind === "address") {
    if (typeof v.address !== "string" || !ADDRESS.test(v.address))
      throw new InvalidContribution("contributor.address", v.address, "must be a 20-byte hex address");
    return value as Contributor;
  }
  if (v.kind === "unmapped") {
    for (const field of ["source", "name"] as const) {
      const part = v[field];
      if (typeof part !== "string" || part === "")
        throw new InvalidContribution(`contributor.${field}`, part, "must be a non-empty string");
    }
    return value as Contributor;
  }
  throw new InvalidContribution("contributor.kind", v.kind, "must be address or unmapped");
}

function checkLinks(value: unknown): readonly string[] {
  if (!Array.isArray(value)) throw new InvalidContribution("links", value, "must be an array of strings");
  if (value.length > MAX_LINKS)
    throw new InvalidContribution("links", `${value.length} links`, `holds more than ${MAX_LINKS} links`);
  for (const [i, link] of value.entries()) {
    if (typeof link !== "string" || link === "")
      throw new InvalidContribution(`links[${i}]`, link, "must be a non-empty string");
  }
  return value as readonly string[];
}

function checkMetrics(value: unknown): Readonly<Record<string, number>> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InvalidContribution("metrics", value, "must be an object of named numbers");
  const entries = Object.entries(value);
  if (entries.length > MAX_METRICS)
    throw new InvalidContribution("metrics", `${entries.length} metrics`, `holds more than ${MAX_METRICS}`);
  for (const [name, metric] of entries) {
    if (typeof metric !== "number" || !Number.isSafeInteger(metric))
      throw new InvalidContribution(`metrics.${name}`, metric, "must be a whole number (safe integer)");
  }
  return value as Readonly<Record<string, number>>;
}
