// The embedded chain survives restarts and crashes: its journal replays into the same chain.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseEther } from "viem";
import { GuildToken } from "./contracts.generated.ts";
import { embeddedTarget } from "./testing/chainTargets.ts";
import { deployTestGuild, ROLES } from "./testing/deployTestGuild.ts";

describe("embedded chain persistence", () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "guild-restart-"));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("reopens into the same blocks, state and clock after a clean restart", async () => {
    const dataDir = freshDir();
    const first = await embeddedTarget(dataDir);
    const guild = await deployTestGuild(first);
    await first.timeTravel(86_400);
    await first.wallet(ROLES.alice).sendTransaction({ to: guild.address("bob"), value: parseEther("1") });
    const before = await first.publicClient.getBlock();
    const treasury = await first.publicClient.readContract({
      address: guild.contracts.token,
      abi: GuildToken.abi,
      functionName: "balanceOf",
      args: [guild.contracts.timelock],
    });
    await first.close();

    const second = await embeddedTarget(dataDir);
    const after = await second.publicClient.getBlock();
    assert.equal(after.number, before.number);
    assert.equal(after.hash, before.hash);
    assert.equal(after.timestamp, before.timestamp);
    const treasuryAfter = await second.publicClient.readContract({
      address: guild.contracts.token,
      abi: GuildToken.abi,
      functionName: "balanceOf",
      args: [guild.contracts.timelock],
    });
    assert.equal(treasuryAfter, treasury);
    // The chain goes on from where it was: nonces continue, and its clock keeps the day it was moved
    // forward by (were that lost, blocks would stay pinned at the last timestamp, a day ahead of the clock).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const hash = await second.wallet(ROLES.alice).sendTransaction({ to: guild.address("bob"), value: 1n });
    const receipt = await second.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(receipt.blockNumber, before.number + 1n);
    assert.ok((await second.publicClient.getBlock()).timestamp > before.timestamp);
    await second.close();
  });

  it("drops a journal line cut short by a crash and keeps the rest", async () => {
    const dataDir = freshDir();
    const first = await embeddedTarget(dataDir);
    await deployTestGuild(first);
    const before = await first.publicClient.getBlock();
    await first.close();
    appendFileSync(join(dataDir, "chain.journal"), '{"kind":"request","method":"eth_sendRawTr');

    const second = await embeddedTarget(dataDir);
    assert.equal((await second.publicClient.getBlock()).hash, before.hash);
    const hash = await second.wallet(ROLES.bob).sendTransaction({ to: before.miner, value: 1n });
    assert.equal((await second.publicClient.waitForTransactionReceipt({ hash })).status, "success");
    await second.close();
    const third = await embeddedTarget(dataDir);
    assert.equal(await third.publicClient.getBlockNumber(), before.number + 1n);
    await third.close();
  });

  it("keeps every confirmed block when the process is killed with SIGKILL mid-work", async () => {
    const dataDir = freshDir();
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, "testing/busyChainProcess.ts"), dataDir],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let confirmed = 0n;
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        for (const line of String(chunk).split("\n")) if (line) confirmed = BigInt(line);
        if (confirmed >= 15n) {
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once("exit", resolve));

    const reopened = await embeddedTarget(dataDir);
    const head = await reopened.publicClient.getBlockNumber();
    assert.ok(head >= confirmed, `replayed head ${head} is behind the last confirmed block ${confirmed}`);
    const balance = await reopened.publicClient.getBalance({ address: reopened.wallet(2).account.address });
    assert.equal(balance, 10n ** 24n + parseEther("0.001") * head);
    const hash = await reopened
      .wallet(1)
      .sendTransaction({ to: reopened.wallet(2).account.address, value: 1n });
    assert.equal((await reopened.publicClient.waitForTransactionReceipt({ hash })).blockNumber, head + 1n);
    await reopened.close();
  });
});
