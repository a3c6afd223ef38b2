// Epoch benchmark: a whole epoch on embedded defaults (embedded chain + PGlite in a fresh temp data dir)
// at 10,000 contributions from 1,000 contributors and at 100,000 from 10,000, each stage timed:
// insert, close, assess, allocate, propose, finalize, one claim. Writes bench/results/epoch.json. The
// targets (100,000 in at most 60 s and 1 GiB, ten times the work in at most twelve times the time) count
// the epoch's work from closing to the first claim; bringing the contributions in is reported apart.
// Run with `npm run bench:epoch` (or `scripts/with-node24.sh node bench/epoch.ts`).
//
// Each scale runs in its own child process (this file with `--contributions N --contributors M`), so
// its peak RSS (the kernel's maxRSS) is its own and the first scale's heap does not weigh on the second.
// Both start cold (JIT warm-up included), which weighs more on the smaller run's seconds. Stage seconds
// are wall clock on a machine others may be using: CPU seconds and the load average are recorded too.
// A stage that fails (at 100,000 the allocation's report is too large for PGlite) ends that scale's run;
// the stages before it and the failure are recorded, and the targets it could not reach count as missed.
//
// The guild: defaultParams with budgetPerEpoch 10,000,000 tokens (1,000 per contributor at 10,000),
// initialSupply 100,000,000 tokens (so the treasury funds the epoch), capBps 100 (1% of the budget: the
// caps of 10,000 recipients hold 100× the budget, of 1,000 still 10×, so CapTooLow cannot happen and
// the cap binds only the few largest), floorAmount 1 token (far under any contributor's share, so nearly
// everyone gets a leaf), replicationFactor 1 (the signals evaluator is deterministic: replicas would
// agree by construction and only multiply the work).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { getAddress, keccak256, parseEther, stringToBytes } from "viem";
import { connectChain } from "../src/chain/connectChain.ts";
import { defaultParams } from "../src/chain/defaultParams.ts";
import { initGuild } from "../src/chain/initGuild.ts";
import { claim, readEpoch, tokenBalance } from "../src/chain/settlement.ts";
import type {
  Contribution,
  ContributionContent,
  ContributionKind,
} from "../src/core/contribution/contribution.ts";
import { contributionId } from "../src/core/contribution/contribution.ts";
import { buildPayoutTree } from "../src/core/merkle/payoutTree.ts";
import { allocateEpoch } from "../src/node/epoch/allocateEpoch.ts";
import { assessEpoch } from "../src/node/epoch/assessEpoch.ts";
import { closeEpoch } from "../src/node/epoch/closeEpoch.ts";
import { finalizeProposedEpoch, proposeAllocatedEpoch } from "../src/node/epoch/settleEpoch.ts";
import { DEFAULT_ASSESSMENT, openNode } from "../src/node/openNode.ts";
import { openStore } from "../src/store/openStore.ts";

const SEED = 0x65706f63; // "epoc"
const SCALES = [
  { contributions: 10_000, contributors: 1_000 },
  { contributions: 100_000, contributors: 10_000 },
] as const;
/** Contributions generated and inserted per batch, so the generated text never sits in memory all at once. */
const GENERATE_BATCH = 2_000;
/** The scales run with the V8 flags bin/guild.js starts the node with (see there for why). */
const NODE_FLAGS = [...new Set([...process.execArgv, "--liftoff-only"])];
const STAGES = ["insert", "close", "assess", "allocate", "propose", "finalize", "claim"] as const;
type Stage = (typeof STAGES)[number];
/** The stages the targets count: all but insert. */
const EPOCH_STAGES = STAGES.filter((s) => s !== "insert");

