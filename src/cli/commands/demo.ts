// `guild demo`: a whole guild on embedded defaults, start to finish, in a fresh data directory.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { encodeFunctionData, formatEther, keccak256, parseEther, stringToBytes } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { GuildConfig, Reputation } from "../../chain/contracts.generated.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { castVote, execute, propose, queue, VoteType } from "../../chain/governance.ts";
import { initGuild } from "../../chain/initGuild.ts";
import {
  claim,
  finalizeEpoch,
  nextChallengeEnd,
  proposeEpoch,
  tokenBalance,
} from "../../chain/settlement.ts";
import { capShares } from "../../core/allocation/capShares.ts";
import { GuildError } from "../../core/errors.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { DEFAULT_ASSESSMENT } from "../../node/openNode.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";

import { formatUnits18 } from "../output.ts";

/** The demo needs the embedded chain's dev accounts and clock. */
export class DemoNeedsEmbeddedChain extends GuildError {}

export const demoHelp = `guild demo

Runs a whole guild on embedded defaults, in a fresh directory under --data-dir: deploys the contracts,
passes a governance vote that raises the per-recipient cap, settles one epoch of sample contributions
on chain, has every contributor claim, and prints who was paid what and why.
Uses the embedded chain's dev accounts (well-known keys: never use them on a real chain).`;

