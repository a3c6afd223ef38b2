// Deploys the full contract suite and wires its roles: the node may propose epochs, the timelock owns
// the config and the treasury, the governor alone may queue on the timelock, and the deployer keeps nothing.
import type { Abi, Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { getAddress, zeroAddress } from "viem";
import { GuildError } from "../core/errors.ts";
import { GuildConfig, GuildGovernor, GuildTimelock, GuildToken, Reputation } from "./contracts.generated.ts";

/** A deployment transaction failed or produced no contract. */
export class DeploymentFailed extends GuildError {}

/** The governed parameters a guild starts with; every amount in base units, every time in seconds. */
export interface GuildParams {
  founders: readonly { account: Address; reputation: bigint }[];
  initialSupply: bigint;
  node: Address;
  guardian: Address;
  timelockDelaySeconds: bigint;
  votingDelaySeconds: number;
  votingPeriodSeconds: number;
  proposalThreshold: bigint;
  quorumPercent: bigint;
  halfLifeSeconds: number;
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
}

export interface GuildAddresses {
  timelock: Address;
  reputation: Address;
  governor: Address;
  config: Address;
  token: Address;
}

export interface Deployment {
  chainId: number;
  deployer: Address;
  blockNumber: bigint;
  contracts: GuildAddresses;
}

type Clients = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

/**
 * Deploys timelock, reputation, governor, config and token in that order, then hands the timelock to
 * the governor and renounces the deployer's admin role.
 * @throws DeploymentFailed naming the step that failed
 */
export async function deployGuild(
  { publicClient, walletClient }: Clients,
  params: GuildParams,
): Promise<Deployment> {
  const deployer = walletClient.account.address;
  const chainId = await publicClient.getChainId();

  const deploy = async (name: string, artifact: { abi: Abi; bytecode: Hex }, args: readonly unknown[]) => {
    const hash = await walletClient.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args,
      chain: walletClient.chain,
      account: walletClient.account,
    } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new DeploymentFailed(`deploying ${name} failed`, { name, hash, status: receipt.status });
    }
    return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber };
  };
  const send = async (step: string, request: Parameters<typeof walletClient.writeContract>[0]) => {
    const hash = await walletClient.writeContract(request);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new DeploymentFailed(`${step} failed`, { step, hash });
  };

  const timelock = await deploy("GuildTimelock", GuildTimelock, [
    params.timelockDelaySeconds,
    [],
    [zeroAddress],
    deployer,
  ]);
  const reputation = await deploy("Reputation", Reputation, [
    timelock.address,
    params.halfLifeSeconds,
    params.founders.map((f) => f.account),
    params.founders.map((f) => f.reputation),
  ]);
  const governor = await deploy("GuildGovernor", GuildGovernor, [
    reputation.address,
    timelock.address,
    params.votingDelaySeconds,
    params.votingPeriodSeconds,
    params.proposalThreshold,
    params.quorumPercent,
  ]);
  const config = await deploy("GuildConfig", GuildConfig, [
    timelock.address,
    {
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
    },
  ]);
  const token = await deploy("GuildToken", GuildToken, [
    params.initialSupply,
    timelock.address,
    config.address,
    reputation.address,
  ]);

  const common = { chain: walletClient.chain, account: walletClient.account } as const;
  await send("Reputation.initialize", {
    ...common,
    address: reputation.address,
    abi: Reputation.abi,
    functionName: "initialize",
    args: [token.address],
  });
  const role = async (name: "PROPOSER_ROLE" | "CANCELLER_ROLE" | "DEFAULT_ADMIN_ROLE") =>
    publicClient.readContract({ address: timelock.address, abi: GuildTimelock.abi, functionName: name });
  for (const name of ["PROPOSER_ROLE", "CANCELLER_ROLE"] as const) {
    await send(`GuildTimelock.grantRole(${name})`, {
      ...common,
      address: timelock.address,
      abi: GuildTimelock.abi,
      functionName: "grantRole",
      args: [await role(name), governor.address],
    });
  }
  await send("GuildTimelock.renounceRole(DEFAULT_ADMIN_ROLE)", {
    ...common,
    address: timelock.address,
    abi: GuildTimelock.abi,
    functionName: "renounceRole",
    args: [await role("DEFAULT_ADMIN_ROLE"), deployer],
  });

  return {
    chainId,
    deployer,
    blockNumber: timelock.blockNumber,
    contracts: {
      timelock: timelock.address,
      reputation: reputation.address,
      governor: governor.address,
      config: config.address,
      token: token.address,
    },
  };
}