const started = performance.now();
const log = (text: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${text}\n`);
const seconds = (from: number, to: number): number => Math.round(to - from) / 1000;
const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);
/** The process's memory now: resident, JavaScript heap, and memory outside the heap (PGlite's WebAssembly). */
const memory = (): string => {
  const m = process.memoryUsage();
  return `RSS ${mib(m.rss)} MiB (heap ${mib(m.heapUsed)}, external ${mib(m.external)}; peak so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB)`;
};

/** What one scale's child process reports on stdout: the stages it finished, and the one that failed. */
interface ScaleResult {
  contributions: number;
  contributors: number;
  /** Wall-clock seconds of each stage that finished. */
  stageSeconds: Partial<Record<Stage, number>>;
  /** CPU seconds (user + system, every thread) of each stage that finished. */
  stageCpuSeconds: Partial<Record<Stage, number>>;
  generateSeconds: number;
  recipients?: number;
  /** Size of the epoch report the allocation wrote (reports/epoch-1.json), when it got that far. */
  reportMiB?: number;
  peakRssMiB: number;
  failure?: { stage: Stage | "setup"; afterSeconds: number; error: string };
}

async function main(): Promise<void> {
  const loadAverageAtStart = round2(loadavg()[0] ?? 0);
  const results: ScaleResult[] = [];
  for (const scale of SCALES) {
    log(`${scale.contributions} contributions from ${scale.contributors} contributors (child process)…`);
    const child = spawnSync(
      process.execPath,
      [
        ...NODE_FLAGS,
        import.meta.filename,
        "--contributions",
        String(scale.contributions),
        "--contributors",
        String(scale.contributors),
      ],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 20 },
    );
    const last = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status === 0 && last.startsWith("{")) {
      results.push(JSON.parse(last) as ScaleResult);
    } else {
      results.push({
        ...scale,
        stageSeconds: {},
        stageCpuSeconds: {},
        generateSeconds: 0,
        peakRssMiB: 0,
        failure: {
          stage: "setup",
          afterSeconds: 0,
          error: `the child process died (exit ${child.status}, signal ${child.signal})`,
        },
      });
    }
  }
  const [small, large] = results as [ScaleResult, ScaleResult];
  // The epoch's work, as the target counts it: assessment, allocation and settlement, from closing the
  // epoch to the first claim. Bringing contributions in (insert) is an import's work, reported apart.
  const total = (r: ScaleResult) =>
    r.failure === undefined
      ? round3(EPOCH_STAGES.reduce((sum, s) => sum + (r.stageSeconds[s] ?? 0), 0))
      : undefined;
  const withInsert = (r: ScaleResult) =>
    r.failure === undefined
      ? round3(STAGES.reduce((sum, s) => sum + (r.stageSeconds[s] ?? 0), 0))
      : undefined;
  const cpu = (r: ScaleResult) =>
    round3(EPOCH_STAGES.reduce((sum, s) => sum + (r.stageCpuSeconds[s] ?? 0), 0));
  const totalSmall = total(small);
  const totalLarge = total(large);
  const scalingRatio =
    totalSmall === undefined || totalLarge === undefined ? undefined : round2(totalLarge / totalSmall);
  // The same ratio over the stages both scales finished: how those stages scale even when a run failed.
  const both = EPOCH_STAGES.filter(
    (s) => small.stageSeconds[s] !== undefined && large.stageSeconds[s] !== undefined,
  );
  const sum = (r: ScaleResult) => both.reduce((acc, s) => acc + (r.stageSeconds[s] ?? 0), 0);
  const scalingRatioStagesBothFinished = both.length === 0 ? undefined : round2(sum(large) / sum(small));
  const peakRssMiB = Math.max(small.peakRssMiB, large.peakRssMiB);
  const targetsMet = {
    total100kUnder60s: totalLarge !== undefined && totalLarge <= 60,
    rssUnder1GiB: peakRssMiB <= 1024,
    scalingUnder12x: scalingRatio !== undefined && scalingRatio <= 12,
  };
  const perScale = (r: ScaleResult, suffix: string) => ({
    ...Object.fromEntries(
      STAGES.flatMap((s) => {
        const value = r.stageSeconds[s];
        return value === undefined ? [] : [[`${s}Seconds${suffix}`, value]];
      }),
    ),
    [`totalSeconds${suffix}`]: total(r),
    [`totalWithInsertSeconds${suffix}`]: withInsert(r),
    [`totalCpuSeconds${suffix}`]: cpu(r),
    [`generateSeconds${suffix}`]: r.generateSeconds,
    [`recipients${suffix}`]: r.recipients,
    [`reportMiB${suffix}`]: r.reportMiB,
    [`peakRssMiB${suffix}`]: r.peakRssMiB,
    [`failedStage${suffix}`]: r.failure?.stage,
    [`failedAfterSeconds${suffix}`]: r.failure?.afterSeconds,
    [`failure${suffix}`]: r.failure?.error,
  });
  const result = {
    ...perScale(small, "10k"),
    ...perScale(large, "100k"),
    peakRssMiB,
    scalingRatio,
    scalingRatioStagesBothFinished,
    stagesBothFinished: both.length,
    targetsMet,
    loadAverageAtStart,
    loadAverageAtEnd: round2(loadavg()[0] ?? 0),
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "epoch.json");
  // Keys whose value is undefined (a stage not reached) are left out.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);

  const cell = (r: ScaleResult, stage: Stage) => {
    const value = r.stageSeconds[stage];
    if (value !== undefined) return value.toFixed(2).padStart(10);
    return (r.failure?.stage === stage ? "FAILED" : "—").padStart(10);
  };
  const text = (value: number | undefined, unit = "") =>
    (value === undefined ? "—" : `${value.toFixed(unit === "" ? 2 : 0)}${unit}`).padStart(10);
  const rows = [
    ...STAGES.map((s) => `${s.padEnd(10)}${cell(small, s)}${cell(large, s)}`),
    `${"total".padEnd(10)}${text(totalSmall)}${text(totalLarge)}   ${scalingRatio ?? "—"}× (target ≤ 12×; close to claim, insert apart)`,
    `${"+ insert".padEnd(10)}${text(withInsert(small))}${text(withInsert(large))}`,
    `${"finished".padEnd(10)}${text(both.length === 0 ? undefined : sum(small))}${text(both.length === 0 ? undefined : sum(large))}   ${scalingRatioStagesBothFinished ?? "—"}× (stages both runs finished: ${both.join(", ")})`,
    `${"CPU".padEnd(10)}${text(cpu(small))}${text(cpu(large))}`,
    `${"peak RSS".padEnd(10)}${text(small.peakRssMiB, " MiB")}${text(large.peakRssMiB, " MiB")}`,
  ];
  const failures = results.flatMap((r) =>
    r.failure === undefined
      ? []
      : [
          `${r.contributions}: ${r.failure.stage} failed after ${r.failure.afterSeconds} s: ${r.failure.error}`,
        ],
  );
  console.log(`
stage         10k s    100k s
${rows.join("\n")}
${failures.join("\n")}${failures.length > 0 ? "\n" : ""}targets met: ${JSON.stringify(targetsMet)}; load average ${loadAverageAtStart} at start, ${result.loadAverageAtEnd} at end; node ${process.version}
`);
  if (Object.values(targetsMet).some((met) => !met)) process.exitCode = 1;
}

/**
 * One epoch of `count` contributions from `contributors` contributors, in a fresh data directory. A
 * stage that throws ends the run: the stages before it are reported, and the failure.
 */
async function runScale(count: number, contributors: number): Promise<ScaleResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-bench-epoch-"));
  const result: ScaleResult = {
    contributions: count,
    contributors,
    stageSeconds: {},
    stageCpuSeconds: {},
    generateSeconds: 0,
    peakRssMiB: 0,
  };
  let stage: Stage | "setup" = "setup";
  let stageStart = performance.now();
  const time = async <T>(name: Stage, fn: () => Promise<T>): Promise<T> => {
    stage = name;
    stageStart = performance.now();
    const cpu0 = process.cpuUsage();
    const value = await fn();
    const cpu = process.cpuUsage(cpu0);
    result.stageSeconds[name] = seconds(stageStart, performance.now());
    result.stageCpuSeconds[name] = round3((cpu.user + cpu.system) / 1e6);
    log(`${count}: ${name} ${result.stageSeconds[name]} s, ${memory()}`);
    return value;
  };
  try {
    // The guild is founded in a child process, as `guild init` founds it before any node runs: creating
    // the embedded database (initdb) takes far more memory than the node then needs, and is not epoch work.
    const founded = spawnSync(process.execPath, [...NODE_FLAGS, import.meta.filename, "--found", dataDir], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (founded.status !== 0) throw new Error(`founding the guild failed (exit ${founded.status})`);
    const ctx = await openNode({ chain: { dataDir } });
    try {
      await ctx.store.openEpoch(1);
      log(`${count}: node open, ${memory()}`);

      // Generation is not part of the epoch (it stands for reading a git history) and is timed apart;
      // batches keep the generated text from sitting in memory all at once.
      const generator = contributionGenerator(SEED, count, contributors);
      let generateMs = 0;
      let insertMs = 0;
      let insertCpuMicros = 0;
      stage = "insert";
      stageStart = performance.now();
      for (let done = 0; done < count; ) {
        const g0 = performance.now();
        const batch = generator.next(Math.min(GENERATE_BATCH, count - done));
        const i0 = performance.now();
        const cpu0 = process.cpuUsage();
        await ctx.store.insertContributions(batch);
        const cpu = process.cpuUsage(cpu0);
        insertCpuMicros += cpu.user + cpu.system;
        insertMs += performance.now() - i0;
        generateMs += i0 - g0;
        done += batch.length;
        if (process.env.BENCH_TRACE) log(`insert ${done}: ${memory()}`);
      }
      result.generateSeconds = seconds(0, generateMs);
      result.stageSeconds.insert = seconds(0, insertMs);
      result.stageCpuSeconds.insert = round3(insertCpuMicros / 1e6);
      log(
        `${count}: generated in ${result.generateSeconds} s; insert ${result.stageSeconds.insert} s, ${memory()}`,
      );

      await time("close", () => closeEpoch(ctx, 1));
      await time("assess", () => assessEpoch(ctx, 1));
      try {
        await time("allocate", () => allocateEpoch(ctx, 1));
      } finally {
        const reportPath = join(dataDir, "reports", "epoch-1.json");
        if (existsSync(reportPath)) result.reportMiB = round2(statSync(reportPath).size / 1024 / 1024);
      }
      await time("propose", () => proposeAllocatedEpoch(ctx, 1));
      const finalized = await time("finalize", async () => {
        const { token } = ctx.manifest.contracts;
        const onChain = await readEpoch(ctx.chain.publicClient, token, 1n);
        const now = (await ctx.chain.publicClient.getBlock()).timestamp;
        await ctx.chain.advanceTime?.(Number(BigInt(onChain.challengeEndsAt) - now));
        return finalizeProposedEpoch(ctx, 1);
      });
      if (finalized.state !== "finalized") throw new Error(`epoch 1 is ${finalized.state}, not finalized`);

      // One claim as a claimer's helper makes it: the epoch's leaves from the store, the tree, a proof.
      const paid = await time("claim", async () => {
        const leaves = (await ctx.store.listPayouts(1)).map((p) => ({
          account: p.recipient,
          cumulativeAmount: p.cumulativeAmount,
          cumulativeReputation: p.cumulativeReputation,
        }));
        const tree = buildPayoutTree(leaves);
        if (tree.root !== finalized.root) throw new Error("the stored leaves do not give the epoch's root");
        const leaf = leaves[Math.floor(leaves.length / 2)];
        if (leaf === undefined) throw new Error("no leaves");
        await claim(ctx.chain.publicClient, ctx.chain.walletClient, ctx.manifest.contracts.token, {
          ...leaf,
          proof: tree.proof(leaf.account),
        });
        return { account: leaf.account, amount: leaf.cumulativeAmount, leaves: leaves.length };
      });
      const balance = await tokenBalance(ctx.chain.publicClient, ctx.manifest.contracts.token, paid.account);
      if (balance !== paid.amount) throw new Error(`claimed ${balance}, expected ${paid.amount}`);
      result.recipients = paid.leaves;
    } finally {
      await ctx.close();
    }
  } catch (error) {
    const detail = (error as { details?: { detail?: unknown } }).details?.detail;
    const message = error instanceof Error ? error.message : String(error);
    result.failure = {
      stage,
      afterSeconds: seconds(stageStart, performance.now()),
      error: typeof detail === "string" ? `${message} (${detail})` : message,
    };
    log(`${count}: ${stage} failed: ${result.failure.error}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  result.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  return result;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Deterministic contributions like a git import's (importGitHistory): kind from the files touched,
 * title a commit subject, description a commit body (paragraphs, lists, sometimes a link), links the
 * commit's page, metrics `{ filesChanged, linesAdded, linesDeleted, testsTouched, docsTouched, isMerge }`,
 * source `{ kind: "git", repository, commit }`. Contributor `i` is the address keccak256("guild-bench/
 * <seed>/<i>")[12:]; every contributor has at least one contribution, the rest go to contributors with a
 * quadratic skew (a few prolific, a long tail), as in real histories. mulberry32 from `seed`.
 */
function contributionGenerator(seed: number, count: number, contributors: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const unit = () => next() / 2 ** 32;
  const int = (lo: number, hi: number) => lo + Math.floor(unit() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(unit() * items.length)] as T;
  const hex = (chars: number) => {
    let out = "";
    while (out.length < chars) out += next().toString(16).padStart(8, "0");
    return out.slice(0, chars);
  };
  const addresses: Address[] = [];
  for (let i = 0; i < contributors; i++) {
    addresses.push(getAddress(`0x${keccak256(stringToBytes(`guild-bench/${seed}/${i}`)).slice(26)}`));
  }
  const repositories = Array.from(
    { length: 12 },
    (_, i) => `https://github.com/guild-bench/${REPOS[i % REPOS.length]}`,
  );
  const sentence = () => {
    const words = Array.from({ length: int(6, 18) }, () => pick(WORDS));
    const text = words.join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: int(1, 4) }, sentence).join(" ");
  const description = (kind: ContributionKind): string => {
    const blocks: string[] = [];
    const paragraphs = kind === "research" ? int(3, 7) : int(0, 3);
    for (let p = 0; p < paragraphs; p++) blocks.push(paragraph());
    if (unit() < 0.4) {
      blocks.push(Array.from({ length: int(2, 6) }, () => `- ${sentence()}`).join("\n"));
    }
    if (unit() < 0.25)
      blocks.push(`See https://github.com/guild-bench/issues/${int(1, 9_999)} for the discussion.`);
    return blocks.join("\n\n");
  };
  let made = 0;
  const baseTime = 1_767_225_600; // 2026-01-01T00:00:00Z: contributions spread over the week after
  return {
    next(size: number): Contribution[] {
      const batch: Contribution[] = [];
      for (let k = 0; k < size; k++, made++) {
        const who = made < contributors ? made : Math.floor(contributors * unit() ** 2);
        const kind = pick(KINDS);
        const filesChanged = kind === "review" ? int(0, 3) : Math.max(1, Math.round(Math.exp(unit() * 4)));
        const linesAdded = Math.round(Math.exp(unit() * 7)) * Math.min(filesChanged, 5);
        const isMerge = unit() < 0.05 ? 1 : 0;
        const repository = pick(repositories);
        const commit = hex(40);
        const content: ContributionContent = {
          epochId: 1,
          contributor: { kind: "address", address: addresses[who] as Address },
          kind,
          title: `${pick(VERBS)} ${pick(WORDS)} ${pick(WORDS)} in ${pick(MODULES)}`,
          description: description(kind),
          links: [`${repository}/commit/${commit}`],
          metrics: {
            filesChanged,
            linesAdded,
            linesDeleted: Math.round(linesAdded * unit()),
            testsTouched: kind === "code" ? int(0, filesChanged) : 0,
            docsTouched: kind === "docs" ? filesChanged : int(0, Math.min(1, filesChanged)),
            isMerge,
          },
          createdAt: baseTime + Math.floor((made / count) * 7 * 86_400),
        };
        batch.push({ ...content, id: contributionId(content), source: { kind: "git", repository, commit } });
      }
      return batch;
    },
  };
}

/** Kinds with the weight a real repository gives them (code most). */
const KINDS: readonly ContributionKind[] = [
  ...Array<ContributionKind>(11).fill("code"),
  "docs",
  "docs",
  "docs",
  "review",
  "review",
  "research",
  "design",
  "other",
  "other",
];
const VERBS = [
  "Fix",
  "Add",
  "Refactor",
  "Document",
  "Test",
  "Speed up",
  "Remove",
  "Rename",
  "Harden",
  "Support",
];
const MODULES = [
  "store",
  "chain",
  "cli",
  "assess",
  "allocation",
  "merkle",
  "ingest",
  "report",
  "worker",
  "api",
];
const REPOS = ["guild", "guild-contracts", "guild-dashboard", "guild-docs"];
const WORDS =
  `the a of to in for with on by from lease job queue worker store epoch claim proof leaf root tree
  budget cap floor payout reputation decay vote proposal timelock governor config hash report verdict rubric
  evaluator signal score consensus replica contribution contributor address identity mapping nonce signature
  transaction receipt block chain journal restart crash resume retry timeout error message test fixture
  snapshot benchmark memory allocation split exact rounding carry over lifetime balanced immediate share
  fairness gini lorenz nakamoto import git commit merge branch author mailmap round application grant
  metric stars forks releases docs readme guide tutorial example schema migration index query transaction
  savepoint rollback batch insert update delete select order limit skip locked postgres pglite database
  connection pool close open typed value bigint string number array object json canonical keccak encode
  decode parse format table progress bar output flag option default embedded server client request
  response handler route status code cache invalidate refresh compute parallel serial faster slower
  smaller larger simpler clearer safer because when while after before every each only never always
  now again still also instead without within across between under above`
    .split(/\s+/)
    .filter(Boolean);

/** Founds the benchmark's guild in `dataDir` and creates its store (what `guild init` does). */
async function found(dataDir: string): Promise<void> {
  const clients = await connectChain({ dataDir });
  const operator = clients.walletClient.account.address;
  await initGuild(
    clients,
    dataDir,
    {
      ...defaultParams(operator, [{ account: operator, reputation: parseEther("100") }], DEFAULT_ASSESSMENT),
      initialSupply: parseEther("100000000"),
      budgetPerEpoch: parseEther("10000000"),
      capBps: 100,
      floorAmount: parseEther("1"),
      replicationFactor: 1,
    },
    "embedded",
  );
  await clients.close();
  await (await openStore({ dataDir })).close();
}

// Last, so that every constant above is initialized before the top-level await runs.
const { values: args } = parseArgs({
  options: { contributions: { type: "string" }, contributors: { type: "string" }, found: { type: "string" } },
});
if (args.found !== undefined) {
  await found(args.found);
} else if (args.contributions !== undefined && args.contributors !== undefined) {
  const result = await runScale(Number(args.contributions), Number(args.contributors));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
