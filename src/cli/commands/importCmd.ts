// `guild import`: brings work into the open epoch from a grant round file or a local git repository.
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { signingDomain } from "../../chain/manifest.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import type { ImportGitOptions } from "../../ingest/git/importGitHistory.ts";
import { importGitHistory } from "../../ingest/git/importGitHistory.ts";
import type { IdentitySources } from "../../ingest/identity/contributorDirectory.ts";
import { readAddressMapping } from "../../ingest/identity/readAddressMapping.ts";
import { readIdentityClaims } from "../../ingest/identity/readIdentityClaims.ts";
import type { ImportReport } from "../../ingest/importReport.ts";
import { importReport } from "../../ingest/importReport.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../../ingest/round/importRound.ts";
import { readRoundMapping } from "../../ingest/round/readRoundMapping.ts";
import type { RoundMapping } from "../../ingest/round/roundMapping.ts";
import { roundMappingFromFlags } from "../../ingest/round/roundMappingFromFlags.ts";
import type { NodeContext } from "../../node/openNode.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { epochForContributions, parseEpochId, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";

export const importHelp = `guild import <round|git> <file or path> [options]

Imports work (a grant round file, a git history) into the open epoch, all or nothing.

  guild import round <file.jsonl> <mapping> [--addresses <file>] [--claims <file>] [--epoch <id>]
  guild import git <path> [--unit commit|merge] [--since <date>] [--until <date>] [--exclude <commit>]...
                   [--addresses <file>] [--claims <file>] [--epoch <id>]

The epoch is the open one, or --epoch <id>, which must be open.

guild import round: a grant round's applications, one JSON object a line. <mapping> is exactly one of
  --preset fil-retro-pgf-3             the mapping of Filecoin RetroPGF round 3 (../shared/data/grant-round)
  --mapping <mapping.json>             a mapping file (see src/ingest/README.md)
  --id <field> --title <field> [--text <field>]... [--metric <name>=<field>[:<decimals>]]...
       [--link <field>]... [--created-at <field>] [--contributor <field>] [--kind <kind>]
                                       the mapping from flags
  Applications without a date take the file's modification time.
guild import git: a local repository's history (no network): one contribution per commit, or per merge on
  the first-parent line with --unit merge; --since/--until take ISO 8601 dates; --exclude leaves out a commit
  (7 hex digits or more), e.g. one whose text breaks the limits. Try it: guild import git .

Identities: --addresses <file.json|file.csv> maps an identity (an application id; a git author's email or
name) to an address; --claims <file.json> holds identity claims the contributors signed. A contributor with
neither is imported, assessed and shown in the report, but not paid: the import lists them.
Importing again changes nothing: contributions already stored are counted as already there, and work whose
source (a round file's application, a repository's commit) is already stored in any epoch is skipped, not
imported twice or replaced (map addresses before importing: a stored contribution cannot change).
The open epoch is the latest epoch when it is open; epoch 1 is created when the store has no epoch.`;

const PRESETS: Record<string, RoundMapping> = { "fil-retro-pgf-3": FIL_RETRO_PGF_3_MAPPING };
/** How many unmapped contributors a person sees by name; --json lists them all. */
const SHOWN_UNMAPPED = 5;

