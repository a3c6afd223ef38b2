// `guild up` holds its data directory: while it serves, `guild epoch …` and a second `guild up` refuse,
// naming its pid and URL and where epoch steps run instead; on SIGTERM the lock goes; a stale lock (its
// process killed) is ignored.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { nodeLockPath } from "../../node/nodeLock.ts";
import { initEmbeddedGuild } from "../testing/embeddedGuild.ts";
import { startGuildUp } from "../testing/guildProcess.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");
const ENV = { ...process.env, GUILD_RPC_URL: "", GUILD_DATA_DIR: "", DATABASE_URL: "" };

describe("guild up's lock on the data directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-up-lock-"));
  const dataDir = join(dir, "g");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args, "--data-dir", dataDir], { encoding: "utf8", env: ENV });

  before(() => initEmbeddedGuild(dataDir));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("makes other commands say who holds the data directory and where epochs run, until it stops", async () => {
    const up = await startGuildUp(["--data-dir", dataDir, "--port", "0"], ENV);
    const { url } = up;
    let code: number | null;
    try {
      assert.deepEqual(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")), {
        pid: up.pid,
        url,
        startedAt: JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")).startedAt,
      });

      const epoch = run("epoch", "run");
      assert.equal(epoch.status, 1, epoch.stderr);
      const said = `error: guild up (pid ${up.pid}) is serving this data directory at ${url}: it holds the embedded chain and database`;
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
      assert.equal(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")).pid, up.pid);
    } finally {
      code = await up.stop();
    }
    assert.equal(code, 0, up.stderr());
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
