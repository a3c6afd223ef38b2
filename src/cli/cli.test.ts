// The guild command as a person runs it: its output, its errors and its exit codes.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { jsonRpcTarget } from "../chain/testing/chainTargets.ts";

/** Hardhat's dev account 0: a well-known key, funded on every `hardhat node`. */
const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const BIN = join(import.meta.dirname, "..", "..", "bin", "guild.js");
const guild = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, GUILD_RPC_URL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe("guild CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-cli-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints usage for no command and refuses an unknown one with exit code 2", () => {
    const usage = guild();
    assert.equal(usage.code, 0);
    assert.match(usage.stdout, /^guild <command> \[options\]/);
    const unknown = guild("frobnicate");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^error: unknown command "frobnicate"/);
  });

  it("inits a guild once, writes the manifest, and refuses to init the same data directory again", () => {
    const dataDir = join(dir, "g");
    const first = guild("init", "--data-dir", dataDir, "--json");
    assert.equal(first.code, 0, first.stderr);
    const manifest = JSON.parse(first.stdout) as { chainId: number; contracts: Record<string, string> };
    assert.equal(manifest.chainId, 31337);
    assert.deepEqual(Object.keys(manifest.contracts).sort(), [
      "config",
      "governor",
      "reputation",
      "timelock",
      "token",
    ]);
    assert.deepEqual(
      JSON.parse(readFileSync(join(dataDir, "deployment.json"), "utf8")).contracts,
      manifest.contracts,
    );

    const second = guild("init", "--data-dir", dataDir);
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      [
        `error: ${dataDir} already holds a guild; use another --data-dir to make a new one`,
        `  dataDir: ${dataDir}`,
        `  manifest: ${join(dataDir, "deployment.json")}`,
        "  (run with --debug for the stack trace)",
        "",
      ].join("\n"),
    );

    const status = guild("status", "--data-dir", dataDir);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /treasury\s+1000000 GUILD/);
    assert.match(status.stdout, /epoch\s+none finalized yet/);
  });

  it("names a malformed --founder and a data directory with no guild", () => {
    const bad = guild("init", "--data-dir", join(dir, "bad"), "--founder", "alice=10");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: --founder takes <address>=<reputation>, got "alice=10"/);
    const none = guild("status", "--data-dir", join(dir, "nothing"));
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^error: no guild in .*nothing: run `guild init` first/);
  });

  it("deploys through a JSON-RPC endpoint with the key from GUILD_PRIVATE_KEY", async () => {
    const node = await jsonRpcTarget();
    try {
      const url = node.url ?? assert.fail("the JSON-RPC target has no URL");
      const dataDir = join(dir, "rpc-guild");
      const { GUILD_RPC_URL: _rpc, ...env } = process.env;
      const run = (...args: string[]) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [BIN, ...args, "--data-dir", dataDir, "--rpc-url", url], {
            env: { ...env, GUILD_PRIVATE_KEY: HARDHAT_KEY_0 },
          });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (c) => {
            stdout += String(c);
          });
          child.stderr.on("data", (c) => {
            stderr += String(c);
          });
          child.on("close", (code) => resolve({ code, stdout, stderr }));
        });
      const init = await run("init", "--json");
      assert.equal(init.code, 0, init.stderr);
      const manifest = JSON.parse(init.stdout) as { chain: string; deployer: string };
      assert.equal(manifest.chain, url);
      assert.equal(manifest.deployer, node.wallet(0).account.address);
      const status = await run("status");
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, new RegExp(`Guild on chain 31337 \\(${url.replace(/[.:/]/g, "\\$&")}\\)`));
    } finally {
      await node.close();
    }
  });

  it("runs a JSON-RPC command only with a key from the environment, never from an argument", () => {
    const result = spawnSync(
      process.execPath,
      [BIN, "init", "--data-dir", join(dir, "rpc"), "--rpc-url", "http://127.0.0.1:9"],
      {
        encoding: "utf8",
        env: { ...process.env, GUILD_PRIVATE_KEY: "" },
      },
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^error: set GUILD_PRIVATE_KEY to the operator's private key, or pass --keystore <file>/,
    );
  });
});
