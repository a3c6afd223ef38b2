// Governance through viem: propose a list of calls to the governor, vote, queue on the timelock, execute.
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { keccak256, stringToBytes } from "viem";
import { GuildError } from "../core/errors.ts";
import { GuildGovernor } from "./contracts.generated.ts";

/** A governance transaction did not succeed. */
export class GovernanceFailed extends GuildError {}

/** One call the timelock makes when the proposal executes. */
export interface ProposalCall {
  target: Address;
  value: bigint;
  data: Hex;
}

/** The proposal as the governor identifies it: its calls and the hash of its description. */
export interface Proposal {
  id: bigint;
  calls: readonly ProposalCall[];
  description: string;
}

/** GovernorCountingSimple's vote types. */
export const VoteType = { Against: 0, For: 1, Abstain: 2 } as const;

/** OpenZeppelin's IGovernor.ProposalState. */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

type Wallet = WalletClient<Transport, Chain, Account>;
type Reader = PublicClient<Transport, Chain>;

const args = (p: Pick<Proposal, "calls" | "description">) =>
  [
    p.calls.map((c) => c.target),
    p.calls.map((c) => c.value),
    p.calls.map((c) => c.data),
    keccak256(stringToBytes(p.description)),
  ] as const;

async function confirm(publicClient: Reader, step: string, hash: Hex) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new GovernanceFailed(`${step} failed`, { step, hash });
  return receipt;
}

/** Submits a proposal from `proposer` and returns its id. */
export async function propose(
  publicClient: Reader,
  proposer: Wallet,
  governor: Address,
  calls: readonly ProposalCall[],
  description: string,
): Promise<Proposal> {
  const hash = await proposer.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "propose",
    args: [calls.map((c) => c.target), calls.map((c) => c.value), calls.map((c) => c.data), description],
  });
  await confirm(publicClient, "propose", hash);
  const id = await publicClient.readContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "getProposalId",
    args: args({ calls, description }),
  });
  return { id, calls, description };
}

/** Casts `support` (a VoteType) for `voter`. */
export async function castVote(
  publicClient: Reader,
  voter: Wallet,
  governor: Address,
  proposal: Proposal,
  support: number,
): Promise<void> {
  const hash = await voter.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "castVote",
    args: [proposal.id, support],
  });
  await confirm(publicClient, "castVote", hash);
}

/** Queues a succeeded proposal on the timelock. */
export async function queue(publicClient: Reader, sender: Wallet, governor: Address, proposal: Proposal) {
  const hash = await sender.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "queue",
    args: args(proposal),
  });
  await confirm(publicClient, "queue", hash);
}

/** Executes a queued proposal whose timelock delay has passed. */
export async function execute(publicClient: Reader, sender: Wallet, governor: Address, proposal: Proposal) {
  const hash = await sender.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "execute",
    args: args(proposal),
  });
  await confirm(publicClient, "execute", hash);
}

/** The proposal's state by name. */
export async function proposalState(publicClient: Reader, governor: Address, id: bigint) {
  const state = await publicClient.readContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "state",
    args: [id],
  });
  return Object.entries(ProposalState).find(([, value]) => value === state)?.[0] ?? "Unknown";
}
