// Imports a grant round's applications (one JSON object a line) as contributions, through a mapping.
import { readFile } from "node:fs/promises";
import { getAddress, isAddress } from "viem";
import {
  contentViolations,
  describeViolation,
  isHttpLink,
} from "../../core/contribution/contentViolations.ts";
import type { Contribution, ContributionContent, Contributor } from "../../core/contribution/contribution.ts";
import { contributionId } from "../../core/contribution/contribution.ts";
import type { ContributorDirectory, IdentitySources } from "../identity/contributorDirectory.ts";
import { contributorDirectory } from "../identity/contributorDirectory.ts";
import type { ImportReport } from "../importReport.ts";
import { importReport } from "../importReport.ts";
import type { RoundLineProblem } from "./roundErrors.ts";
import { InvalidRoundFile, InvalidRoundMapping, RoundFileUnreadable } from "./roundErrors.ts";
import type { RoundMapping } from "./roundMapping.ts";
import { parseRoundMapping } from "./roundMapping.ts";
import { scaledInteger } from "./scaledInteger.ts";

export interface ImportRoundOptions extends IdentitySources {
  /** The epoch the contributions go into. */
  epochId: number;
  /** Unix seconds, for applications whose mapping names no createdAt field (or whose field is absent). */
  createdAt?: number;
}

/**
 * Reads the round file at `filePath` (JSON Lines: one application object a line; blank lines are
 * skipped) and returns one contribution per application, in file order.
 *
 * Through `mapping`: id and title must be present; the description is every present text field, in
 * the mapping's order, as `## <field>\n\n<text>`, joined by blank lines; metrics are parsed exactly
 * from JSON numbers or decimal strings (see RoundMetric); links must be http(s). A value that is
 * null, missing, blank or "N/A" is absent: a metric is then left out, a text or link skipped. The
 * recipient is the contributor field's value (the id by default): an Ethereum address is used as is;
 * otherwise a claim for `round:<value>` or the address mapping (key: the value) gives the address,
 * else the recipient stays unmapped as `{ source: "round:<value>", name: <title> }` and is listed in
 * the report. Source: `{ kind: "round", file: filePath, applicationId }`.
 *
 * All or nothing: any bad line (not JSON, not an object, missing id or title, duplicate id, a metric
 * that is not a number, a link that is not http(s), text over the limits, …) aborts the import, and
 * the error lists every problem of every line.
 * @throws InvalidRoundFile (with every line's problems), RoundFileUnreadable, InvalidRoundMapping,
 *   InvalidIdentityClaim, IdentityConflict
 */
