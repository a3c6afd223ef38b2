import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodeFunctionData } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { assessmentConfigHash } from "../assess/assessmentConfig.ts";
import { GuildConfig } from "../chain/contracts.generated.ts";
import { castVote, execute, propose, queue, VoteType } from "../chain/governance.ts";
import { calibrateAssessment, NothingToCalibrate } from "./calibrateAssessment.ts";
import { assessEpoch } from "./epoch/assessEpoch.ts";
import { closeEpoch } from "./epoch/closeEpoch.ts";
import { answerSpotChecks } from "./epoch/testing/answerSpotChecks.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import { publishAssessment, publishedAssessmentUri } from "./publishedAssessments.ts";

/** Four jurors who value contributions by one criterion alone: clarity. */
const jurors = [0x71, 0x72, 0x73, 0x74].map((n) => privateKeyToAccount(`0x${n.toString(16).repeat(32)}`));
const CRITERION = "clarity";

describe("calibrating the rubric to jurors", { skip: NO_GRANT_ROUND }, () => {
  let dataDir: string;
  let ctx: NodeContext;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "guild-calibrate-"));
    await prepareGuild(dataDir, { applications: 16, mapped: 16 });
    ctx = await openNode({ chain: { dataDir } });
    await closeEpoch(ctx, 1);
    await assessEpoch(ctx, 1);
  });

  after(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("has nothing to calibrate before any juror answers", async () => {
    await assert.rejects(calibrateAssessment(ctx), NothingToCalibrate);
  });

  it("moves weight to the criterion jurors reward, agrees better with held-out jurors, and runs once governance approves", async () => {
    const scores = new Map(
      (await ctx.store.listVerdicts({ epochId: 1 })).map((v) => [
        v.contributionId,
        v.scores.find((s) => s.criterion === CRITERION)?.score ?? 0,
      ]),
    );
    await answerSpotChecks(ctx, 1, jurors, (id) => scores.get(id) ?? 0, 8);

    const calibration = await calibrateAssessment(ctx, { folds: 4 });
    assert.equal(calibration.jurors, 4);
    assert.ok(calibration.pairs >= 24);
    const clarity = calibration.criteria.find((c) => c.id === CRITERION);
    assert.ok(
      clarity !== undefined && clarity.calibratedBps > clarity.currentBps,
      JSON.stringify(calibration.criteria),
    );
    assert.equal(
      calibration.criteria.reduce((s, c) => s + c.calibratedBps, 0),
      10_000,
    );
    assert.equal(calibration.heldOut?.folds, 4);
    assert.ok(
      (calibration.heldOut?.calibrated.accuracy ?? 0) >= (calibration.heldOut?.current.accuracy ?? 1),
      JSON.stringify(calibration.heldOut),
    );

    // Not applied silently: published, proposed, voted, queued, executed, and only then run.
    const hash = publishAssessment(dataDir, calibration.config);
    assert.equal(hash, calibration.configHash);
    const { publicClient, walletClient, advanceTime, devWallet } = ctx.chain;
    assert.ok(advanceTime !== undefined && devWallet !== undefined);
    const { governor, config } = ctx.manifest.contracts;
    // The governor counts votes as of the second before a proposal: let the founding second pass.
    await advanceTime(2);
    const proposal = await propose(
      publicClient,
      walletClient,
      governor,
      [
        {
          target: config,
          value: 0n,
          data: encodeFunctionData({
            abi: GuildConfig.abi,
            functionName: "setAssessmentConfig",
            args: [hash, publishedAssessmentUri(hash)],
          }),
        },
      ],
      "Calibrate the rubric to the jurors",
    );
    assert.notEqual(assessmentConfigHash(ctx.assessment), hash);
    await advanceTime(2);
    await castVote(publicClient, walletClient, governor, proposal, VoteType.For);
    await advanceTime(2 * 86_400 + 1);
    await queue(publicClient, walletClient, governor, proposal);
    await advanceTime(86_400 + 1);
    await execute(publicClient, walletClient, governor, proposal);
    await ctx.close();
    ctx = await openNode({ chain: { dataDir } });
    assert.equal(assessmentConfigHash(ctx.assessment), hash);
    const closed = await closeEpoch(ctx, 2);
    assert.equal(closed.state, "closed");
  });
});
