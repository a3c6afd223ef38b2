// The epoch engine end to end on embedded defaults: a grant round in, claimable rewards out.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Address } from "viem";
import { keccak256, parseEther, stringToBytes } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { claim, readEpoch, tokenBalance } from "../../chain/settlement.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../../ingest/round/importRound.ts";
import { DEFAULT_ASSESSMENT, type NodeContext, openNode } from "../openNode.ts";
import { runEpoch } from "./runEpoch.ts";
import { ChallengeWindowOpen } from "./settleEpoch.ts";

const ROUND = join(import.meta.dirname, "../../../../shared/data/grant-round/applications.jsonl");
const DAY = 86_400;

describe("runEpoch on embedded defaults", {
  skip: !existsSync(ROUND) && "shared/data is not beside the repository",
}, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-epoch-"));
  let ctx: NodeContext;
  const recipients: Address[] = [];

  before(async () => {
    const clients = await connectChain({ dataDir });
    const operator = clients.walletClient.account.address;
    await initGuild(
      clients,
      dataDir,
      defaultParams(operator, [{ account: operator, reputation: parseEther("100") }], DEFAULT_ASSESSMENT),
      "embedded",
    );
    await clients.close();
    ctx = await openNode({ chain: { dataDir } });
    await ctx.store.openEpoch(1);
    // Map the first 40 applications to addresses; the other 80 stay unmapped and unpaid.
    const ids = readFileSync(ROUND, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id: string }).id);
    const addresses = new Map<string, Address>();
    for (const [i, id] of ids.slice(0, 40).entries()) {
      const address = `0x${keccak256(stringToBytes(id)).slice(26)}` as Address;
      addresses.set(id, address);
      if (i < 3) recipients.push(address);
    }
    const imported = await importRound(ROUND, FIL_RETRO_PGF_3_MAPPING, { epochId: 1, addresses });
    for (const c of imported.contributions) await ctx.store.insertContribution(c);
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("closes, assesses, allocates and proposes the epoch, and cannot finalize inside the window", async () => {
    const proposed = await runEpoch(ctx, 1);
    assert.equal(proposed.state, "proposed");
    const onChain = await readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, 1n);
    assert.equal(onChain.stateName, "Proposed");
    assert.equal(onChain.root, proposed.root);
    assert.equal(onChain.reportHash, proposed.reportHash);
    const report = JSON.parse(readFileSync(join(dataDir, "reports/epoch-1.json"), "utf8")) as {
      contributions: unknown[];
      verdicts: unknown[];
      unmapped: unknown[];
      allocation: { totalPaid: string; budget: string; rolledOver: string };
    };
    assert.equal(report.contributions.length, 120);
    assert.equal(report.verdicts.length, 120);
    assert.equal(report.unmapped.length, 80);
    assert.equal(
      BigInt(report.allocation.totalPaid) + BigInt(report.allocation.rolledOver),
      BigInt(report.allocation.budget),
    );
    await assert.rejects(runEpoch(ctx, 1, { until: "finalized" }), ChallengeWindowOpen);
  });

  it("finalizes after the window, and each recipient claims exactly what the report pays", async () => {
    await ctx.chain.advanceTime?.(5 * DAY);
    const finalized = await runEpoch(ctx, 1, { until: "finalized" });
    assert.equal(finalized.state, "finalized");
    const payouts = await ctx.store.listPayouts(1);
    const tree = buildPayoutTree(
      payouts.map((p) => ({
        account: p.recipient,
        cumulativeAmount: p.cumulativeAmount,
        cumulativeReputation: p.cumulativeReputation,
      })),
    );
    assert.equal(tree.root, finalized.root);
    const { token } = ctx.manifest.contracts;
    for (const recipient of recipients) {
      const payout = payouts.find((p) => p.recipient.toLowerCase() === recipient.toLowerCase());
      assert.ok(payout, `no payout for ${recipient}`);
      await claim(ctx.chain.publicClient, ctx.chain.walletClient, token, {
        account: payout.recipient,
        cumulativeAmount: payout.cumulativeAmount,
        cumulativeReputation: payout.cumulativeReputation,
        proof: tree.proof(payout.recipient),
      });
      assert.equal(await tokenBalance(ctx.chain.publicClient, token, payout.recipient), payout.amount);
    }
    assert.equal((await ctx.store.getEpoch(2))?.state, "open", "the next epoch is open");
  });
});
