// `guild report`: who an epoch paid what and why, read from the report stored when it was allocated.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatEther, keccak256 } from "viem";
import { GuildError } from "../../core/errors.ts";
import { readAllocated } from "../../node/epoch/epochLedger.ts";
import type { Store } from "../../store/store.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { formatUnits18 } from "../output.ts";
import { renderTable } from "../table.ts";
import { parseEpochId, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";

/** The epoch has no report yet: it is not allocated. */
export class NoReport extends GuildError {}

export const reportHelp = `guild report [<epoch>] [--csv]

Prints who an epoch paid what and why, and how fair it was.

From the report stored when the epoch was allocated: each recipient's share of the epoch's value,
payout (GUILD), reputation earned, cap and floor notes and the explanation; the fairness figures of
payouts and voting power; the contributors with no address (assessed, not paid); and the report's file
and keccak256 hash (the one on chain with the root).
<epoch> defaults to the latest epoch with a report. --json prints the stored report itself.
--csv prints recipient,payout,reputation,value_share rows: payout in GUILD and reputation in gREP with
every decimal (they sum exactly), value_share as a fraction of the epoch's value.`;

/** The parts of the stored report (guild-epoch-report/1–3, bigints as decimal strings) this command reads. */
interface StoredReport {
  epoch: number;
  config: { capBps: number; floorAmount: string };
  counts: { contributions: number; verdicts: number };
  allocation: {
    budget: string;
    totalPaid: string;
    rolledOver: string;
    capAmount: string;
    recipients: {
      recipient: string;
      valueSharePpm: number;
      payout: string;
      capped: boolean;
      belowFloor: boolean;
      carriedIn: string;
      carriedOut: string;
      explanation: string;
    }[];
  };
  reputation: { recipient: string; amount: string }[];
  unmapped: { source: string; name: string; contributions: number; valueUnits: string }[];
  /** From version 3: contributions not paid because they copy an earlier one. */
  duplicates?: {
    contributionId: string;
    originalId: string;
    originalEpochId: number;
    similarityBps: number;
    sameContributor: boolean;
  }[];
  fairness: Record<
    "payouts" | "votingPower",
    { giniPpm: number; nakamotoCoefficient: number; top10SharePpm: number }
  >;
}

interface Row {
  recipient: string;
  valueSharePpm: number;
  payout: bigint;
  reputation: bigint;
  notes: string;
  why: string;
}

export async function reportCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...GLOBAL_OPTIONS, csv: { type: "boolean", default: false } },
  });
  const options = globalOptions(values);
  const [idText, ...extra] = positionals;
  if (extra.length > 0)
    throw new InvalidArgument(`unexpected argument "${extra[0]}"`, { argument: extra[0] });
  if (values.csv && options.json) throw new InvalidArgument("give --csv or --json, not both", {});
  const requested = idText === undefined ? undefined : parseEpochId(idText, "<epoch>");

  await withNode(options, async (ctx) => {
    const id = requested ?? (await latestReported(ctx.store));
    if (id === undefined) {
      throw new NoReport("no epoch has a report yet: an epoch gets one when it is allocated", {
        hint: "guild epoch run",
      });
    }
    const epoch = await ctx.store.getEpoch(id);
    if (epoch?.report === undefined || epoch.report === null) {
      throw new NoReport(`epoch ${id} has no report: it is ${epoch?.state ?? "not in the store"}`, {
        epochId: id,
        state: epoch?.state ?? "missing",
        hint: epoch === undefined ? "guild epoch status --all" : `guild epoch run ${id}`,
      });
    }
    if (out.json) {
      out.result(epoch.report, () => {});
      return;
    }
    const report = epoch.report as unknown as StoredReport;
    const rows = reportRows(report);
    if (values.csv) {
      out.line("recipient,payout,reputation,value_share");
      for (const r of rows) {
        out.line(
          `${r.recipient},${formatEther(r.payout)},${formatEther(r.reputation)},${(r.valueSharePpm / 1e6).toFixed(6)}`,
        );
      }
      return;
    }
    const path = (await readAllocated(ctx.store, id))?.reportPath;
    printReport(out, report, rows, epoch.state, { path, hash: epoch.reportHash });
  });
}

/** The latest epoch whose report is stored (allocated or further along). */
async function latestReported(store: Store): Promise<number | undefined> {
  const latest = await store.latestEpoch();
  for (let id = latest?.id ?? 0; id >= 1; id--) {
    const epoch = await store.getEpoch(id);
    if (epoch?.report !== undefined && epoch.report !== null) return id;
  }
  return undefined;
}

