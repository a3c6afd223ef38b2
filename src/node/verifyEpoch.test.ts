// The auditor's verify: an epoch settled by the node verifies, and each kind of tampering is named.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes } from "viem";
import { canonicalJson } from "../core/report/canonicalJson.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../ingest/round/importRound.ts";
import type { JsonValue } from "../store/store.ts";
import { runEpoch } from "./epoch/runEpoch.ts";
import { addressOf, GRANT_ROUND, NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import type { VerifyResult } from "./verifyEpoch.ts";
import { EpochNotAllocated, verifyEpoch } from "./verifyEpoch.ts";

const DAY = 86_400;
const failing = (result: VerifyResult) => result.checks.filter((c) => !c.ok).map((c) => c.name);
const explain = (result: VerifyResult) =>
  result.checks
    .filter((c) => !c.ok)
    .map((c) => `${c.name}: expected ${c.expected}, actual ${c.actual} ${c.findings?.join("; ") ?? ""}`)
    .join("\n");

describe("verifyEpoch", { skip: NO_GRANT_ROUND }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-verify-"));
  let ctx: NodeContext;

  before(async () => {
    await prepareGuild(dataDir, { applications: 60, mapped: 30 });
    ctx = await openNode({ chain: { dataDir } });
    await assert.rejects(verifyEpoch(ctx, 1), EpochNotAllocated);
    await runEpoch(ctx, 1, { until: "proposed" });
    await ctx.chain.advanceTime?.(5 * DAY);
    await runEpoch(ctx, 1, { until: "finalized" });
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("passes every check on an epoch the node settled and finalized", async () => {
    const result = await verifyEpoch(ctx, 1);
    assert.equal(result.ok, true, explain(result));
    assert.equal(result.state, "finalized");
    assert.deepEqual(
      result.checks.map((c) => c.name),
      [
        "config: assessment configuration = governed",
        "config hash: stored epoch = closed snapshot",
        "contributions: ids reproduce from content",
        "verdicts: re-run evaluators reproduce them",
        "consensus: stored verdicts give the stored consensus",
        "duplicates: contributions give the stored duplicates",
        "values: stored verdicts give the stored values",
        "report hash: stored = recomputed",
        "report: stored = recomputed",
        "report file = recomputed",
        "root: stored = recomputed",
        "payouts: stored = recomputed",
        "ledger: stored = recomputed",
        "chain: epoch state",
        "chain: root = recomputed",
        "chain: report hash = recomputed",
        "chain: total = report's total paid",
        "chain: reputation total = report's",
        "chain: challenge end = reference time",
        "chain: one proposal per allocation (EpochProposed events)",
        "chain: config hash (EpochProposed) = closed snapshot",
        "chain: root (EpochProposed) = on-chain root",
        result.checks.at(-1)?.name ?? "",
      ],
    );
    assert.match(result.checks.at(-1)?.name ?? "", /^chain: GuildConfig at block \d+ = closed snapshot$/);
    const contributions = result.checks.find((c) => c.name.startsWith("contributions"));
    assert.equal(contributions?.actual, "60 of 60");
    const verdicts = result.checks.find((c) => c.name.startsWith("verdicts"));
    assert.equal(verdicts?.actual, "180 of 180", "three replicas of one evaluator on 60 contributions");
  });

  it("names the stored report when it was edited, and nothing else", async () => {
    const epoch = await ctx.store.getEpoch(1);
    assert.ok(epoch?.report !== undefined && epoch.reportHash !== undefined);
    const original = { report: epoch.report, reportHash: epoch.reportHash };
    const edited = JSON.parse(JSON.stringify(epoch.report)) as { allocation: { totalPaid: string } };
    edited.allocation.totalPaid = (BigInt(edited.allocation.totalPaid) + 1n).toString();
    await ctx.store.advanceEpoch({
      epochId: 1,
      from: "finalized",
      to: "finalized",
      outputs: {
        report: edited as unknown as JsonValue,
        reportHash: keccak256(stringToBytes(canonicalJson(edited))),
      },
    });
    try {
      const result = await verifyEpoch(ctx, 1);
      assert.equal(result.ok, false);
      assert.deepEqual(failing(result), ["report hash: stored = recomputed", "report: stored = recomputed"]);
      const content = result.checks.find((c) => c.name === "report: stored = recomputed");
      assert.match(content?.actual ?? "", /^\$\.allocation\.totalPaid = \d+$/);
    } finally {
      await ctx.store.advanceEpoch({ epochId: 1, from: "finalized", to: "finalized", outputs: original });
    }
    assert.equal((await verifyEpoch(ctx, 1)).ok, true);
  });

  it("names a stored verdict that its evaluator does not reproduce", async () => {
    const [verdict] = await ctx.store.listVerdicts({ epochId: 1 });
    assert.ok(verdict !== undefined);
    const [first, ...rest] = verdict.scores;
    assert.ok(first !== undefined);
    const changed = { ...first, score: first.score === 100 ? 99 : first.score + 1 };
    await ctx.store.saveVerdict({ ...verdict, scores: [changed, ...rest] });
    try {
      const result = await verifyEpoch(ctx, 1);
      assert.equal(result.ok, false);
      // The stored verdicts no longer give the consensus the epoch was assessed with (the assessed step
      // keeps only its hash), and the report recomputed from them names the edited verdict's hash.
      assert.deepEqual(failing(result), [
        "verdicts: re-run evaluators reproduce them",
        "consensus: stored verdicts give the stored consensus",
        "report hash: stored = recomputed",
        "report: stored = recomputed",
        "report file = recomputed",
        "chain: report hash = recomputed",
      ]);
      const check = result.checks.find((c) => c.name.startsWith("verdicts"));
      assert.equal(check?.actual, "179 of 180");
      assert.deepEqual(check?.findings, [
        `${verdict.contributionId}/${verdict.evaluator.id}#${verdict.replica}: $.scores[0].score is ${changed.score}, re-run gives ${first.score}`,
      ]);
    } finally {
      await ctx.store.saveVerdict(verdict);
    }
    assert.equal((await verifyEpoch(ctx, 1)).ok, true);
  });

  it("names the report file when it was edited on disk", async () => {
    const path = join(dataDir, "reports/epoch-1.json");
    const original = readFileSync(path, "utf8");
    const edited = JSON.parse(original) as { referenceTime: string };
    edited.referenceTime = (BigInt(edited.referenceTime) - 1n).toString();
    writeFileSync(path, canonicalJson(edited));
    try {
      const result = await verifyEpoch(ctx, 1);
      assert.deepEqual(failing(result), ["report file = recomputed"]);
      const check = result.checks.find((c) => c.name === "report file = recomputed");
      assert.match(check?.findings?.[0] ?? "", /\$\.referenceTime is \d+, recomputed \d+$/);
    } finally {
      writeFileSync(path, original);
    }
    assert.equal((await verifyEpoch(ctx, 1)).ok, true);
  });

  it("verifies the next epoch, which builds on the first one's leaves and ledger", async () => {
    const ids = readFileSync(GRANT_ROUND, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id: string }).id);
    // New applications (the same ones again would be duplicates, paid nothing): thirty from epoch 1's
    // recipients, ten from new ones; the rest of the slice stays unmapped.
    const addresses = new Map(
      ids.slice(60, 100).map((id, i) => [id, addressOf(i < 30 ? (ids[i] ?? id) : id)]),
    );
    const imported = await importRound(GRANT_ROUND, FIL_RETRO_PGF_3_MAPPING, { epochId: 2, addresses });
    for (const c of imported.contributions.slice(60, 120)) await ctx.store.insertContribution(c);
    await runEpoch(ctx, 2, { until: "proposed" });
    const proposed = await verifyEpoch(ctx, 2);
    assert.equal(proposed.ok, true, explain(proposed));
    await ctx.chain.advanceTime?.(5 * DAY);
    await runEpoch(ctx, 2, { until: "finalized" });
    const finalized = await verifyEpoch(ctx, 2);
    assert.equal(finalized.ok, true, explain(finalized));
    assert.equal((await verifyEpoch(ctx, 1)).ok, true);
  });
});
