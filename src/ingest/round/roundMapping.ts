// Which fields of a grant round's applications make a contribution: the mapping, and its validation.

import { isContributionKind } from "../../core/contribution/contentViolations.ts";
import type { ContributionKind } from "../../core/contribution/contribution.ts";
import { CONTRIBUTION_KINDS, MAX_METRICS } from "../../core/contribution/contribution.ts";
import { InvalidRoundMapping } from "./roundErrors.ts";

/**
 * A metric: the name of a field holding an integer, or `{ field, decimals }` for a field holding a
 * decimal, stored as the integer `value × 10^decimals` (name such a metric for its unit, e.g.
 * `…Tenths`): contribution ids hash canonical JSON, which has no fractions.
 */
export type RoundMetric = string | { field: string; decimals: number };

/**
 * How one application (one JSON object) becomes a contribution. Every value names a field of the
 * application.
 */
export interface RoundMapping {
  /** The application's id: a non-blank string or an integer; unique in the file. */
  id: string;
  /** The title: a non-blank string. */
  title: string;
  /** Text fields, in order, concatenated into the description, each under `## <field name>`. */
  text: readonly string[];
  /** Metric name → the field it is read from. */
  metrics: Readonly<Record<string, RoundMetric>>;
  /** Fields holding http(s) URLs; duplicates are dropped. */
  links?: readonly string[];
  /** The field holding when the application was made (ISO 8601 or unix seconds); else the import's `createdAt`. */
  createdAt?: string;
  /** The field identifying the recipient (an Ethereum address, or a key of the address mapping); `id` by default. */
  contributor?: string;
  /** The kind of every contribution of the round; `grant` by default. */
  kind?: ContributionKind;
}

const KEYS = ["id", "title", "text", "metrics", "links", "createdAt", "contributor", "kind"];

/**
 * Checks a mapping read from JSON (or built from flags) and returns it typed.
 * JSON form: `{ "id": "id", "title": "project_name", "text": ["description"], "metrics": { "stars":
 * "star_count", "devsTenths": { "field": "avg_devs", "decimals": 1 } }, "links": ["github_url"],
 * "createdAt": "created_at", "contributor": "id", "kind": "grant" }`; only id, title, text and metrics
 * are required.
 * @param origin where it came from (a file name, "flags"), for errors
 * @throws InvalidRoundMapping naming the entry at fault
 */
export function parseRoundMapping(value: unknown, origin: string): RoundMapping {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidRoundMapping(origin, "(mapping)", "must be a JSON object");
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key))
      throw new InvalidRoundMapping(origin, key, `is not a mapping entry (${KEYS.join(", ")})`);
  }
  const field = (key: string, v: unknown): string => {
    if (typeof v !== "string" || v === "")
      throw new InvalidRoundMapping(origin, key, "must name a field (a non-empty string)");
    return v;
  };
  const fields = (key: string, v: unknown): string[] => {
    if (!Array.isArray(v)) throw new InvalidRoundMapping(origin, key, "must be an array of field names");
    return v.map((item, i) => field(`${key}[${i}]`, item));
  };
  const mapping: RoundMapping = {
    id: field("id", raw.id),
    title: field("title", raw.title),
    text: fields("text", raw.text ?? []),
    metrics: {},
  };
  const metrics = raw.metrics ?? {};
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new InvalidRoundMapping(origin, "metrics", "must be an object of metric name → field");
  }
  const entries = Object.entries(metrics);
  if (entries.length > MAX_METRICS)
    throw new InvalidRoundMapping(origin, "metrics", `has more than ${MAX_METRICS} metrics`);
  const parsedMetrics: Record<string, RoundMetric> = {};
  for (const [name, metric] of entries) {
    const key = `metrics.${name}`;
    if (name === "") throw new InvalidRoundMapping(origin, key, "needs a name");
    if (typeof metric === "string") {
      parsedMetrics[name] = field(key, metric);
      continue;
    }
    if (typeof metric !== "object" || metric === null || Array.isArray(metric)) {
      throw new InvalidRoundMapping(origin, key, "must be a field name or { field, decimals }");
    }
    const { field: metricField, decimals, ...rest } = metric as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      throw new InvalidRoundMapping(origin, `${key}.${extra}`, "is not field or decimals");
    if (typeof decimals !== "number" || !Number.isInteger(decimals) || decimals < 0 || decimals > 18) {
      throw new InvalidRoundMapping(origin, `${key}.decimals`, "must be an integer from 0 to 18");
    }
    parsedMetrics[name] = { field: field(`${key}.field`, metricField), decimals };
  }
  mapping.metrics = parsedMetrics;
  if (raw.links !== undefined) mapping.links = fields("links", raw.links);
  if (raw.createdAt !== undefined) mapping.createdAt = field("createdAt", raw.createdAt);
  if (raw.contributor !== undefined) mapping.contributor = field("contributor", raw.contributor);
  if (raw.kind !== undefined) {
    if (typeof raw.kind !== "string" || !isContributionKind(raw.kind)) {
      throw new InvalidRoundMapping(origin, "kind", `must be one of ${CONTRIBUTION_KINDS.join(", ")}`);
    }
    mapping.kind = raw.kind;
  }
  return mapping;
}
