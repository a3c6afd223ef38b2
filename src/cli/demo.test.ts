// `guild demo`, the README's first command, runs the whole flow and pays out exactly the budget.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { keccak256, stringToBytes } from "viem";

const BIN = join(import.meta.dirname, "..", "..", "bin", "guild.js");

describe("guild demo", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-demo-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("settles an epoch of signed contributions and everyone claims exactly their payout", () => {
    const { GUILD_RPC_URL: _rpc, DATABASE_URL: _db, ...env } = process.env;
    const run = spawnSync(process.execPath, [BIN, "demo", "--data-dir", dir, "--json"], {
      encoding: "utf8",
      env,
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as {
      governance: { capBps: number };
      epoch: { reportHash: string; reportPath: string };
      payouts: { name: string; paid: string; valueSharePpm: number }[];
    };
    assert.equal(result.governance.capBps, 3000);
    assert.equal(result.payouts.length, 8);
    const paid = result.payouts.reduce((s, p) => s + BigInt(p.paid), 0n);
    assert.equal(paid, 10_000n * 10n ** 18n, "the budget, paid to the unit and claimed");
    const report = readFileSync(result.epoch.reportPath, "utf8");
    assert.equal(keccak256(stringToBytes(report)), result.epoch.reportHash);
    assert.ok(result.payouts.every((p) => BigInt(p.paid) > 0n));
  });
});
