// `guild demo`: a whole guild on embedded defaults, start to finish, in a fresh data directory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { encodeFunctionData, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { connectChain } from "../../chain/connectChain.ts";
import { GuildConfig, Reputation } from "../../chain/contracts.generated.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { castVote, execute, propose, queue, VoteType } from "../../chain/governance.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { claim, tokenBalance } from "../../chain/settlement.ts";
import type { ContributionKind } from "../../core/contribution/contribution.ts";
import { signSubmission } from "../../core/contribution/signSubmission.ts";
import { GuildError } from "../../core/errors.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import { acceptSubmission } from "../../node/acceptSubmission.ts";
import { runEpoch } from "../../node/epoch/runEpoch.ts";
import { DEFAULT_ASSESSMENT, openNode } from "../../node/openNode.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { formatUnits18 } from "../output.ts";
import { createProgress } from "../progress.ts";
import { renderTable } from "../table.ts";

/** The demo needs the embedded chain's dev accounts and clock. */
export class DemoNeedsEmbeddedChain extends GuildError {}

export const demoHelp = `guild demo

Runs a whole guild on embedded defaults, in a fresh directory under --data-dir: deploys the contracts,
passes a governance vote that raises the per-recipient cap, takes signed contributions from eight
people, assesses them with the built-in evaluator, allocates the budget, settles the epoch on chain,
finalizes it after the challenge window, has every contributor claim, and prints who was paid what
and why, the fairness figures, and where the report is.
Uses the embedded chain's dev accounts (well-known keys: never use them on a real chain).`;

const DAY = 86_400;
const days = (seconds: number) => `${seconds / DAY} day${seconds === DAY ? "" : "s"}`;

/** The sample guild: dev account index, name, and the work they bring this epoch. */
const PEOPLE = [
  { index: 1, name: "alice" },
  { index: 2, name: "bob" },
  { index: 3, name: "carol" },
  { index: 4, name: "dave" },
  { index: 5, name: "erin" },
  { index: 6, name: "frank" },
  { index: 7, name: "grace" },
  { index: 8, name: "heidi" },
] as const;

interface SampleWork {
  who: (typeof PEOPLE)[number]["name"];
  kind: ContributionKind;
  title: string;
  description: string;
  links: string[];
  metrics: Record<string, number>;
}

