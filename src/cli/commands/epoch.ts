// `guild epoch`: an epoch's state, and the steps that take it from open to finalized.
import { parseArgs } from "node:util";
import type { ChainTarget } from "../../chain/connectChain.ts";
import { readEpoch } from "../../chain/settlement.ts";
import { GuildError } from "../../core/errors.ts";
import { readAllocated, readClosed } from "../../node/epoch/epochLedger.ts";
import { runEpoch } from "../../node/epoch/runEpoch.ts";
import { ChallengeWindowOpen } from "../../node/epoch/settleEpoch.ts";
import type { NodeContext } from "../../node/openNode.ts";
import { openNode } from "../../node/openNode.ts";
import type { EpochRecord, EpochState, Store } from "../../store/store.ts";
import type { GlobalOptions } from "../context.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import type { Progress } from "../progress.ts";
import { createProgress } from "../progress.ts";
import { renderTable } from "../table.ts";
import { InvalidArgument } from "./init.ts";

/** No epoch takes contributions: the latest one is not open. */
export class NoOpenEpoch extends GuildError {}
/** The epoch named takes no more contributions: it is closed or further along. */
export class EpochClosedToContributions extends GuildError {}
/** There is no epoch with this id in the store. */
export class EpochNotInStore extends GuildError {}
/** `--advance-time` moves the embedded chain's clock; a real chain's clock cannot be moved. */
export class AdvanceTimeNeedsEmbeddedChain extends GuildError {}

export const epochHelp = `guild epoch <status|close|run|propose|finalize> [<id>] [options]

Shows epochs and moves them through open → closed → assessed → allocated → proposed → finalized.

  guild epoch status [<id>] [--all]          the epoch's state, when it entered each state, its contributions,
                                             jobs done and failed, root, report hash, transactions, and its
                                             state on chain; --all: a table of every epoch
  guild epoch close [<id>]                   fixes the epoch's contributions and governed rules, and opens the
                                             next epoch
  guild epoch run [<id>] [--until <state>]   runs the steps up to <state> (closed, assessed, allocated,
                                             proposed, finalized; default proposed), with a progress bar on
                                             stderr while assessing
  guild epoch propose [<id>]                 runs up to proposed: the root and the report hash go on chain
  guild epoch finalize [<id>]                runs up to finalized; refused (exit 1) while the challenge window
                                             is open, saying when it ends

Which epoch, when <id> is not given:
  close takes the open epoch. run, propose, finalize and status take the oldest epoch in progress
  (closed, assessed, allocated, proposed or vetoed), else the open epoch (status: else the latest). Closing
  an epoch opens the next one at once, so the latest epoch is usually the new, empty one.
  With no epoch in the store yet, close, run, propose and finalize open epoch 1 first.
The open epoch, where \`guild import\` and \`guild submit\` put contributions, is the latest epoch when it is
open; epoch 1 is created when the store has no epoch.

Development aid (embedded chain only; refused with --rpc-url):
  guild epoch finalize --advance-time <seconds>
      after proposing, moves the embedded chain's clock <seconds> forward (to pass the challenge window in
      tests and demos), then finalizes`;

const ORDER: readonly EpochState[] = ["open", "closed", "assessed", "allocated", "proposed", "finalized"];
const TARGETS = ["closed", "assessed", "allocated", "proposed", "finalized"] as const;
const SUBCOMMANDS = ["status", "close", "run", "propose", "finalize"] as const;

export async function epochCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      all: { type: "boolean", default: false },
      until: { type: "string" },
      "advance-time": { type: "string" },
    },
  });
  const options = globalOptions(values);
  const [sub, idText, ...extra] = positionals;
  if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new InvalidArgument(
      sub === undefined
        ? `guild epoch needs a subcommand: ${SUBCOMMANDS.join(", ")}`
        : `unknown subcommand "epoch ${sub}"; use one of ${SUBCOMMANDS.join(", ")}`,
      { subcommand: sub ?? null, hint: "guild epoch --help" },
    );
  }
  if (extra.length > 0)
    throw new InvalidArgument(`unexpected argument "${extra[0]}"`, { argument: extra[0] });
  const requested = idText === undefined ? undefined : parseEpochId(idText, "<id>");
  if (values.all && (sub !== "status" || requested !== undefined)) {
    throw new InvalidArgument("--all goes with `guild epoch status` and no <id>", {});
  }
  if (values.until !== undefined && sub !== "run") {
    throw new InvalidArgument("--until goes with `guild epoch run`", { until: values.until });
  }
  const until = sub === "run" ? parseUntil(values.until) : undefined;
  let advanceSeconds: number | undefined;
  if (values["advance-time"] !== undefined) {
    if (sub !== "finalize") throw new InvalidArgument("--advance-time goes with `guild epoch finalize`", {});
    if (options.rpcUrl !== undefined) {
      throw new AdvanceTimeNeedsEmbeddedChain(
        "--advance-time moves the embedded chain's clock; a chain reached with --rpc-url keeps its own",
        { rpcUrl: options.rpcUrl },
      );
    }
    advanceSeconds = parseSeconds(values["advance-time"]);
  }

  await withNode(options, async (ctx) => {
    if (sub === "status") {
      if (values.all) return printAll(ctx, out);
      const id = requested ?? (await epochInProgress(ctx.store)) ?? (await ctx.store.latestEpoch())?.id;
      if (id === undefined) {
        throw new EpochNotInStore("the store has no epoch yet", {
          hint: "import contributions (guild import) or run `guild epoch run` to open epoch 1",
        });
      }
      const status = await epochStatus(ctx, await mustGetEpoch(ctx.store, id));
      out.result(status, () => printStatus(out, status));
      return;
    }
    const id = requested ?? (sub === "close" ? await openEpochId(ctx.store) : await epochToRun(ctx.store));
    const target: EpochState =
      sub === "close" ? "closed" : sub === "propose" ? "proposed" : (until ?? "finalized");
    await advance(ctx, out, await mustGetEpoch(ctx.store, id), target, advanceSeconds);
  });
}

