// `guild up` as a person runs it: a real process serving the API on 127.0.0.1, answering over HTTP, and
// stopping cleanly on SIGTERM; bad flags and a data directory with no guild refused before it listens.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { DEFAULT_ASSESSMENT } from "../../node/openNode.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");
const ENV = { ...process.env, GUILD_RPC_URL: "", GUILD_DATA_DIR: "" };

describe("guild up", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-up-"));
  const dataDir = join(dir, "g");
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

  it("serves /v1/guild and /v1/openapi.json over HTTP, and exits 0 on SIGTERM", async () => {
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
      const summary = await new Promise<{ url: string; openapi: string; origins: string[] }>(
        (resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            try {
              resolve(JSON.parse(stdout));
            } catch {
              // Not all of it yet.
            }
          });
          void exited.then((code) => reject(new Error(`guild up exited with ${code}: ${stderr}`)));
        },
      );
      assert.match(summary.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(summary.origins, [summary.url, summary.url.replace("127.0.0.1", "localhost")]);
      const guild = await fetch(`${summary.url}/v1/guild`);
      assert.equal(guild.status, 200);
      const overview = (await guild.json()) as { chainId: number; treasury: string; currentEpoch: unknown };
      assert.deepEqual(
        [overview.chainId, overview.treasury, overview.currentEpoch],
        [31337, "1000000000000000000000000", null],
      );
      const openapi = await fetch(summary.openapi);
      assert.equal(openapi.status, 200);
      const document = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
      assert.equal(document.openapi, "3.1.0");
      assert.ok(Object.hasOwn(document.paths, "/v1/accounts/{address}/claim"));
      const refused = await fetch(`${summary.url}/v1/epochs/zero`);
      assert.deepEqual(
        [refused.status, ((await refused.json()) as { code: string }).code],
        [400, "InvalidEpochId"],
      );
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0, stderr);
  });

  it("refuses bad flags and a data directory with no guild, with exit code 1", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, "up", ...args], { encoding: "utf8", env: ENV });
    const badPort = run("--data-dir", dataDir, "--port", "70000");
    assert.equal(badPort.status, 1);
    assert.match(badPort.stderr, /^error: --port takes a port number from 0 to 65535, got "70000"/);
    const badUrl = run("--data-dir", dataDir, "--public-url", "ftp://x");
    assert.equal(badUrl.status, 1);
    assert.match(badUrl.stderr, /^error: --public-url takes an http\(s\) URL, got "ftp:\/\/x"/);
    const none = run("--data-dir", join(dir, "nothing"), "--port", "0");
    assert.equal(none.status, 1);
    assert.match(none.stderr, /^error: no guild in .*nothing: run `guild init` first/);
  });
});
