// Every governed parameter as the chain holds it now: GuildConfig's, Reputation's half-life and the
// governor's own settings, in the API's JSON form.
import { GuildGovernor } from "../../chain/contracts.generated.ts";
import { readGovernedConfig } from "../../chain/readGovernedConfig.ts";
import type { NodeContext } from "../openNode.ts";
import type { GovernedParameters } from "./apiTypes.ts";

/** Reads the config, the half-life and the governor's voting delay, period, threshold and quorum. */
export async function readGovernedParameters(ctx: NodeContext): Promise<GovernedParameters> {
  const { publicClient } = ctx.chain;
  const governor = ctx.manifest.contracts.governor;
  const read = <F extends "votingDelay" | "votingPeriod" | "proposalThreshold">(functionName: F) =>
    publicClient.readContract({ address: governor, abi: GuildGovernor.abi, functionName });
  const [config, votingDelay, votingPeriod, proposalThreshold, quorumNumerator] = await Promise.all([
    readGovernedConfig(publicClient, ctx.manifest.contracts),
    read("votingDelay"),
    read("votingPeriod"),
    read("proposalThreshold"),
    publicClient.readContract({
      address: governor,
      abi: GuildGovernor.abi,
      functionName: "quorumNumerator",
      args: [],
    }),
  ]);
  return {
    configHash: config.configHash,
    epochLengthSeconds: config.epochLengthSeconds,
    budgetPerEpoch: config.budgetPerEpoch.toString(),
    capBps: config.capBps,
    floorAmount: config.floorAmount.toString(),
    challengeWindowSeconds: config.challengeWindowSeconds,
    claimExpirySeconds: config.claimExpirySeconds,
    replicationFactor: config.replicationFactor,
    assessmentConfigHash: config.assessmentConfigHash,
    assessmentConfigUri: config.assessmentConfigUri,
    approvedModels: [...config.approvedModels],
    node: config.node,
    guardian: config.guardian,
    halfLifeSeconds: config.halfLifeSeconds,
    votingDelaySeconds: Number(votingDelay),
    votingPeriodSeconds: Number(votingPeriod),
    proposalThreshold: proposalThreshold.toString(),
    quorumPercent: Number(quorumNumerator),
  };
}
