// A node in a process of its own, for the crash tests: opens the guild in a data directory, runs an epoch
// to a target state and prints what it reached, as JSON on stdout.
//
//   node runEpochProcess.ts <dataDir> <epochId> <until>
//
// With GUILD_CRASHPOINT set, the node kills itself with SIGKILL at that point. Besides the node's own
// crashpoints this script adds "assess:mid-worker" (half the assessment jobs done, the rest leased or
// queued) and "after:<state>" (a step's transaction committed, the next step not begun). To reach
// `finalized` it moves the embedded chain's clock past the challenge window after proposing.
import { readFileSync } from "node:fs";
import { keccak256, stringToBytes } from "viem";
import { GuildToken } from "../../../chain/contracts.generated.ts";
import { readEpoch } from "../../../chain/settlement.ts";
import { canonicalJson } from "../../../core/report/canonicalJson.ts";
import type { EpochState } from "../../../store/store.ts";
import { openNode } from "../../openNode.ts";
import { verifyEpoch } from "../../verifyEpoch.ts";
import { reportPathOf } from "../allocateEpoch.ts";
import { runEpoch } from "../runEpoch.ts";

/** What the process prints when it reaches its target. */
export interface EpochProcessSummary {
  state: EpochState;
  root: string | undefined;
  reportHash: string | undefined;
  referenceTime: string | undefined;
  /** keccak256 of the canonical JSON of the report's allocation section. */
  allocationHash: string | undefined;
  timelessReportHash: string | undefined;
  txHashes: Record<string, string>;
  /** keccak256 of the report file's bytes. */
  reportFileHash: string | undefined;
  onChain: { state: string; root: string; reportHash: string };
  /** How many EpochProposed events the chain holds for the epoch. */
  proposals: number;
  verified: { ok: boolean; failing: unknown[] } | undefined;
}

const [dataDir, epochArg, untilArg] = process.argv.slice(2);
if (dataDir === undefined || epochArg === undefined || untilArg === undefined) {
  process.stderr.write("usage: runEpochProcess.ts <dataDir> <epochId> <until>\n");
  process.exit(2);
}
const epochId = Number(epochArg);
const until = untilArg as EpochState;

const ctx = await openNode({ chain: { dataDir } });
try {
  const options = {
    onProgress: (finished: number, total: number) => {
      if (2 * finished >= total) ctx.crashpoint("assess:mid-worker");
    },
    onStep: (epoch: { state: EpochState }) => ctx.crashpoint(`after:${epoch.state}`),
  };
  let epoch = await runEpoch(ctx, epochId, { ...options, until: until === "finalized" ? "proposed" : until });
  if (until === "finalized") {
    const { publicClient } = ctx.chain;
    const onChain = await readEpoch(publicClient, ctx.manifest.contracts.token, BigInt(epochId));
    const now = (await publicClient.getBlock()).timestamp;
    if (onChain.stateName === "Proposed" && now < BigInt(onChain.challengeEndsAt)) {
      await ctx.chain.advanceTime?.(Number(BigInt(onChain.challengeEndsAt) - now));
    }
    epoch = await runEpoch(ctx, epochId, { ...options, until });
  }
  const { publicClient } = ctx.chain;
  const { token } = ctx.manifest.contracts;
  const onChain = await readEpoch(publicClient, token, BigInt(epochId));
  const proposals = await publicClient.getContractEvents({
    address: token,
    abi: GuildToken.abi,
    eventName: "EpochProposed",
    args: { epochId: BigInt(epochId) },
    fromBlock: BigInt(ctx.manifest.blockNumber),
  });
  const verified = epoch.reportHash === undefined ? undefined : await verifyEpoch(ctx, epochId);
  const report = epoch.report as
    | { referenceTime: string; allocation: unknown; fairness: Record<string, unknown> }
    | undefined;
  const hashOf = (value: unknown) => keccak256(stringToBytes(canonicalJson(value)));
  const summary: EpochProcessSummary = {
    state: epoch.state,
    root: epoch.root,
    reportHash: epoch.reportHash,
    referenceTime: report?.referenceTime,
    allocationHash: report && hashOf(report.allocation),
    // The report but for what depends on the reference time (chosen from the clock when allocating).
    timelessReportHash:
      report &&
      hashOf({ ...report, referenceTime: null, fairness: { ...report.fairness, votingPower: null } }),
    txHashes: epoch.txHashes,
    reportFileHash:
      epoch.reportHash === undefined
        ? undefined
        : keccak256(stringToBytes(readFileSync(reportPathOf(dataDir, epochId), "utf8"))),
    onChain: { state: onChain.stateName, root: onChain.root, reportHash: onChain.reportHash },
    proposals: proposals.length,
    verified: verified && { ok: verified.ok, failing: verified.checks.filter((c) => !c.ok) },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await ctx.close();
}
