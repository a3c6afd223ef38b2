// `guild up` holds its data directory: while it serves, `guild epoch …` and a second `guild up` refuse,
// naming its pid and URL and where epoch steps run instead; on SIGTERM the lock goes; a stale lock (its
// process killed) is ignored.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { nodeLockPath } from "../../node/nodeLock.ts";
import { DEFAULT_ASSESSMENT } from "../../node/openNode.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");
const ENV = { ...process.env, GUILD_RPC_URL: "", GUILD_DATA_DIR: "", DATABASE_URL: "" };

describe("guild up's lock on the data directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-up-lock-"));
  const dataDir = join(dir, "g");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args, "--data-dir", dataDir], { encoding: "utf8", env: ENV });

  before(async () => {
    const clients = await connectChain({ dataDir });
    const operator = clients.walletClient.account.address;
    try {
      await initGuild(
        clients,
        dataDir,
        defaultParams(operator, [{ account: operator, reputation: parseEther("1") }], DEFAULT_ASSESSMENT),
        "embedded",
      );
    } finally {
      await clients.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("makes other commands say who holds the data directory and where epochs run, until it stops", async () => {
    const child = spawn(process.execPath, [BIN, "up", "--data-dir", dataDir, "--port", "0", "--json"], {
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const { url } = await new Promise<{ url: string }>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          try {
            resolve(JSON.parse(stdout));
          } catch {
            // Not all of it yet.
          }
        });
        void exited.then((code) => reject(new Error(`guild up exited with ${code}: ${stderr}`)));
      });
      assert.deepEqual(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")), {
        pid: child.pid,
        url,
        startedAt: JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")).startedAt,
      });

      const epoch = run("epoch", "run");
      assert.equal(epoch.status, 1, epoch.stderr);
      const said = `error: guild up (pid ${child.pid}) is serving this data directory at ${url}: it holds the embedded chain and database`;
      assert.ok(epoch.stderr.startsWith(said), epoch.stderr);
      assert.match(epoch.stderr, /Operator panel/);
      assert.ok(epoch.stderr.includes(`POST ${url}/v1/epochs/{id}/run`), epoch.stderr);

      for (const args of [["status"], ["report", "1"], ["up", "--port", "0"]]) {
        const refused = run(...args);
        assert.equal(refused.status, 1, `guild ${args.join(" ")}: ${refused.stdout}${refused.stderr}`);
        assert.ok(refused.stderr.startsWith(said), `guild ${args.join(" ")}: ${refused.stderr}`);
      }
      // The node still serves, and still holds the lock.
      assert.equal((await fetch(`${url}/v1/guild`)).status, 200);
      assert.equal(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")).pid, child.pid);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0, stderr);
    assert.equal(existsSync(nodeLockPath(dataDir)), false, "the lock goes with the node");
  });

  it("ignores a stale lock, whose process was killed", () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    writeFileSync(
      nodeLockPath(dataDir),
      JSON.stringify({ pid: Number(dead.stdout), url: "http://127.0.0.1:9", startedAt: 1 }),
    );
    const status = run("status", "--json");
    assert.equal(status.status, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { chainId: number }).chainId, 31337);
  });
});
