// A node killed with SIGKILL inside any step of an epoch resumes on restart: the same report, the same
// root and exactly one proposal on chain.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { reportPathOf } from "./allocateEpoch.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./testing/prepareGuild.ts";
import type { EpochProcessSummary } from "./testing/runEpochProcess.ts";

const CHILD = join(import.meta.dirname, "testing/runEpochProcess.ts");
const HOUR = 3_600;

/**
 * Every crashpoint inside a step: the node's own (grep `crashpoint(`) and the child script's
 * "assess:mid-worker" (half the jobs done, the rest of the batch leased) and "after:allocated" (the
 * allocation committed, nothing sent yet).
 */
const CRASHPOINTS = [
  "close:before-write",
  "assess:enqueued",
  "assess:mid-worker",
  "assess:ran",
  "allocate:before-write",
  "after:allocated",
  "propose:sent",
  "finalize:sent",
] as const;

interface Resumed {
  /** The report file as the killed node left it, if it had written one. */
  reportAtCrash: string | undefined;
  /** What the restarted node reached. */
  resumed: EpochProcessSummary;
}

interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the node in its own process on `dataDir` until epoch 1 is finalized, crashing at `crashpoint`. */
function runNode(dataDir: string, crashpoint?: string): Promise<NodeRun> {
  const env = { ...process.env };
  delete env.GUILD_CRASHPOINT;
  if (crashpoint !== undefined) env.GUILD_CRASHPOINT = crashpoint;
  const child = spawn(process.execPath, [CHILD, dataDir, "1", "finalized"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += String(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function summaryOf(run: NodeRun): EpochProcessSummary {
  assert.equal(run.code, 0, `the node failed (signal ${run.signal}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as EpochProcessSummary;
}

/** Moves the embedded chain's clock forward without mining, as hours of a node being down do. */
async function passTime(dataDir: string, seconds: number): Promise<void> {
  const clients = await connectChain({ dataDir });
  try {
    await clients.publicClient.request({ method: "evm_increaseTime", params: [seconds] } as never);
  } finally {
    await clients.close();
  }
}

describe("crash recovery", {
  skip: NO_GRANT_ROUND,
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
}, () => {
  const root = mkdtempSync(join(tmpdir(), "guild-crash-"));
  const template = join(root, "template");
  let reference: EpochProcessSummary;
  /** A fresh copy of the prepared guild: deployed, 40 applications in epoch 1, 20 of them mapped. */
  const copy = (name: string) => {
    const dir = join(root, name.replace(/[^a-z0-9-]+/gi, "-"));
    cpSync(template, dir, { recursive: true });
    return dir;
  };

  /**
   * Kills the node at `crashpoint`, lets the chain's clock run on for `downSeconds` (the node being
   * down), and restarts it; each scenario runs once, whichever test asks first.
   */
  const scenarios = new Map<string, Promise<Resumed>>();
  const crashAndResume = (crashpoint: string, downSeconds = 0): Promise<Resumed> => {
    const key = `${crashpoint}-${downSeconds}`;
    let scenario = scenarios.get(key);
    if (scenario === undefined) {
      scenario = (async () => {
        const dataDir = copy(key);
        const crashed = await runNode(dataDir, crashpoint);
        assert.equal(
          crashed.signal,
          "SIGKILL",
          `the node did not die at ${crashpoint} (exit ${crashed.code}):\n${crashed.stderr}`,
        );
        const reportPath = reportPathOf(dataDir, 1);
        const reportAtCrash = existsSync(reportPath) ? readFileSync(reportPath, "utf8") : undefined;
        if (downSeconds > 0) await passTime(dataDir, downSeconds);
        return { reportAtCrash, resumed: summaryOf(await runNode(dataDir)) };
      })();
      scenarios.set(key, scenario);
    }
    return scenario;
  };

  before(async () => {
    await prepareGuild(template, { applications: 40, mapped: 20 });
    reference = summaryOf(await runNode(copy("reference")));
    assert.equal(reference.state, "finalized");
    assert.deepEqual(reference.verified, { ok: true, failing: [] });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const crashpoint of CRASHPOINTS) {
    it(`resumes after a SIGKILL at ${crashpoint}: same report and root, one proposal`, async () => {
      const { resumed, reportAtCrash } = await crashAndResume(crashpoint);
      assert.equal(resumed.state, "finalized");
      // Against the uncrashed run on a copy of the same guild: the same root and payouts, and the same
      // report but for its reference time, which each run takes from the clock when it allocates.
      assert.equal(resumed.root, reference.root);
      assert.equal(resumed.allocationHash, reference.allocationHash);
      assert.equal(resumed.timelessReportHash, reference.timelessReportHash);
      if (resumed.referenceTime === reference.referenceTime) {
        assert.equal(resumed.reportHash, reference.reportHash);
      }
      // Within the data directory: the report the killed node had written (from allocate:before-write
      // on) is the one settled, the file is the stored report, and the chain holds it, proposed once.
      if (reportAtCrash !== undefined) {
        assert.equal(keccak256(stringToBytes(reportAtCrash)), resumed.reportHash);
      }
      assert.equal(resumed.reportFileHash, resumed.reportHash);
      assert.deepEqual(resumed.onChain, {
        state: "Finalized",
        root: resumed.root,
        reportHash: resumed.reportHash,
      });
      assert.equal(resumed.proposals, 1, "exactly one EpochProposed event for epoch 1");
      assert.deepEqual(resumed.verified, { ok: true, failing: [] });
    });
  }

  it("proposes an epoch allocated after hours in which the chain mined no block", async () => {
    const dataDir = copy("quiet-chain");
    await passTime(dataDir, 2 * HOUR);
    const settled = summaryOf(await runNode(dataDir));
    assert.equal(settled.state, "finalized");
    assert.equal(settled.proposals, 1);
    assert.deepEqual(settled.verified, { ok: true, failing: [] });
  });

  it("re-chooses a kept reference time that went stale while the node was down, before allocating", async () => {
    const { resumed, reportAtCrash } = await crashAndResume("allocate:before-write", 2 * HOUR);
    assert.ok(reportAtCrash !== undefined);
    assert.notEqual(keccak256(stringToBytes(reportAtCrash)), resumed.reportHash, "a new reference time");
    assert.equal(resumed.root, reference.root);
    assert.equal(resumed.timelessReportHash, reference.timelessReportHash);
    assert.equal(resumed.state, "finalized");
    assert.equal(resumed.proposals, 1);
    assert.deepEqual(resumed.verified, { ok: true, failing: [] });
  });

  it("proposes an allocated epoch whose reference time went stale while the node was down", async () => {
    const { resumed } = await crashAndResume("after:allocated", 2 * HOUR);
    assert.equal(resumed.state, "finalized");
    assert.equal(resumed.proposals, 1);
  });

  it("keeps the hash of the transaction it sent before the crash", async () => {
    // The same run as the propose:sent test above.
    const { resumed } = await crashAndResume("propose:sent");
    assert.ok(resumed.txHashes.propose, "txHashes.propose");
  });
});