export async function importCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      mapping: { type: "string" },
      preset: { type: "string" },
      id: { type: "string" },
      title: { type: "string" },
      text: { type: "string", multiple: true },
      metric: { type: "string", multiple: true },
      link: { type: "string", multiple: true },
      "created-at": { type: "string" },
      contributor: { type: "string" },
      kind: { type: "string" },
      unit: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      exclude: { type: "string", multiple: true },
      addresses: { type: "string" },
      claims: { type: "string" },
      epoch: { type: "string" },
    },
  });
  const options = globalOptions(values);
  const [source, path, ...extra] = positionals;
  if (source !== "round" && source !== "git") {
    throw new InvalidArgument(
      source === undefined
        ? "guild import needs a source: round or git"
        : `unknown import source "${source}"; use round or git`,
      { source: source ?? null, hint: "guild import --help" },
    );
  }
  if (path === undefined) {
    throw new InvalidArgument(
      `guild import ${source} needs a ${source === "round" ? "file" : "repository path"}`,
      {
        hint: "guild import --help",
      },
    );
  }
  if (extra.length > 0)
    throw new InvalidArgument(`unexpected argument "${extra[0]}"`, { argument: extra[0] });
  const requestedEpoch = values.epoch === undefined ? undefined : parseEpochId(values.epoch, "--epoch");
  // Bad flags are refused before the node opens.
  const roundFlags = [
    "mapping",
    "preset",
    "id",
    "title",
    "text",
    "metric",
    "link",
    "created-at",
    "contributor",
    "kind",
  ];
  const gitFlags = ["unit", "since", "until", "exclude"];
  const misplaced = (source === "round" ? gitFlags : roundFlags).find(
    (f) => values[f as keyof typeof values] !== undefined,
  );
  if (misplaced !== undefined) {
    throw new InvalidArgument(`--${misplaced} does not go with \`guild import ${source}\``, {
      flag: `--${misplaced}`,
    });
  }
  const mapping = source === "round" ? await roundMapping(values) : undefined;
  const unit = values.unit;
  if (unit !== undefined && unit !== "commit" && unit !== "merge") {
    throw new InvalidArgument(`--unit takes commit or merge, got "${unit}"`, { unit });
  }
  const addresses = values.addresses === undefined ? undefined : await readAddressMapping(values.addresses);

  await withNode(options, async (ctx) => {
    const identities: IdentitySources = {};
    if (addresses !== undefined) identities.addresses = addresses;
    if (values.claims !== undefined) {
      const domain = signingDomain(ctx.manifest);
      identities.claims = { domain, signed: await readIdentityClaims(values.claims, domain) };
    }
    const epoch = await epochForContributions(ctx.store, requestedEpoch);
    const epochId = epoch.id;
    let report: ImportReport;
    let from: string;
    if (source === "round") {
      const file = resolve(path);
      from = file;
      const createdAt = fileTime(file);
      report = await importRound(file, mapping ?? FIL_RETRO_PGF_3_MAPPING, {
        epochId,
        ...(createdAt === undefined ? {} : { createdAt }),
        ...identities,
      });
    } else {
      from = resolve(path);
      const gitOptions: ImportGitOptions = { epochId, ...identities };
      if (unit !== undefined) gitOptions.unit = unit;
      if (values.since !== undefined) gitOptions.since = values.since;
      if (values.until !== undefined) gitOptions.until = values.until;
      if (values.exclude !== undefined) gitOptions.exclude = values.exclude;
      report = await importGitHistory(from, gitOptions);
    }
    const result = await storeImport(ctx, report, epoch.exists ? undefined : epochId);
    const summary = { source, from, epochId, ...result };
    out.result(summary, () => printSummary(out, summary));
  });
}

/** The round mapping the flags name: exactly one of --preset, --mapping, or --id and --title. */
async function roundMapping(values: Record<string, unknown>): Promise<RoundMapping> {
  const flagKeys = ["id", "title", "text", "metric", "link", "created-at", "contributor", "kind"];
  const fromFlags = flagKeys.some((key) => values[key] !== undefined);
  const given = [values.preset !== undefined, values.mapping !== undefined, fromFlags].filter(Boolean).length;
  if (given !== 1) {
    throw new InvalidArgument(
      given === 0
        ? "guild import round needs a mapping: --preset <name>, --mapping <file>, or --id and --title"
        : "give one mapping: --preset, --mapping, or the --id/--title flags",
      { presets: Object.keys(PRESETS).join(", "), hint: "guild import --help" },
    );
  }
  if (typeof values.preset === "string") {
    const preset = PRESETS[values.preset];
    if (preset === undefined) {
      throw new InvalidArgument(`unknown preset "${values.preset}"`, {
        preset: values.preset,
        presets: Object.keys(PRESETS).join(", "),
      });
    }
    return preset;
  }
  if (typeof values.mapping === "string") return readRoundMapping(values.mapping);
  if (typeof values.id !== "string" || typeof values.title !== "string") {
    throw new InvalidArgument("a mapping from flags needs both --id <field> and --title <field>", {});
  }
  const strings = (key: string) => values[key] as string[] | undefined;
  const flags: Parameters<typeof roundMappingFromFlags>[0] = { id: values.id, title: values.title };
  if (strings("text") !== undefined) flags.text = strings("text") ?? [];
  if (strings("metric") !== undefined) flags.metric = strings("metric") ?? [];
  if (strings("link") !== undefined) flags.link = strings("link") ?? [];
  if (typeof values["created-at"] === "string") flags.createdAt = values["created-at"];
  if (typeof values.contributor === "string") flags.contributor = values.contributor;
  if (typeof values.kind === "string") flags.kind = values.kind;
  return roundMappingFromFlags(flags);
}