/** Opens the node for `options` (and an optional signer), runs `fn`, and always closes the node. */
export async function withNode<T>(
  options: GlobalOptions,
  fn: (ctx: NodeContext) => Promise<T>,
  target: ChainTarget = chainTarget(options),
): Promise<T> {
  const ctx = await openNode({ chain: target, databaseUrl: process.env.DATABASE_URL });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** An epoch id from the command line: a positive integer. */
export function parseEpochId(text: string, flag: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) {
    throw new InvalidArgument(`${flag} takes an epoch id (a positive integer), got "${text}"`, {
      [flag]: text,
    });
  }
  return Number(text);
}

/**
 * The epoch that takes contributions (imports and submissions): `requested` if it is open, else the open
 * epoch, which is the latest epoch when it is open. With no epoch in the store it is epoch 1, which does
 * not exist yet (`exists` false): the caller opens it in the transaction that stores the contributions,
 * so a refused import leaves nothing behind.
 * @throws EpochNotInStore, EpochClosedToContributions for a requested epoch that is missing or not open;
 *   NoOpenEpoch when the latest epoch is not open
 */
export async function epochForContributions(
  store: Store,
  requested?: number,
): Promise<{ id: number; exists: boolean }> {
  const latest = await store.latestEpoch();
  if (latest === undefined && (requested ?? 1) === 1) return { id: 1, exists: false };
  if (requested === undefined) return { id: await openEpochId(store), exists: true };
  const epoch = await store.getEpoch(requested);
  if (epoch === undefined) {
    throw new EpochNotInStore(`there is no epoch ${requested}`, {
      epochId: requested,
      latest: latest?.id ?? "none",
    });
  }
  if (epoch.state !== "open") {
    throw new EpochClosedToContributions(
      `epoch ${requested} is ${epoch.state}: it takes no more contributions`,
      {
        epochId: requested,
        state: epoch.state,
        openEpoch: latest?.state === "open" ? latest.id : "none",
      },
    );
  }
  return { id: requested, exists: true };
}

/** The open epoch: the latest when it is open; epoch 1, opened now, when the store has none. */
async function openEpochId(store: Store): Promise<number> {
  const latest = await store.latestEpoch();
  if (latest === undefined) return (await store.openEpoch(1)).id;
  if (latest.state !== "open") {
    throw new NoOpenEpoch(`no epoch is open: the latest, epoch ${latest.id}, is ${latest.state}`, {
      latest: latest.id,
      state: latest.state,
    });
  }
  return latest.id;
}

/**
 * The oldest epoch in progress (past open, not finalized). Epochs settle in order, so below a finalized
 * epoch every epoch is finalized: the search stops there.
 */
async function epochInProgress(store: Store): Promise<number | undefined> {
  const latest = await store.latestEpoch();
  let found: number | undefined;
  for (let id = latest?.id ?? 0; id >= 1; id--) {
    const epoch = await store.getEpoch(id);
    if (epoch === undefined || epoch.state === "finalized") break;
    if (epoch.state !== "open") found = id;
  }
  return found;
}

/** What run, propose and finalize take by default: the oldest epoch in progress, else the open epoch. */
async function epochToRun(store: Store): Promise<number> {
  return (await epochInProgress(store)) ?? openEpochId(store);
}

async function mustGetEpoch(store: Store, id: number): Promise<EpochRecord> {
  const epoch = await store.getEpoch(id);
  if (epoch === undefined) {
    const latest = await store.latestEpoch();
    throw new EpochNotInStore(`there is no epoch ${id}`, { epochId: id, latest: latest?.id ?? "none" });
  }
  return epoch;
}