export async function importRound(
  filePath: string,
  mapping: RoundMapping,
  options: ImportRoundOptions,
): Promise<ImportReport> {
  const checked = parseRoundMapping(mapping, "(given)");
  if (checked.createdAt === undefined && options.createdAt === undefined) {
    throw new InvalidRoundMapping(
      "(given)",
      "createdAt",
      "names no field: name one, or pass options.createdAt",
    );
  }
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (cause) {
    throw new RoundFileUnreadable(filePath, (cause as Error).message, { cause });
  }
  const directory = await contributorDirectory(options);

  const problems: RoundLineProblem[] = [];
  const contributions: Contribution[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const [index, rawLine] of text.split("\n").entries()) {
    const line = index + 1;
    const source = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (source.trim() === "") continue;
    const lineProblems: RoundLineProblem[] = [];
    const problem = (reason: string, field?: string) =>
      lineProblems.push(field === undefined ? { line, reason } : { line, field, reason });
    let application: unknown;
    try {
      application = JSON.parse(source);
    } catch (cause) {
      problems.push({ line, reason: `not JSON: ${(cause as Error).message}` });
      continue;
    }
    if (typeof application !== "object" || application === null || Array.isArray(application)) {
      problems.push({ line, reason: "not a JSON object" });
      continue;
    }
    const record = application as Record<string, unknown>;

    const id = identifier(record[checked.id]);
    if (id === undefined) problem("missing (or not a string or integer)", checked.id);
    else {
      const first = firstLineOfId.get(id);
      if (first !== undefined)
        problem(`duplicate id ${JSON.stringify(id)} (first on line ${first})`, checked.id);
      else firstLineOfId.set(id, line);
    }
    const titleValue = record[checked.title];
    const title = typeof titleValue === "string" && !isAbsent(titleValue) ? titleValue : undefined;
    if (title === undefined) problem("missing (or not a string)", checked.title);

    const sections: string[] = [];
    for (const field of checked.text) {
      const value = record[field];
      if (isAbsent(value)) continue;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        sections.push(`## ${field}\n\n${String(value)}`);
      } else problem("is not text", field);
    }

    const metrics: Record<string, number> = {};
    for (const [name, metric] of Object.entries(checked.metrics)) {
      const field = typeof metric === "string" ? metric : metric.field;
      const decimals = typeof metric === "string" ? 0 : metric.decimals;
      const value = record[field];
      if (isAbsent(value)) continue;
      const parsed =
        typeof value === "string" || typeof value === "number"
          ? scaledInteger(plainNumber(value), decimals)
          : undefined;
      if (parsed === undefined) {
        const expected = decimals === 0 ? "an integer" : `a number with at most ${decimals} decimal(s)`;
        problem(`${JSON.stringify(value)} is not ${expected}`, field);
      } else metrics[name] = parsed;
    }

    const links: string[] = [];
    for (const field of checked.links ?? []) {
      const value = record[field];
      if (isAbsent(value)) continue;
      const link = typeof value === "string" ? value.trim() : "";
      if (!isHttpLink(link)) problem(`${JSON.stringify(value)} is not an http(s) URL`, field);
      else if (!links.includes(link)) links.push(link);
    }

    let createdAt = options.createdAt;
    if (checked.createdAt !== undefined && !isAbsent(record[checked.createdAt])) {
      createdAt = unixSeconds(record[checked.createdAt]);
      if (createdAt === undefined) {
        problem("is not a date (ISO 8601 with a zone, or unix seconds)", checked.createdAt);
      }
    } else if (createdAt === undefined) {
      problem("missing, and no default createdAt was given", checked.createdAt);
    }

    const contributorField = checked.contributor ?? checked.id;
    const recipient = identifier(record[contributorField]);
    // A missing id is reported once, even though it is also the recipient by default.
    if (recipient === undefined && contributorField !== checked.id) {
      problem("missing (or not a string or integer)", contributorField);
    } else if (recipient !== undefined && /^0x[0-9a-fA-F]{40}$/.test(recipient) && !isAddress(recipient)) {
      problem(`${recipient} is an address with a bad checksum`, contributorField);
    }

    if (id === undefined || title === undefined || createdAt === undefined || recipient === undefined) {
      problems.push(...lineProblems);
      continue;
    }
    const content: ContributionContent = {
      epochId: options.epochId,
      contributor: resolveRecipient(directory, recipient, title),
      kind: checked.kind ?? "grant",
      title,
      description: sections.join("\n\n"),
      links,
      metrics,
      createdAt,
    };
    for (const violation of contentViolations(content)) problem(describeViolation(violation));
    if (lineProblems.length > 0) {
      problems.push(...lineProblems);
      continue;
    }
    contributions.push({
      ...content,
      id: contributionId(content),
      source: { kind: "round", file: filePath, applicationId: id },
    });
  }
  if (problems.length > 0) throw new InvalidRoundFile(filePath, problems);
  return importReport(contributions);
}

/** null, missing, blank text and "N/A" (any case) mean the applicant gave no value. */
function isAbsent(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === "string" && (value.trim() === "" || value.trim().toLowerCase() === "n/a"))
  );
}

function identifier(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}

/** A JSON number as plain decimal text (`1e21` stays unreadable rather than being rounded). */
function plainNumber(value: string | number): string {
  return typeof value === "number" ? (Number.isFinite(value) ? String(value) : "NaN") : value;
}

/** Unix seconds, or an ISO 8601 date (UTC) or date-time with a zone: no date a machine's time zone could shift. */
function unixSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value.trim()))
    return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function resolveRecipient(directory: ContributorDirectory, recipient: string, title: string): Contributor {
  if (isAddress(recipient)) return { kind: "address", address: getAddress(recipient) };
  return directory.resolve(`round:${recipient}`, [recipient], title);
}
