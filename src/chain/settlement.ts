// Epoch settlement through viem: propose, veto, finalize, claim and sweep on the guild's token contract.
import type {
  Account,
  Address,
  Chain,
  Hex,
  PublicClient,
  TransactionReceipt,
  Transport,
  WalletClient,
} from "viem";
import { GuildError } from "../core/errors.ts";
import { GuildConfig, GuildToken } from "./contracts.generated.ts";

/** A settlement transaction did not succeed. */
export class SettlementFailed extends GuildError {}

type Wallet = WalletClient<Transport, Chain, Account>;
type Reader = PublicClient<Transport, Chain>;

export interface EpochProposal {
  epochId: bigint;
  root: Hex;
  /** New base units the epoch pays (its cumulative leaves minus all earlier epochs' totals). */
  total: bigint;
  /** New reputation the epoch issues, valued at `challengeEndsAt`. */
  reputationTotal: bigint;
  /**
   * Unix seconds when the challenge window ends, chosen by the node: at least the governed window after
   * the block the proposal lands in, at most a week more. Leaves value reputation as of this time.
   */
  challengeEndsAt: bigint;
  reportHash: Hex;
  configHash: Hex;
  reportUri: string;
}

export interface ClaimRequest {
  account: Address;
  cumulativeAmount: bigint;
  cumulativeReputation: bigint;
  proof: readonly Hex[];
}

export const EPOCH_STATES = ["None", "Proposed", "Vetoed", "Finalized"] as const;

async function confirm(publicClient: Reader, step: string, hash: Hex): Promise<TransactionReceipt> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new SettlementFailed(`${step} failed`, { step, hash });
  return receipt;
}

/** The node proposes an epoch; returns the receipt. */
export async function proposeEpoch(publicClient: Reader, node: Wallet, token: Address, p: EpochProposal) {
  const hash = await node.writeContract({
    address: token,
    abi: GuildToken.abi,
    functionName: "propose",
    args: [p],
  });
  return confirm(publicClient, `propose epoch ${p.epochId}`, hash);
}

/** Anyone finalizes an epoch whose challenge window has ended. */
export async function finalizeEpoch(publicClient: Reader, sender: Wallet, token: Address, epochId: bigint) {
  const call = {
    address: token,
    abi: GuildToken.abi,
    functionName: "finalize",
    args: [epochId],
    account: sender.account,
  } as const;
  const gas = ((await publicClient.estimateContractGas(call)) * GAS_MARGIN_PERCENT) / 100n;
  const hash = await sender.writeContract({ ...call, gas });
  return confirm(publicClient, `finalize epoch ${epochId}`, hash);
}

/**
 * Gas for a call, with a quarter more than the estimate: reputation decays with the block's time, so a
 * claim or finalize costs a little more when it lands a few seconds after the block it was estimated on.
 */
const GAS_MARGIN_PERCENT = 125n;

/** Claims `request.account`'s leaf against the latest root; the sender may be anyone. */
export async function claim(publicClient: Reader, sender: Wallet, token: Address, request: ClaimRequest) {
  const call = {
    address: token,
    abi: GuildToken.abi,
    functionName: "claim",
    args: [request.account, request.cumulativeAmount, request.cumulativeReputation, request.proof],
    account: sender.account,
  } as const;
  const gas = ((await publicClient.estimateContractGas(call)) * GAS_MARGIN_PERCENT) / 100n;
  const hash = await sender.writeContract({ ...call, gas });
  return confirm(publicClient, `claim for ${request.account}`, hash);
}

/** One epoch as the contract holds it, with its state by name. */
export async function readEpoch(publicClient: Reader, token: Address, epochId: bigint) {
  const epoch = await publicClient.readContract({
    address: token,
    abi: GuildToken.abi,
    functionName: "epoch",
    args: [epochId],
  });
  return { ...epoch, stateName: EPOCH_STATES[epoch.state] ?? "Unknown" };
}

/**
 * A challenge end for a proposal sent now: the latest block's time plus the governed window plus
 * `marginSeconds` for the proposal to land (the contract accepts up to a week more than the window).
 */
export async function nextChallengeEnd(
  publicClient: Reader,
  config: Address,
  marginSeconds = 60,
): Promise<bigint> {
  const [latest, window] = await Promise.all([
    publicClient.getBlock(),
    publicClient.readContract({
      address: config,
      abi: GuildConfig.abi,
      functionName: "challengeWindowSeconds",
    }),
  ]);
  return latest.timestamp + BigInt(window) + BigInt(marginSeconds);
}

/** GuildToken balance of `account` in base units; for the token's own address, the escrow. */
export function tokenBalance(publicClient: Reader, token: Address, account: Address): Promise<bigint> {
  return publicClient.readContract({
    address: token,
    abi: GuildToken.abi,
    functionName: "balanceOf",
    args: [account],
  });
}