const WORK: SampleWork[] = [
  {
    who: "alice",
    kind: "code",
    title: "Cumulative claims: one proof claims every unclaimed epoch",
    description:
      "Leaves now carry each account's cumulative payout and reputation, so a claim against the latest root pays what was not yet claimed.\n\n- Claims across five epochs cost the same as one.\n- The escrow bounds every root by what was funded.\n\nGas before and after is in the benchmark.",
    links: ["https://example.org/guild/pull/12", "https://example.org/guild/bench/gas"],
    metrics: { filesChanged: 9, linesAdded: 420, linesDeleted: 130, testsTouched: 4, docsTouched: 1 },
  },
  {
    who: "alice",
    kind: "review",
    title: "Review of the reputation decay design",
    description:
      "Checked the decay maths against a reference implementation and found one rounding path that double-decayed claimed reputation; proposed the fix that keeps claimed and balance on one timestamp.",
    links: ["https://example.org/guild/pull/15#review"],
    metrics: {},
  },
  {
    who: "bob",
    kind: "code",
    title: "Embedded chain survives kill -9",
    description:
      "A write-ahead journal of state-changing requests, replayed with the same block timestamps.\n\n1. Journal append and fsync before execution.\n2. A torn last line is dropped.\n3. A restart test kills the process mid-work.",
    links: ["https://example.org/guild/pull/9"],
    metrics: { filesChanged: 5, linesAdded: 310, linesDeleted: 20, testsTouched: 2, docsTouched: 1 },
  },
  {
    who: "bob",
    kind: "code",
    title: "Fix: restart test depended on the second it ran in",
    description:
      "Blocks may share a timestamp; the test now waits a second so a restored clock offset is told apart from a lost one.",
    links: [],
    metrics: { filesChanged: 1, linesAdded: 6, linesDeleted: 2, testsTouched: 1, docsTouched: 0 },
  },
  {
    who: "carol",
    kind: "docs",
    title: "Contributor guide: how your work is valued",
    description:
      "A guide for contributors.\n\n## What the evaluator reads\nTests, docs, the size of a change and the evidence you link.\n\n## How to read a verdict\nEach criterion has a score and a reason naming the numbers.\n\n## How to dispute\nOpen a dispute within the challenge window.",
    links: ["https://example.org/guild/docs/contributing"],
    metrics: { filesChanged: 3, linesAdded: 180, linesDeleted: 10, testsTouched: 0, docsTouched: 3 },
  },
  {
    who: "dave",
    kind: "code",
    title: "Importer handles renames and binary files",
    description:
      "git log --numstat output with renames and binary files is parsed; three importer bugs fixed.",
    links: ["https://example.org/guild/pull/21"],
    metrics: { filesChanged: 4, linesAdded: 95, linesDeleted: 40, testsTouched: 2, docsTouched: 0 },
  },
  {
    who: "erin",
    kind: "research",
    title: "Juror calibration: Bradley–Terry vs log-ratio least squares",
    description:
      "Compared two ways to fit evaluator weights to juror comparisons on the Deep Funding pairs.\n\n- Cross-validated by juror.\n- Log-ratio least squares agrees slightly more on held-out jurors.\n- Notes on informative pair selection.\n\nData and notebook linked.",
    links: ["https://example.org/research/calibration", "https://example.org/research/calibration/data"],
    metrics: {},
  },
  {
    who: "frank",
    kind: "docs",
    title: "Translate the README into Spanish",
    description: "Full translation of the README and the contributor guide, reviewed by a native speaker.",
    links: ["https://example.org/guild/docs/es"],
    metrics: { filesChanged: 2, linesAdded: 140, linesDeleted: 0, testsTouched: 0, docsTouched: 2 },
  },
  {
    who: "grace",
    kind: "design",
    title: "Dashboard wireframes for claims and juror checks",
    description: "Wireframes for the claim page and the one-pair-at-a-time juror flow, keyboard first.",
    links: ["https://example.org/design/claims"],
    metrics: { filesChanged: 6, linesAdded: 0, linesDeleted: 0 },
  },
  {
    who: "heidi",
    kind: "other",
    title: "Ran the community call",
    description: "Hosted the monthly call and wrote the notes.",
    links: [],
    metrics: {},
  },
];

