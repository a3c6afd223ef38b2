// Near-duplicates in an epoch: a copy of someone else's application is assessed, listed in the report,
// paid nothing, and the epoch still verifies; the next epoch's copy of it is caught across epochs.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { getAddress, type Hex } from "viem";
import { type Contribution, contributionId } from "../../core/contribution/contribution.ts";
import type { NodeContext } from "../openNode.ts";
import { openNode } from "../openNode.ts";
import { verifyEpoch } from "../verifyEpoch.ts";
import { epochDuplicates } from "./epochDuplicates.ts";
import { readAssessed, readClosed } from "./epochLedger.ts";
import { runEpoch } from "./runEpoch.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./testing/prepareGuild.ts";

const COPIER = getAddress("0x00000000000000000000000000000000c0b1e500");

/** `original` lightly edited (a new title, a word changed) and resubmitted by COPIER into `epochId`. */
function copyOf(original: Contribution, epochId: number, createdAt: number): Contribution {
  const content = {
    epochId,
    contributor: { kind: "address" as const, address: COPIER },
    kind: original.kind,
    title: `${original.title} (v2)`,
    description: original.description.replace(/\bthe\b/, "our"),
    links: [],
    metrics: {},
    createdAt,
  };
  return {
    ...content,
    id: contributionId(content),
    source: { kind: "git", repository: "copies", commit: "c0b1e5" },
  };
}

describe("duplicates in the epoch pipeline", { skip: NO_GRANT_ROUND }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-duplicates-"));
  let ctx: NodeContext;
  let copy: Contribution;
  let original: Contribution;

  before(async () => {
    await prepareGuild(dataDir, { applications: 12, mapped: 12 });
    ctx = await openNode({ chain: { dataDir } });
    const stored = await ctx.store.listContributions(1);
    original = stored.find((c) => c.description.split(/\s+/).length > 60) as Contribution;
    assert.ok(original !== undefined, "an application long enough to compare");
    copy = copyOf(original, 1, original.createdAt + 3600);
    assert.equal(await ctx.store.insertContribution(copy), true);
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("assesses the copy, gives it no value, and the report says whose work it copies", async () => {
    const epoch = await runEpoch(ctx, 1, { until: "allocated" });
    const assessed = await readAssessed(ctx.store, 1);
    assert.deepEqual(
      assessed.duplicates?.map((d) => [d.contributionId, d.originalId, d.originalEpochId, d.sameContributor]),
      [[copy.id, original.id, 1, false]],
    );
    assert.ok((assessed.duplicates?.[0]?.similarityBps ?? 0) >= 5_000);
    assert.ok(!assessed.values.some((v) => v.contributionId === copy.id), "the copy has no value");
    assert.ok(
      assessed.values.some((v) => v.contributionId === original.id),
      "the original has",
    );
    const closed = await readClosed(ctx.store, 1);
    assert.ok(closed.contributionIds.includes(copy.id), "the copy is in the closed epoch");
    assert.ok(
      (await ctx.store.listVerdicts({ contributionId: copy.id })).length > 0,
      "the copy was assessed all the same",
    );
    const report = epoch.report as {
      duplicates: { contributionId: Hex }[];
      allocation: { recipients: { recipient: string }[] };
    };
    assert.deepEqual(
      report.duplicates.map((d) => d.contributionId),
      [copy.id],
    );
    assert.ok(
      !report.allocation.recipients.some((r) => getAddress(r.recipient) === COPIER),
      "the copier is not paid",
    );
    const verified = await verifyEpoch(ctx, 1);
    assert.equal(verified.ok, true, JSON.stringify(verified.checks.filter((c) => !c.ok)));
  });

  it("finds a copy in a later epoch of work paid in an earlier one", async () => {
    await ctx.store.openEpoch(2).catch(() => {});
    const later = copyOf(original, 2, original.createdAt + 86_400 * 30);
    await ctx.store.insertContribution(later);
    const ids = await ctx.store.listContributionIds(2);
    const found = await epochDuplicates(ctx.store, 2, ids);
    assert.deepEqual(
      found.map((d) => [d.contributionId, d.originalId, d.originalEpochId]),
      [[later.id, original.id, 1]],
    );
    // From the texts alone (what verify does), the same answer.
    assert.deepEqual(await epochDuplicates(ctx.store, 2, ids, { recomputeSketches: true }), found);
  });
});
