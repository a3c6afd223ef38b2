import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { ContributionContent } from "../core/contribution/contribution.ts";
import { contributionId } from "../core/contribution/contribution.ts";
import { signSpotCheck } from "../core/jurors/signSpotCheck.ts";
import { SpotCheckOwnWork, SpotCheckUnknownWork } from "../core/jurors/spotCheckErrors.ts";
import { NonceAlreadyUsed, SpotCheckAlreadyAnswered } from "../store/storeErrors.ts";
import { acceptSpotCheck } from "./acceptSpotCheck.ts";
import { assessEpoch } from "./epoch/assessEpoch.ts";
import { closeEpoch } from "./epoch/closeEpoch.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import { spotChecksFor } from "./spotChecksFor.ts";

const juror = privateKeyToAccount(`0x${"5a".repeat(32)}`);

describe("spot checks", { skip: NO_GRANT_ROUND }, () => {
  let dataDir: string;
  let ctx: NodeContext;
  let own: Hex;
  let domain: { chainId: number; verifyingContract: Hex };
  let now: number;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "guild-spot-"));
    await prepareGuild(dataDir, { applications: 8, mapped: 8 });
    ctx = await openNode({ chain: { dataDir } });
    // The juror's own work, in the same epoch.
    const content: ContributionContent = {
      epochId: 1,
      contributor: { kind: "address", address: juror.address },
      kind: "docs",
      title: "The juror's own guide",
      description: "A long guide to running the node, with examples, written by the juror themself.",
      links: [],
      metrics: {},
      createdAt: 1_767_225_600,
    };
    own = contributionId(content);
    await ctx.store.insertContribution({
      ...content,
      id: own,
      source: { kind: "git", repository: "r", commit: "c" },
    });
    await closeEpoch(ctx, 1);
    await assessEpoch(ctx, 1);
    domain = { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token };
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  });

  after(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("asks the juror about informative pairs, never their own work, never a pair twice", async () => {
    const pairs = await spotChecksFor(ctx, 1, juror.address, 50);
    assert.ok(pairs.length > 5);
    assert.ok(pairs.every((p) => p.a !== own && p.b !== own));
    assert.ok(pairs.every((p, i) => i === 0 || (pairs[i - 1]?.score ?? 0) >= p.score));
    const [first] = pairs;
    assert.ok(first !== undefined && first.titles.a.length > 0);
    const signed = await signSpotCheck(
      juror,
      {
        epochId: 1,
        a: first.a,
        b: first.b,
        winner: first.b,
        multiplierPermille: 2_000,
        nonce: 1n,
        deadline: now + 600,
      },
      domain,
    );
    const answer = await acceptSpotCheck(ctx, JSON.parse(JSON.stringify(signed)));
    assert.equal(answer.juror, juror.address);
    assert.deepEqual(
      (await ctx.store.listJurorAnswers({ epochId: 1 })).map((a) => [a.a, a.b, a.winner]),
      [[first.a, first.b, first.b]],
    );
    const again = await spotChecksFor(ctx, 1, juror.address, 50);
    assert.ok(again.every((p) => !(p.a === first.a && p.b === first.b)));

    // A replay spends no new nonce; a new nonce cannot answer the same pair twice.
    await assert.rejects(acceptSpotCheck(ctx, signed), NonceAlreadyUsed);
    const twice = await signSpotCheck(
      juror,
      {
        epochId: 1,
        a: first.b,
        b: first.a,
        winner: first.a,
        multiplierPermille: 1_000,
        nonce: 2n,
        deadline: now + 600,
      },
      domain,
    );
    await assert.rejects(acceptSpotCheck(ctx, twice), SpotCheckAlreadyAnswered);
    assert.equal((await ctx.store.listJurorAnswers({ epochId: 1 })).length, 1);
  });

  it("refuses an answer about the juror's own work, or about an epoch with no verdicts", async () => {
    const [pair] = await spotChecksFor(ctx, 1, juror.address, 1);
    assert.ok(pair !== undefined);
    const ownAnswer = await signSpotCheck(
      juror,
      {
        epochId: 1,
        a: own,
        b: pair.a,
        winner: own,
        multiplierPermille: 5_000,
        nonce: 3n,
        deadline: now + 600,
      },
      domain,
    );
    await assert.rejects(acceptSpotCheck(ctx, ownAnswer), SpotCheckOwnWork);
    const openEpoch = await signSpotCheck(
      juror,
      {
        epochId: 2,
        a: pair.a,
        b: pair.b,
        winner: pair.a,
        multiplierPermille: 1_000,
        nonce: 4n,
        deadline: now + 600,
      },
      domain,
    );
    await assert.rejects(acceptSpotCheck(ctx, openEpoch), SpotCheckUnknownWork);
    // Nothing was stored, and no nonce spent: the juror can use nonce 3 again.
    assert.equal((await ctx.store.listJurorAnswers({ juror: juror.address })).length, 1);
    await ctx.store.transaction((tx) => tx.useNonce(juror.address, 3n));
  });
});
