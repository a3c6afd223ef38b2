// `guild up` as a person runs it: a real process serving the API on 127.0.0.1, answering over HTTP, and
// stopping cleanly on SIGTERM; bad flags and a data directory with no guild refused before it listens.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { initEmbeddedGuild } from "../testing/embeddedGuild.ts";
import { startGuildUp } from "../testing/guildProcess.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");
const ENV = { ...process.env, GUILD_RPC_URL: "", GUILD_DATA_DIR: "" };

describe("guild up", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-up-"));
  const dataDir = join(dir, "g");
  before(() => initEmbeddedGuild(dataDir));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves /v1/guild and /v1/openapi.json over HTTP, and exits 0 on SIGTERM", async () => {
    const up = await startGuildUp(["--data-dir", dataDir, "--port", "0"], ENV);
    const summary = up.summary as { url: string; openapi: string; origins: string[] };
    let code: number | null;
    try {
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
      code = await up.stop();
    }
    assert.equal(code, 0, up.stderr());
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