export async function demoCommand(argv: string[], out: Output): Promise<void> {
  const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS });
  const options = globalOptions(values);
  if (options.rpcUrl !== undefined) {
    throw new DemoNeedsEmbeddedChain("guild demo runs on the embedded chain only; drop --rpc-url", {
      rpcUrl: options.rpcUrl,
    });
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const dataDir = join(options.dataDir, `demo-${stamp}`);
  const say = (text = "") => {
    if (!out.json) out.line(text);
  };
  const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const address = (index: number): Address => dev(index).address;
  const nameOf = new Map<string, string>(PEOPLE.map((p) => [address(p.index).toLowerCase(), p.name]));

  say("Guild demo — embedded chain and database, dev accounts (well-known keys, for this demo only)");
  say(`Data directory: ${dataDir}`);
  say();
  say("1. Founding the guild");
  const founding = await connectChain({ dataDir });
  const params = defaultParams(
    founding.walletClient.account.address,
    [
      { account: address(1), reputation: parseEther("100") },
      { account: address(2), reputation: parseEther("60") },
      { account: address(3), reputation: parseEther("40") },
    ],
    DEFAULT_ASSESSMENT,
  );
  try {
    await initGuild(founding, dataDir, params, "embedded");
  } finally {
    await founding.close();
  }
  say(`   contracts deployed; the treasury holds ${formatUnits18(params.initialSupply)} GUILD`);
  say("   founders: alice (100 rep), bob (60 rep), carol (40 rep); the node is dev account 0");

  const ctx = await openNode({ chain: { dataDir }, databaseUrl: process.env.DATABASE_URL });
  try {
    const { publicClient, devWallet, advanceTime } = ctx.chain;
    if (devWallet === undefined || advanceTime === undefined)
      throw new DemoNeedsEmbeddedChain("no dev accounts", {});
    const { config, governor, token, reputation } = ctx.manifest.contracts;

    say();
    say("2. Governance: raise the per-recipient cap from 20% to 30% of the budget");
    // The governor counts votes as of the second before a proposal: let the founding second pass.
    await advanceTime(1);
    const proposal = await propose(
      publicClient,
      devWallet(1),
      governor,
      [
        {
          target: config,
          value: 0n,
          data: encodeFunctionData({ abi: GuildConfig.abi, functionName: "setCapBps", args: [3000] }),
        },
      ],
      "Raise the per-recipient cap from 20% to 30% of the epoch budget",
    );
    await advanceTime(params.votingDelaySeconds + 1);
    await castVote(publicClient, devWallet(1), governor, proposal, VoteType.For);
    await castVote(publicClient, devWallet(2), governor, proposal, VoteType.For);
    await castVote(publicClient, devWallet(3), governor, proposal, VoteType.Against);
    say(`   alice and bob vote for, carol against; voting runs ${days(params.votingPeriodSeconds)}`);
    await advanceTime(params.votingPeriodSeconds);
    await queue(publicClient, devWallet(9), governor, proposal);
    await advanceTime(Number(params.timelockDelaySeconds));
    await execute(publicClient, devWallet(9), governor, proposal);
    const capBps = await publicClient.readContract({
      address: config,
      abi: GuildConfig.abi,
      functionName: "capBps",
    });
    say(
      `   passed, queued on the timelock for ${days(Number(params.timelockDelaySeconds))}, executed: capBps 2000 → ${capBps}`,
    );

    say();
    say(
      `3. Contributions: ${WORK.length} pieces of work from ${PEOPLE.length} people, each signed by its contributor (EIP-712)`,
    );
    await ctx.store.openEpoch(1);
    const domain = { chainId: ctx.manifest.chainId, verifyingContract: token };
    const deadline = Number((await publicClient.getBlock()).timestamp) + 3_600;
    for (const [i, work] of WORK.entries()) {
      const person = PEOPLE.find((p) => p.name === work.who);
      if (person === undefined) continue;
      const signed = await signSubmission(
        dev(person.index),
        {
          epochId: 1,
          kind: work.kind,
          title: work.title,
          description: work.description,
          links: work.links,
          metrics: work.metrics,
          nonce: BigInt(i + 1),
          deadline,
        },
        domain,
      );
      await acceptSubmission(ctx, JSON.parse(JSON.stringify(signed)));
    }

    say();
    say("4. Epoch 1: close, assess, allocate, propose on chain");
    const progress = createProgress("   assessing", WORK.length * params.replicationFactor, {
      quiet: out.json,
    });
    const proposed = await runEpoch(ctx, 1, { onProgress: (done) => progress.update(done) });
    progress.finish();
    say(`   proposed: root ${proposed.root}`);
    const challenge = (await ctx.store.getMeta("epoch/1/referenceTime")) as string;
    const now = (await publicClient.getBlock()).timestamp;
    await advanceTime(Number(BigInt(challenge) - now));
    say(
      `   no veto in the ${params.challengeWindowSeconds / DAY}-day challenge window (and its hour of margin)`,
    );
    const finalized = await runEpoch(ctx, 1, { until: "finalized" });
    say(`   ${finalized.state}: the epoch's total moved from the treasury into escrow`);

    say();
    say("5. Claims: each contributor claims with a Merkle proof (heidi's claim is relayed by someone else)");
    const payouts = await ctx.store.listPayouts(1);
    const tree = buildPayoutTree(
      payouts.map((p) => ({
        account: p.recipient,
        cumulativeAmount: p.cumulativeAmount,
        cumulativeReputation: p.cumulativeReputation,
      })),
    );
    for (const p of payouts) {
      const name = nameOf.get(p.recipient.toLowerCase());
      const person = PEOPLE.find((q) => q.name === name);
      const sender = person === undefined || person.name === "heidi" ? devWallet(9) : devWallet(person.index);
      await claim(publicClient, sender, token, {
        account: p.recipient,
        cumulativeAmount: p.cumulativeAmount,
        cumulativeReputation: p.cumulativeReputation,
        proof: tree.proof(p.recipient),
      });
    }

    // The whole report (the store keeps it without its lists of contributions and verdicts).
    const reportPath = join(dataDir, "reports", "epoch-1.json");
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as DemoReport;
    const balances = await Promise.all(
      report.allocation.recipients.map((r) => tokenBalance(publicClient, token, r.recipient as Address)),
    );
    const votes = await Promise.all(
      report.allocation.recipients.map((r) =>
        publicClient.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "getVotes",
          args: [r.recipient as Address],
        }),
      ),
    );
    const result = {
      dataDir,
      contracts: ctx.manifest.contracts,
      governance: { capBps },
      epoch: { id: 1, root: finalized.root, reportHash: finalized.reportHash, reportPath },
      payouts: report.allocation.recipients
        .map((r, i) => ({
          name: nameOf.get(r.recipient.toLowerCase()) ?? r.recipient,
          account: r.recipient,
          valueSharePpm: r.valueSharePpm,
          paid: balances[i] ?? 0n,
          votes: votes[i] ?? 0n,
          capped: r.capped,
          work: report.contributions
            .filter(
              (c) =>
                c.contributor.kind === "address" &&
                c.contributor.address.toLowerCase() === r.recipient.toLowerCase(),
            )
            .map((c) => ({
              title: c.title,
              overall: report.verdicts.find((v) => v.contributionId === c.id)?.overall ?? 0,
            })),
        }))
        .sort((a, b) => (a.paid === b.paid ? a.name.localeCompare(b.name) : a.paid > b.paid ? -1 : 1)),
      fairness: report.fairness,
    };
    out.result(result, () => {
      out.line();
      out.line(
        renderTable(
          [
            { header: "who", value: (r: (typeof result.payouts)[number]) => r.name },
            { header: "value", value: (r) => `${(r.valueSharePpm / 10_000).toFixed(1)}%`, align: "right" },
            { header: "paid (GUILD)", value: (r) => formatUnits18(r.paid ?? 0n), align: "right" },
            { header: "votes (gREP)", value: (r) => formatUnits18(r.votes ?? 0n), align: "right" },
          ],
          result.payouts,
        )
          .split("\n")
          .map((line) => `   ${line}`)
          .join("\n"),
      );
      out.line();
      out.line("   Why: each person's share of the epoch's value is the sum of their contributions' scores");
      out.line("   (0–100 on the published rubric; every score's reason is in the dashboard:");
      out.line(`   guild up --data-dir ${dataDir}):`);
      for (const r of result.payouts) {
        const work = r.work.map((w) => `"${w.title}" ${w.overall}`).join("; ");
        out.line(`   - ${r.name}: ${work}${r.capped ? " — capped" : ""}`);
      }
      const f = report.fairness.payouts;
      out.line();
      out.line(
        `   Fairness of payouts: Gini ${(f.giniPpm / 1e6).toFixed(3)}, Nakamoto coefficient ${f.nakamotoCoefficient}, top-10 share ${(f.top10SharePpm / 1e4).toFixed(1)}%`,
      );
      const v = report.fairness.votingPower;
      out.line(
        `   Fairness of voting power: Gini ${(v.giniPpm / 1e6).toFixed(3)}, Nakamoto coefficient ${v.nakamotoCoefficient}, top-10 share ${(v.top10SharePpm / 1e4).toFixed(1)}%`,
      );
      out.line(
        `   Paid exactly ${formatUnits18(BigInt(report.allocation.totalPaid))} GUILD of a ${formatUnits18(BigInt(report.allocation.budget))} budget.`,
      );
      out.line(`   Report: ${reportPath}`);
      out.line(
        `   (keccak256 ${finalized.reportHash}, on chain with the root; each verdict named by its hash)`,
      );
    });
  } finally {
    await ctx.close();
  }
}

interface DemoReport {
  contributions: { id: string; title: string; contributor: { kind: string; address: string } }[];
  verdicts: { contributionId: string; overall: number }[];
  allocation: {
    budget: string;
    totalPaid: string;
    recipients: { recipient: string; valueSharePpm: number; capped: boolean }[];
  };
  fairness: {
    payouts: { giniPpm: number; nakamotoCoefficient: number; top10SharePpm: number };
    votingPower: { giniPpm: number; nakamotoCoefficient: number; top10SharePpm: number };
  };
}
