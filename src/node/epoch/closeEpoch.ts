// Step open → closed: fix the epoch's contributions and the governed rules it will run under.
import { assessmentConfigHash, checkModelsApproved } from "../../assess/assessmentConfig.ts";
import { readGovernedConfig } from "../../chain/readGovernedConfig.ts";
import { GuildError } from "../../core/errors.ts";
import type { EpochRecord } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { writeSnapshot } from "./epochLedger.ts";
import { requireEpoch } from "./requireEpoch.ts";

/** The chain's governed assessment configuration is not the one this node would run. */
export class AssessmentConfigNotApproved extends GuildError {}

/**
 * Closes epoch `epochId`: records its contributions and the governed config (read from the chain now),
 * moves it to `closed` and opens the next epoch, all in one transaction. Closing a closed epoch returns
 * it unchanged.
 * @throws UnknownEpoch; AssessmentConfigNotApproved when GuildConfig.assessmentConfigHash is not the
 *   hash of the node's assessment configuration; AssessmentModelNotApproved when its LLM judge's model
 *   digest is not among GuildConfig.approvedModels
 */
export async function closeEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  const epoch = await requireEpoch(ctx, epochId);
  if (epoch.state !== "open") return epoch;
  const config = await readGovernedConfig(ctx.chain.publicClient, ctx.manifest.contracts);
  const ours = assessmentConfigHash(ctx.assessment);
  if (config.assessmentConfigHash !== ours) {
    throw new AssessmentConfigNotApproved(
      "governance approved another assessment configuration than this node's",
      {
        approved: config.assessmentConfigHash,
        node: ours,
        uri: config.assessmentConfigUri,
      },
    );
  }
  // An LLM judge runs only on weights governance approved (GuildConfig.approvedModels).
  checkModelsApproved(ctx.assessment, config.approvedModels);
  const contributionIds = await ctx.store.listContributionIds(epochId);
  const latest = await ctx.chain.publicClient.getBlock();
  ctx.crashpoint("close:before-write");
  return ctx.store.transaction(async (tx) => {
    await writeSnapshot(tx, epochId, "closed", {
      config: {
        configHash: config.configHash,
        budgetPerEpoch: config.budgetPerEpoch.toString(),
        capBps: config.capBps,
        floorAmount: config.floorAmount.toString(),
        challengeWindowSeconds: config.challengeWindowSeconds,
        claimExpirySeconds: config.claimExpirySeconds,
        replicationFactor: config.replicationFactor,
        assessmentConfigHash: config.assessmentConfigHash,
        halfLifeSeconds: config.halfLifeSeconds,
      },
      contributionIds,
      closedAt: Number(latest.timestamp),
    });
    const closed = await tx.advanceEpoch({
      epochId,
      from: "open",
      to: "closed",
      outputs: { configHash: config.configHash },
    });
    await tx.openEpoch(epochId + 1);
    return closed;
  });
}