function parseUntil(value: string | undefined): EpochState {
  if (value === undefined) return "proposed";
  if (!(TARGETS as readonly string[]).includes(value)) {
    throw new InvalidArgument(`--until takes one of ${TARGETS.join(", ")}, got "${value}"`, { until: value });
  }
  return value as EpochState;
}

function parseSeconds(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) {
    throw new InvalidArgument(`--advance-time takes a number of seconds, got "${value}"`, { value });
  }
  return Number(value);
}

/** Runs `epoch` up to `target`, printing each step, and ends with its status. */
async function advance(
  ctx: NodeContext,
  out: Output,
  epoch: EpochRecord,
  target: EpochState,
  advanceSeconds: number | undefined,
): Promise<void> {
  const say = (text: string) => {
    if (!out.json) out.line(text);
  };
  const at = (state: EpochState) => ORDER.indexOf(state === "vetoed" ? "assessed" : state);
  if (at(epoch.state) >= at(target) && advanceSeconds === undefined) {
    say(`epoch ${epoch.id} is already ${epoch.state}`);
  }
  let progress: Progress | undefined;
  const onProgress = (finished: number, total: number) => {
    progress ??= createProgress(`epoch ${epoch.id}: assessing`, total);
    progress.update(finished);
  };
  const onStep = (next: EpochRecord) => {
    if (next.state === "assessed") progress?.finish();
    say(stepLine(next));
  };
  let current: EpochRecord;
  try {
    if (advanceSeconds === undefined) {
      current = await runEpoch(ctx, epoch.id, { until: target, onProgress, onStep });
    } else {
      current = await runEpoch(ctx, epoch.id, { until: "proposed", onProgress, onStep });
      const { advanceTime } = ctx.chain;
      if (advanceTime === undefined) {
        throw new AdvanceTimeNeedsEmbeddedChain("--advance-time works on the embedded chain only", {});
      }
      await advanceTime(advanceSeconds);
      say(`moved the embedded chain's clock ${advanceSeconds} s forward (development aid)`);
      current = await runEpoch(ctx, epoch.id, { until: target, onProgress, onStep });
    }
  } catch (error) {
    if (error instanceof ChallengeWindowOpen) {
      const endsAt = Number(error.details.endsAt);
      const now = Number(error.details.now);
      say(
        `epoch ${epoch.id} is proposed; its challenge window ends ${isoTime(endsAt)} (in ${duration(endsAt - now)}): finalize it after that`,
      );
    }
    throw error;
  }
  if (current.state === "closed" && epoch.state === "open") {
    const closed = await readClosed(ctx.store, current.id);
    say(
      `epoch ${current.id} holds ${closed.contributionIds.length} contribution(s); epoch ${current.id + 1} is open`,
    );
  }
  const status = await epochStatus(ctx, current);
  out.result(status, () => {
    const next = nextStep(status);
    if (next !== undefined) out.line(next);
  });
}

/** One line for a step just completed. */
function stepLine(epoch: EpochRecord): string {
  const id = epoch.id;
  switch (epoch.state) {
    case "closed":
      return `epoch ${id} closed under config ${epoch.configHash ?? "?"}`;
    case "assessed":
      return `epoch ${id} assessed`;
    case "allocated":
      return `epoch ${id} allocated: root ${epoch.root ?? "?"}, report ${epoch.reportHash ?? "?"}`;
    case "proposed":
      return `epoch ${id} proposed on chain${epoch.txHashes.propose ? ` (tx ${epoch.txHashes.propose})` : ""}`;
    case "finalized":
      return `epoch ${id} finalized on chain${epoch.txHashes.finalize ? ` (tx ${epoch.txHashes.finalize})` : ""}`;
    case "vetoed":
      return `epoch ${id} was vetoed on chain: \`guild epoch run ${id}\` allocates it again`;
    case "open":
      return `epoch ${id} is open`;
  }
}

function nextStep(status: EpochStatus): string | undefined {
  const id = status.id;
  switch (status.state) {
    case "closed":
    case "assessed":
    case "allocated":
    case "vetoed":
      return `next: guild epoch run ${id}`;
    case "proposed":
      return `the challenge window ends ${isoTime(status.onChain.challengeEndsAt)}; then: guild epoch finalize ${id}`;
    case "finalized":
      return `recipients can claim now: guild claim --account <address>; the report: guild report ${id}`;
    case "open":
      return undefined;
  }
}

/** What `guild epoch status` shows of one epoch (and prints as JSON). Times are unix seconds. */
export interface EpochStatus {
  id: number;
  state: EpochState;
  /** Unix seconds when the epoch last entered each state it has been in. */
  enteredAt: Partial<Record<EpochState, number>>;
  contributions: number;
  jobs: { done: number; failed: number; queued: number; leased: number };
  root: string | null;
  reportHash: string | null;
  reportPath: string | null;
  txHashes: Readonly<Record<string, string>>;
  onChain: {
    state: string;
    root: string;
    reportHash: string;
    /** Base units. */
    total: bigint;
    reputationTotal: bigint;
    /** Unix seconds; 0 before the epoch is proposed. */
    challengeEndsAt: number;
  };
}