/** The sample cast: dev account index, name, and what they did this epoch with its value in points. */
const CAST = [
  { index: 1, name: "alice", work: "led the v2 settlement design and review", points: 300n },
  { index: 2, name: "bob", work: "implemented the claim flow and its tests", points: 260n },
  { index: 3, name: "carol", work: "wrote the contributor guide", points: 120n },
  { index: 4, name: "dave", work: "fixed three bugs in the importer", points: 90n },
  { index: 5, name: "erin", work: "researched juror calibration", points: 140n },
  { index: 6, name: "frank", work: "translated the docs", points: 40n },
] as const;
const NODE = 9;
const RELAYER = 7;
const DAY = 86_400;
const days = (seconds: number) => `${seconds / DAY} day${seconds === DAY ? "" : "s"}`;

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
  const clients = await connectChain({ dataDir });
  const { publicClient, devWallet, advanceTime } = clients;
  if (devWallet === undefined || advanceTime === undefined)
    throw new DemoNeedsEmbeddedChain("no dev accounts");
  const say = (text = "") => {
    if (!out.json) out.line(text);
  };
  try {
    const address = (index: number) => devWallet(index).account.address;
    const founders = CAST.slice(0, 3).map((m, i) => ({
      account: address(m.index),
      reputation: parseEther(["100", "60", "40"][i] ?? "0"),
    }));
    const params = { ...defaultParams(address(NODE), founders, DEFAULT_ASSESSMENT) };

    say("Guild demo — embedded chain, dev accounts (well-known keys, for this demo only)");
    say(`Data directory: ${dataDir}`);
    say();
    say("1. Founding the guild");
    const manifest = await initGuild(clients, dataDir, params, "embedded");
    const { token, config, governor, reputation, timelock } = manifest.contracts;
    say(`   contracts deployed; treasury holds ${formatEther(params.initialSupply)} GUILD`);
    // The governor counts votes as of the second before a proposal: let the founding second pass.
    await advanceTime(1);
    say(
      `   founders: ${CAST.slice(0, 3)
        .map((m, i) => `${m.name} (${["100", "60", "40"][i]} rep)`)
        .join(", ")}`,
    );

    say();
    say("2. Governance: raise the per-recipient cap from 20% to 30%");
    const capBefore = await publicClient.readContract({
      address: config,
      abi: GuildConfig.abi,
      functionName: "capBps",
    });
    const description = "Raise the per-recipient cap from 20% to 30% of the epoch budget";
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
      description,
    );
    await advanceTime(params.votingDelaySeconds + 1);
    await castVote(publicClient, devWallet(1), governor, proposal, VoteType.For);
    await castVote(publicClient, devWallet(2), governor, proposal, VoteType.For);
    await castVote(publicClient, devWallet(3), governor, proposal, VoteType.Against);
    say(`   alice and bob vote for, carol against; voting runs ${days(params.votingPeriodSeconds)}`);
    await advanceTime(params.votingPeriodSeconds);
    await queue(publicClient, devWallet(RELAYER), governor, proposal);
    say(
      `   passed and queued on the timelock; executable after ${days(Number(params.timelockDelaySeconds))}`,
    );
    await advanceTime(Number(params.timelockDelaySeconds));
    await execute(publicClient, devWallet(RELAYER), governor, proposal);
    const capAfter = await publicClient.readContract({
      address: config,
      abi: GuildConfig.abi,
      functionName: "capBps",
    });
    say(`   executed: capBps ${capBefore} → ${capAfter}`);

    say();
    say(
      "3. Epoch 1: sample contributions, valued in points, paid pro-rata under the cap and settled on chain",
    );
    const [budget, configHash] = await Promise.all([
      publicClient.readContract({ address: config, abi: GuildConfig.abi, functionName: "budgetPerEpoch" }),
      publicClient.readContract({ address: config, abi: GuildConfig.abi, functionName: "configHash" }),
    ]);
    const payouts = capShares(
      budget,
      CAST.map((m) => m.points),
      capAfter,
    );
    // Reputation earned with pay: one reputation per 100 GUILD.
    const rows = CAST.map((m, i) => {
      const amount = payouts[i] ?? 0n;
      return { ...m, account: address(m.index) as Address, amount, reputation: amount / 100n };
    });
    const leaves = rows.map((r) => ({
      account: r.account,
      cumulativeAmount: r.amount,
      cumulativeReputation: r.reputation,
    }));
    const tree = buildPayoutTree(leaves);
    const report = {
      epoch: 1,
      configHash,
      budget,
      policy: { kind: "capped pro-rata", capBps: capAfter },
      payouts: rows.map((r) => ({
        account: r.account,
        name: r.name,
        work: r.work,
        points: r.points,
        amount: r.amount,
        reputation: r.reputation,
      })),
      root: tree.root,
    };
    const reportJson = canonicalJson(report);
    const reportHash = keccak256(stringToBytes(reportJson));
    mkdirSync(join(dataDir, "reports"), { recursive: true });
    const reportPath = join(dataDir, "reports", "epoch-1.json");
    writeFileSync(reportPath, reportJson);
    const total = rows.reduce((s, r) => s + r.amount, 0n);
    const reputationTotal = rows.reduce((s, r) => s + r.reputation, 0n);
    const challengeEndsAt = await nextChallengeEnd(publicClient, config);
    await proposeEpoch(publicClient, devWallet(NODE), token, {
      epochId: 1n,
      challengeEndsAt,
      root: tree.root,
      total,
      reputationTotal,
      reportHash,
      configHash,
      reportUri: `file://${reportPath}`,
    });
    say(
      `   the node proposed epoch 1: root ${tree.root}, ${formatEther(total)} GUILD to ${rows.length} people`,
    );
    const proposedAt = (await publicClient.getBlock()).timestamp;
    await advanceTime(Number(challengeEndsAt - proposedAt));
    say(`   no veto in the ${params.challengeWindowSeconds / DAY}-day challenge window`);
    await finalizeEpoch(publicClient, devWallet(RELAYER), token, 1n);
    say("   finalized: the budget moved from the treasury into escrow");

    say();
    say("4. Claims: each contributor claims with a Merkle proof (frank's is relayed by someone else)");
    for (const r of rows) {
      const sender = r.name === "frank" ? devWallet(RELAYER) : devWallet(r.index);
      const receipt = await claim(publicClient, sender, token, {
        account: r.account,
        cumulativeAmount: r.amount,
        cumulativeReputation: r.reputation,
        proof: tree.proof(r.account),
      });
      Object.assign(r, { gas: receipt.gasUsed });
    }
    const balances = await Promise.all(rows.map((r) => tokenBalance(publicClient, token, r.account)));
    const repBalances = await Promise.all(
      rows.map((r) =>
        publicClient.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "balanceOf",
          args: [r.account],
        }),
      ),
    );
    const [treasuryAfter, escrowAfter] = await Promise.all([
      tokenBalance(publicClient, token, timelock),
      tokenBalance(publicClient, token, token),
    ]);

    const result = {
      dataDir,
      contracts: manifest.contracts,
      governance: { description, capBpsBefore: capBefore, capBpsAfter: capAfter },
      epoch: { id: 1, root: tree.root, reportHash, reportPath, total, reputationTotal },
      payouts: rows.map((r, i) => ({
        name: r.name,
        account: r.account,
        work: r.work,
        points: r.points,
        paid: balances[i],
        reputation: repBalances[i],
      })),
      treasury: treasuryAfter,
      escrow: escrowAfter,
    };
    out.result(result, () => {
      const totalPoints = rows.reduce((s, r) => s + r.points, 0n);
      out.line();
      out.line(
        `   ${"who".padEnd(6)} ${"points".padStart(6)} ${"share".padStart(6)} ${"paid (GUILD)".padStart(14)} ${"reputation".padStart(11)}  why`,
      );
      for (const [i, r] of rows.entries()) {
        const share = Number((r.points * 10_000n) / totalPoints) / 100;
        const capped = r.amount < (budget * r.points) / totalPoints ? ` (capped at ${capAfter / 100}%)` : "";
        const paid = formatUnits18(balances[i] ?? 0n).padStart(14);
        const rep = formatUnits18(repBalances[i] ?? 0n).padStart(11);
        out.line(
          `   ${r.name.padEnd(6)} ${r.points.toString().padStart(6)} ${`${share.toFixed(1)}%`.padStart(6)} ${paid} ${rep}  ${r.work}${capped}`,
        );
      }
      out.line();
      out.line(
        `   paid out exactly ${formatUnits18(total)} GUILD; escrow left ${formatUnits18(escrowAfter)}; treasury ${formatUnits18(treasuryAfter)} GUILD`,
      );
      out.line(`   report: ${reportPath} (keccak256 ${reportHash}, on chain with the root)`);
    });
  } finally {
    await clients.close();
  }
}