/** One row per allocated recipient, the highest payout first. */
function reportRows(report: StoredReport): Row[] {
  const reputation = new Map(report.reputation.map((r) => [r.recipient.toLowerCase(), BigInt(r.amount)]));
  const capPercent = report.config.capBps / 100;
  const floor = BigInt(report.config.floorAmount);
  return report.allocation.recipients
    .map((r) => {
      const notes: string[] = [];
      if (r.capped) notes.push(`capped at ${capPercent}%`);
      if (r.belowFloor) notes.push(`below the ${formatUnits18(floor)} floor`);
      if (BigInt(r.carriedIn) > 0n) notes.push(`${formatUnits18(BigInt(r.carriedIn))} carried in`);
      if (BigInt(r.carriedOut) > 0n) notes.push(`${formatUnits18(BigInt(r.carriedOut))} carried over`);
      return {
        recipient: r.recipient,
        valueSharePpm: r.valueSharePpm,
        payout: BigInt(r.payout),
        reputation: reputation.get(r.recipient.toLowerCase()) ?? 0n,
        notes: notes.join("; "),
        // The explanation names the recipient first; the table already does.
        why: r.explanation.startsWith(`${r.recipient}: `)
          ? r.explanation.slice(r.recipient.length + 2)
          : r.explanation,
      };
    })
    .sort((a, b) =>
      a.payout === b.payout ? (a.recipient < b.recipient ? -1 : 1) : a.payout > b.payout ? -1 : 1,
    );
}

/** `text` cut to `max` characters with an ellipsis, for table cells. */
const shorten = (text: string, max: number) => {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
};

const percent = (ppm: number) => `${(ppm / 10_000).toFixed(2)}%`;

function printReport(
  out: Output,
  report: StoredReport,
  rows: Row[],
  state: string,
  file: { path: string | undefined; hash: string | undefined },
): void {
  const a = report.allocation;
  const paid = rows.filter((r) => r.payout > 0n).length;
  out.line(
    `Epoch ${report.epoch} (${state}): ${formatUnits18(BigInt(a.totalPaid))} GUILD to ${paid} recipient(s) of a ${formatUnits18(BigInt(a.budget))} GUILD budget`,
  );
  out.line(
    `  ${report.counts.contributions} contribution(s); cap ${report.config.capBps / 100}% (${formatUnits18(BigInt(a.capAmount))} GUILD), floor ${formatUnits18(BigInt(report.config.floorAmount))} GUILD; ${formatUnits18(BigInt(a.rolledOver))} GUILD stays in the treasury`,
  );
  out.line();
  out.line(
    renderTable(
      [
        { header: "recipient", value: (r: Row) => r.recipient },
        { header: "value share", value: (r) => percent(r.valueSharePpm), align: "right" },
        { header: "payout (GUILD)", value: (r) => formatUnits18(r.payout), align: "right" },
        { header: "reputation", value: (r) => formatUnits18(r.reputation), align: "right" },
        { header: "notes", value: (r) => r.notes },
        { header: "why", value: (r) => r.why },
      ],
      rows,
    ),
  );
  out.line();
  const { payouts, votingPower } = report.fairness;
  out.line(
    renderTable(
      [
        { header: "fairness", value: (r: { name: string; p: string; v: string }) => r.name },
        { header: "payouts", value: (r) => r.p, align: "right" },
        { header: "voting power", value: (r) => r.v, align: "right" },
      ],
      [
        { name: "Gini", p: percent(payouts.giniPpm), v: percent(votingPower.giniPpm) },
        {
          name: "Nakamoto coefficient",
          p: String(payouts.nakamotoCoefficient),
          v: String(votingPower.nakamotoCoefficient),
        },
        { name: "top-10 share", p: percent(payouts.top10SharePpm), v: percent(votingPower.top10SharePpm) },
      ],
    ),
  );
  out.line();
  if (report.unmapped.length === 0) out.line("Every contributor is mapped to an address.");
  else {
    out.line(
      `Not paid: ${report.unmapped.length} contributor(s) with no address when their work was imported (assessed and shown, not paid)`,
    );
    out.line(
      renderTable(
        [
          { header: "  source", value: (u: StoredReport["unmapped"][number]) => `  ${u.source}` },
          { header: "name", value: (u) => shorten(u.name, 60) },
          { header: "contributions", value: (u) => String(u.contributions), align: "right" },
        ],
        report.unmapped,
      ),
    );
  }
  const duplicates = report.duplicates ?? [];
  if (duplicates.length > 0) {
    out.line();
    out.line(
      `Not paid: ${duplicates.length} contribution(s) copying earlier work (the original is paid; assessed and shown)`,
    );
    out.line(
      renderTable(
        [
          {
            header: "  contribution",
            value: (d: (typeof duplicates)[number]) => `  ${d.contributionId.slice(0, 12)}…`,
          },
          { header: "copies", value: (d) => `${d.originalId.slice(0, 12)}… (epoch ${d.originalEpochId})` },
          { header: "similarity", value: (d) => `${(d.similarityBps / 100).toFixed(0)}%`, align: "right" },
          { header: "whose", value: (d) => (d.sameContributor ? "own (resubmitted)" : "someone else's") },
        ],
        duplicates,
      ),
    );
  }
  out.line();
  out.line(`Report: ${file.path ?? "(no file recorded)"}`);
  out.line(`  keccak256 ${file.hash ?? "?"}${fileCheck(file.path, file.hash)}`);
}

/** Whether the report file still hashes to the stored hash (the one proposed on chain). */
function fileCheck(path: string | undefined, hash: string | undefined): string {
  if (path === undefined || hash === undefined) return "";
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return " (the file is missing)";
  }
  return keccak256(bytes).toLowerCase() === hash.toLowerCase()
    ? " (the file matches; this hash goes on chain with the root)"
    : " (the file does NOT match this hash: it was changed after allocation)";
}
