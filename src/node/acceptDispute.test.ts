import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readEpoch } from "../chain/settlement.ts";
import type { ContributionContent } from "../core/contribution/contribution.ts";
import { contributionId } from "../core/contribution/contribution.ts";
import type { DisputeFields } from "../core/disputes/dispute.ts";
import {
  DisputeAlreadyFiled,
  DisputeNotContributor,
  DisputeUnknownVerdict,
  DisputeWindowClosed,
} from "../core/disputes/disputeErrors.ts";
import { signDispute } from "../core/disputes/signDispute.ts";
import { NonceAlreadyUsed } from "../store/storeErrors.ts";
import { acceptDispute } from "./acceptDispute.ts";
import { assessEpoch } from "./epoch/assessEpoch.ts";
import { closeEpoch } from "./epoch/closeEpoch.ts";
import { runEpoch } from "./epoch/runEpoch.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import { spotChecksFor } from "./spotChecksFor.ts";

const contributor = privateKeyToAccount(`0x${"6b".repeat(32)}`);
const stranger = privateKeyToAccount(`0x${"7c".repeat(32)}`);
const juror = privateKeyToAccount(`0x${"8d".repeat(32)}`);

describe("disputes", { skip: NO_GRANT_ROUND }, () => {
  let dataDir: string;
  let ctx: NodeContext;
  let domain: { chainId: number; verifyingContract: Hex };
  let now: number;
  let evaluator: string;
  /** The contributor's work in epoch 1: two disputed while assessed, one while proposed, one too late. */
  const work: Hex[] = [];
  let nonce = 0n;

  /** The contributor's (or `by`'s) signed dispute, as JSON on the wire. */
  const signed = async (fields: Partial<DisputeFields>, by = contributor) =>
    JSON.parse(
      JSON.stringify(
        await signDispute(
          by,
          {
            contributionId: work[0] as Hex,
            evaluator,
            reason: "The benchmark in the second link was not counted.",
            nonce: ++nonce,
            deadline: now + 600,
            ...fields,
          },
          domain,
        ),
      ),
    ) as unknown;

  const insert = async (epochId: number, title: string): Promise<Hex> => {
    const content: ContributionContent = {
      epochId,
      contributor: { kind: "address", address: contributor.address },
      kind: "code",
      title,
      description: "Caches each epoch's payout tree and serves every proof from it, with a benchmark.",
      links: ["https://example.org/pull/7"],
      metrics: { linesAdded: 240 },
      createdAt: 1_767_225_600,
    };
    const id = contributionId(content);
    await ctx.store.insertContribution({
      ...content,
      id,
      source: { kind: "git", repository: "r", commit: title },
    });
    return id;
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "guild-dispute-"));
    // Six of the eight applications have an address; two stay unmapped.
    await prepareGuild(dataDir, { applications: 8, mapped: 6 });
    ctx = await openNode({ chain: { dataDir } });
    for (const title of ["Payout tree cache", "Proof server", "Report streaming", "Late work"])
      work.push(await insert(1, title));
    await closeEpoch(ctx, 1);
    await assessEpoch(ctx, 1);
    domain = { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token };
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    const [verdict] = await ctx.store.listVerdicts({ contributionId: work[0] as Hex });
    assert.ok(verdict !== undefined);
    evaluator = verdict.evaluator.id;
  });

  after(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records the contributor's dispute of a verdict once, and asks jurors about the disputed work first", async () => {
    const first = await signed({});
    const dispute = await acceptDispute(ctx, first);
    assert.equal(dispute.disputant, contributor.address);
    assert.equal(dispute.contributionId, work[0]);
    assert.equal(dispute.epochId, 1);
    assert.equal(dispute.evaluator, evaluator);
    assert.deepEqual(await ctx.store.listDisputes({ contributionId: work[0] as Hex }), [dispute]);
    assert.deepEqual(await ctx.store.countDisputes(1), { disputes: 1, contributions: 1 });

    // A replay is refused by its nonce; a new nonce cannot dispute the same verdict twice.
    await assert.rejects(acceptDispute(ctx, first), NonceAlreadyUsed);
    await assert.rejects(acceptDispute(ctx, await signed({})), DisputeAlreadyFiled);
    await acceptDispute(ctx, await signed({ contributionId: work[1] as Hex }));
    assert.deepEqual(await ctx.store.countDisputes(1), { disputes: 2, contributions: 2 });

    // Jurors are asked about the disputed work before anything else.
    const pairs = await spotChecksFor(ctx, 1, juror.address, 50);
    const disputed = pairs.filter((p) => p.disputed);
    assert.ok(disputed.length > 0);
    assert.deepEqual(pairs.slice(0, disputed.length), disputed);
    const top = pairs[0];
    assert.ok(top !== undefined && [top.a, top.b].some((id) => id === work[0] || id === work[1]));
    assert.ok(
      pairs.slice(disputed.length).every((p) => ![p.a, p.b].some((id) => id === work[0] || id === work[1])),
    );
  });

  it("refuses another's dispute, an unknown verdict and work not assessed yet, storing nothing", async () => {
    await assert.rejects(
      acceptDispute(ctx, await signed({ contributionId: work[2] as Hex }, stranger)),
      DisputeNotContributor,
    );
    await assert.rejects(
      acceptDispute(ctx, await signed({ contributionId: work[2] as Hex, evaluator: "guild/nobody" })),
      (error: unknown) => {
        assert.ok(error instanceof DisputeUnknownVerdict);
        assert.deepEqual(error.details.evaluators, [evaluator]);
        return true;
      },
    );
    await assert.rejects(
      acceptDispute(ctx, await signed({ contributionId: `0x${"00".repeat(32)}` })),
      DisputeUnknownVerdict,
    );
    const open = await insert(2, "Next epoch's work");
    await assert.rejects(acceptDispute(ctx, await signed({ contributionId: open })), DisputeUnknownVerdict);
    assert.deepEqual(await ctx.store.countDisputes(1), { disputes: 2, contributions: 2 });
    assert.deepEqual(await ctx.store.countDisputes(2), { disputes: 0, contributions: 0 });
    // No nonce was spent by a refused dispute.
    await ctx.store.transaction(async (tx) => tx.useNonce(contributor.address, nonce));
  });

  it("takes a dispute of unmapped work from the address an identity mapping ties it to", async () => {
    const unmapped = (await ctx.store.listContributions(1)).find((c) => c.contributor.kind === "unmapped");
    assert.ok(unmapped !== undefined && unmapped.contributor.kind === "unmapped");
    const claimant = privateKeyToAccount(`0x${"9e".repeat(32)}`);
    const fields = { contributionId: unmapped.id };
    await assert.rejects(acceptDispute(ctx, await signed(fields, claimant)), DisputeNotContributor);
    await ctx.store.recordIdentity({
      source: unmapped.contributor.source,
      name: unmapped.contributor.name,
      address: claimant.address,
      establishedBy: { kind: "file", file: "addresses.json" },
    });
    const dispute = await acceptDispute(ctx, await signed(fields, claimant));
    assert.equal(dispute.disputant, claimant.address);
  });

  it("takes disputes while the proposed epoch can be vetoed, and refuses them after its challenge window and once finalized", async () => {
    await runEpoch(ctx, 1);
    assert.equal((await ctx.store.getEpoch(1))?.state, "proposed");
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    await acceptDispute(ctx, await signed({ contributionId: work[2] as Hex }));

    const proposed = await readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, 1n);
    const advanceTime = ctx.chain.advanceTime;
    assert.ok(advanceTime !== undefined);
    await advanceTime(Number(proposed.challengeEndsAt) - now);
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    const late = await signed({ contributionId: work[3] as Hex });
    await assert.rejects(acceptDispute(ctx, late), (error: unknown) => {
      assert.ok(error instanceof DisputeWindowClosed);
      assert.equal(error.details.challengeEndsAt, Number(proposed.challengeEndsAt));
      return true;
    });
    await advanceTime(1);
    await runEpoch(ctx, 1, { until: "finalized" });
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    const settled = await signed({ contributionId: work[3] as Hex });
    await assert.rejects(acceptDispute(ctx, settled), (error: unknown) => {
      assert.ok(error instanceof DisputeWindowClosed);
      assert.equal(error.details.state, "finalized");
      return true;
    });
    assert.deepEqual(await ctx.store.countDisputes(1), { disputes: 4, contributions: 4 });
  });
});
