// The governed parameters as the chain holds them now, in one read.
import type { Address, Chain, Hex, PublicClient, Transport } from "viem";
import { GuildConfig, Reputation } from "./contracts.generated.ts";

/** GuildConfig's parameters, its hash, and Reputation's half-life; amounts in base units, times in seconds. */
export interface GovernedConfig {
  configHash: Hex;
  epochLengthSeconds: number;
  budgetPerEpoch: bigint;
  capBps: number;
  floorAmount: bigint;
  challengeWindowSeconds: number;
  claimExpirySeconds: number;
  replicationFactor: number;
  assessmentConfigHash: Hex;
  assessmentConfigUri: string;
  approvedModels: readonly Hex[];
  node: Address;
  guardian: Address;
  halfLifeSeconds: number;
}

/** Reads the config and the half-life at the same block. */
export async function readGovernedConfig(
  publicClient: PublicClient<Transport, Chain>,
  contracts: { config: Address; reputation: Address },
): Promise<GovernedConfig> {
  const blockNumber = await publicClient.getBlockNumber();
  const [params, configHash, halfLife] = await Promise.all([
    publicClient.readContract({
      address: contracts.config,
      abi: GuildConfig.abi,
      functionName: "params",
      blockNumber,
    }),
    publicClient.readContract({
      address: contracts.config,
      abi: GuildConfig.abi,
      functionName: "configHash",
      blockNumber,
    }),
    publicClient.readContract({
      address: contracts.reputation,
      abi: Reputation.abi,
      functionName: "halfLife",
      blockNumber,
    }),
  ]);
  return {
    configHash,
    epochLengthSeconds: params.epochLengthSeconds,
    budgetPerEpoch: params.budgetPerEpoch,
    capBps: params.capBps,
    floorAmount: params.floorAmount,
    challengeWindowSeconds: params.challengeWindowSeconds,
    claimExpirySeconds: params.claimExpirySeconds,
    replicationFactor: params.replicationFactor,
    assessmentConfigHash: params.assessmentConfigHash,
    assessmentConfigUri: params.assessmentConfigUri,
    approvedModels: params.approvedModels,
    node: params.node,
    guardian: params.guardian,
    halfLifeSeconds: Number(halfLife),
  };
}