/** The file's modification time in unix seconds, or undefined when it cannot be read (the importer says why). */
function fileTime(file: string): number | undefined {
  try {
    return Math.floor(statSync(file).mtimeMs / 1000);
  } catch {
    return undefined;
  }
}

interface StoredImport {
  contributions: number;
  new: number;
  alreadyThere: number;
  /** Work whose source is already stored as another contribution: not imported twice, not replaced. */
  skipped: { title: string; source: string; storedIn: number; storedId: string }[];
  mapped: number;
  unmapped: { count: number; contributions: number; contributors: ImportReport["unmapped"] };
}

/**
 * Stores an import's contributions in one transaction (opening epoch `openFirst` first when given): all
 * of them, or none when one insert fails.
 * Contributions already stored count as already there; work whose source already is in the store as
 * another contribution (in any epoch, or with other content) is skipped and listed, so a round or a
 * repository imported again is never paid twice.
 */
async function storeImport(
  ctx: NodeContext,
  report: ImportReport,
  openFirst: number | undefined,
): Promise<StoredImport> {
  const known = new Map<string, { epochId: number; id: string }>();
  const latest = await ctx.store.latestEpoch();
  for (let id = 1; id <= (latest?.id ?? 0); id++) {
    for (const c of await ctx.store.listContributions(id)) {
      const key = sourceKey(c);
      if (key !== undefined) known.set(key, { epochId: id, id: c.id });
    }
  }
  const skipped: StoredImport["skipped"] = [];
  const toInsert: Contribution[] = [];
  const kept: Contribution[] = [];
  for (const c of report.contributions) {
    const key = sourceKey(c);
    const stored = key === undefined ? undefined : known.get(key);
    if (stored === undefined) toInsert.push(c);
    if (stored === undefined || stored.id === c.id) kept.push(c);
    else skipped.push({ title: c.title, source: key ?? "", storedIn: stored.epochId, storedId: stored.id });
  }
  const inserted = await ctx.store.transaction(async (tx) => {
    if (openFirst !== undefined) await tx.openEpoch(openFirst);
    let count = 0;
    for (const c of toInsert) if (await tx.insertContribution(c)) count += 1;
    return count;
  });
  // Who is unmapped among the contributions now in the store (skipped ones keep what was stored).
  const { unmapped } = importReport(kept);
  return {
    contributions: report.contributions.length,
    new: inserted,
    alreadyThere: kept.length - inserted,
    skipped,
    mapped: kept.filter((c) => c.contributor.kind === "address").length,
    unmapped: {
      count: unmapped.length,
      contributions: unmapped.reduce((s, u) => s + u.count, 0),
      contributors: unmapped,
    },
  };
}

/** Where a piece of imported work comes from, the same however it is mapped; undefined for signed work. */
function sourceKey(c: Contribution): string | undefined {
  switch (c.source.kind) {
    case "round":
      return `round ${c.source.file}#${c.source.applicationId}`;
    case "git":
      return `git ${c.source.repository}@${c.source.commit}`;
    case "signed":
      return undefined;
  }
}

function printSummary(
  out: Output,
  s: StoredImport & { source: string; from: string; epochId: number },
): void {
  const what = s.source === "round" ? basename(s.from) : s.from;
  out.line(
    `Imported ${what} into epoch ${s.epochId}: ${s.new} new, ${s.alreadyThere} already there (${s.contributions} read)`,
  );
  if (s.skipped.length > 0) {
    const first = s.skipped[0];
    out.line(
      `  ${s.skipped.length} skipped: their source is already stored as another contribution (first: "${first?.title}" in epoch ${first?.storedIn}); a stored contribution is never imported twice or replaced`,
    );
  }
  out.line(`  ${s.mapped} credited to an address`);
  if (s.unmapped.count === 0) {
    out.line("  every contributor is mapped to an address");
    return;
  }
  const names = s.unmapped.contributors.slice(0, SHOWN_UNMAPPED).map((u) => `${u.name} (${u.source})`);
  const more = s.unmapped.count > SHOWN_UNMAPPED ? `, and ${s.unmapped.count - SHOWN_UNMAPPED} more` : "";
  out.line(
    `  ${s.unmapped.count} unmapped contributor(s) with ${s.unmapped.contributions} contribution(s): no address, so assessed and shown in the report but not paid`,
  );
  out.line(`    ${names.join(", ")}${more}`);
  out.line(
    "  a stored contribution keeps its contributor: map identities with --addresses or --claims when importing (--json lists them all)",
  );
}