async function epochStatus(ctx: NodeContext, epoch: EpochRecord): Promise<EpochStatus> {
  const [contributions, jobs, allocated, onChain] = await Promise.all([
    ctx.store.listContributions(epoch.id),
    ctx.store.listJobs({ epochId: epoch.id }),
    readAllocated(ctx.store, epoch.id),
    readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, BigInt(epoch.id)),
  ]);
  const count = (status: string) => jobs.filter((j) => j.status === status).length;
  return {
    id: epoch.id,
    state: epoch.state,
    enteredAt: epoch.enteredAt,
    contributions: contributions.length,
    jobs: { done: count("done"), failed: count("failed"), queued: count("queued"), leased: count("leased") },
    root: epoch.root ?? null,
    reportHash: epoch.reportHash ?? null,
    reportPath: allocated?.reportPath ?? null,
    txHashes: epoch.txHashes,
    onChain: {
      state: onChain.stateName,
      root: onChain.root,
      reportHash: onChain.reportHash,
      total: onChain.total,
      reputationTotal: onChain.reputationTotal,
      challengeEndsAt: Number(onChain.challengeEndsAt),
    },
  };
}

function printStatus(out: Output, s: EpochStatus): void {
  const rows: [string, string][] = [
    [
      "entered",
      [...ORDER, "vetoed" as const]
        .filter((state) => s.enteredAt[state] !== undefined)
        .map((state) => `${state} ${isoTime(s.enteredAt[state] ?? 0)}`)
        .join(", "),
    ],
    ["contributions", String(s.contributions)],
    [
      "jobs",
      `${s.jobs.done} done, ${s.jobs.failed} failed${s.jobs.queued + s.jobs.leased > 0 ? `, ${s.jobs.queued + s.jobs.leased} waiting` : ""}`,
    ],
  ];
  if (s.root !== null) rows.push(["root", s.root]);
  if (s.reportHash !== null) rows.push(["report hash", s.reportHash]);
  if (s.reportPath !== null) rows.push(["report", s.reportPath]);
  for (const [what, hash] of Object.entries(s.txHashes)) rows.push([`${what} tx`, hash]);
  rows.push(["on chain", onChainText(s)]);
  out.line(`Epoch ${s.id}: ${s.state}`);
  for (const [label, value] of rows) out.line(`  ${label.padEnd(14)} ${value}`);
}

function onChainText(s: EpochStatus): string {
  const { onChain } = s;
  if (onChain.state === "None") return "not proposed";
  const mismatch =
    s.root !== null && onChain.root.toLowerCase() !== s.root.toLowerCase()
      ? " (another root than the store's!)"
      : "";
  if (onChain.state === "Proposed")
    return `Proposed; challenge window ends ${isoTime(onChain.challengeEndsAt)}${mismatch}`;
  return `${onChain.state}${mismatch}`;
}

async function printAll(ctx: NodeContext, out: Output): Promise<void> {
  const latest = await ctx.store.latestEpoch();
  const statuses: EpochStatus[] = [];
  for (let id = 1; id <= (latest?.id ?? 0); id++) {
    const epoch = await ctx.store.getEpoch(id);
    if (epoch !== undefined) statuses.push(await epochStatus(ctx, epoch));
  }
  out.result(statuses, () => {
    if (statuses.length === 0) {
      out.line("no epoch yet");
      return;
    }
    out.line(
      renderTable(
        [
          { header: "epoch", value: (s: EpochStatus) => String(s.id), align: "right" },
          { header: "state", value: (s) => s.state },
          { header: "since", value: (s) => isoTime(s.enteredAt[s.state] ?? 0) },
          { header: "contributions", value: (s) => String(s.contributions), align: "right" },
          { header: "jobs done", value: (s) => String(s.jobs.done), align: "right" },
          { header: "failed", value: (s) => String(s.jobs.failed), align: "right" },
          { header: "root", value: (s) => (s.root === null ? "-" : `${s.root.slice(0, 10)}…`) },
          { header: "on chain", value: (s) => (s.onChain.state === "None" ? "-" : s.onChain.state) },
        ],
        statuses,
      ),
    );
  });
}

/** Unix seconds as an ISO 8601 UTC time, to the second. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A span of seconds for people: `3 days 23 hours`, `12 minutes`. */
export function duration(seconds: number): string {
  const parts: string[] = [];
  let left = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ] as const) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  return parts.length === 0 ? `${left} second${left === 1 ? "" : "s"}` : parts.join(" ");
}
