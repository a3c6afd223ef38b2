// Test support: mining transactions and asserting reverts by custom-error name, moving the chain's
// clock to a given time, passing proposals through the governor and the timelock, and signing the
// EIP-712 messages the contracts accept (permit, ballot, delegation).
import assert from "node:assert/strict";
import type { Abi, Account, Address, Chain, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  isHex,
  keccak256,
  pad,
  parseEventLogs,
  parseSignature,
  stringToBytes,
  toHex,
  zeroHash,
} from "viem";
import { GuildConfig, GuildGovernor, GuildTimelock, GuildToken, Reputation } from "../contracts.generated.ts";
import type { ChainTarget } from "./chainTargets.ts";
import { ROLES, type TestGuild } from "./deployTestGuild.ts";

/** Every custom error any guild contract can raise, to name reverts that bubble up from a nested call. */
export const GUILD_ERRORS: Abi = [
  ...GuildConfig.abi,
  ...GuildGovernor.abi,
  ...GuildTimelock.abi,
  ...GuildToken.abi,
  ...Reputation.abi,
].filter((item) => item.type === "error");

import { VoteType } from "../governance.ts";

type Wallet = WalletClient<Transport, Chain, Account>;

// ---------------------------------------------------------------- transactions and reverts

/** Waits for the transaction and asserts that it succeeded. */
export async function mined(target: ChainTarget, hash: Hex | Promise<Hex>): Promise<TransactionReceipt> {
  const receipt = await target.publicClient.waitForTransactionReceipt({ hash: await hash });
  assert.equal(receipt.status, "success", `transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

/** A revert decoded from a viem error: the custom error's name and arguments. */
export interface DecodedRevert {
  errorName: string;
  args: readonly unknown[];
}

/**
 * The custom error a viem error carries: decoded with the ABI of the call when it knows the error,
 * otherwise (an error bubbled up from another contract, or a plain transfer) with GUILD_ERRORS.
 */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  let raw: Hex | undefined;
  if (reverted instanceof ContractFunctionRevertedError) raw = reverted.raw;
  else {
    const withData = error.walk((e) => isHex((e as { data?: unknown }).data));
    const data = (withData as { data?: unknown } | null)?.data;
    if (isHex(data)) raw = data;
  }
  if (raw === undefined || raw.length < 10) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: GUILD_ERRORS, data: raw });
    return { errorName: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return { errorName: `unknown error ${raw.slice(0, 10)}`, args: [] };
  }
}

/**
 * Asserts that `action` (a simulateContract, writeContract, call or sendTransaction promise) is
 * rejected with the custom error `errorName`, and returns the error's arguments.
 */
export async function expectRevert(action: Promise<unknown>, errorName: string): Promise<readonly unknown[]> {
  let error: unknown;
  try {
    await action;
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `expected a revert with ${errorName}, but the call succeeded`);
  const decoded = decodeRevert(error);
  assert.equal(
    decoded?.errorName,
    errorName,
    `expected a revert with ${errorName}, got ${decoded?.errorName ?? "no custom error"}: ${String(error).slice(0, 800)}`,
  );
  return decoded?.args ?? [];
}

// ---------------------------------------------------------------- time

/** The latest block's timestamp: what `eth_call` and gas estimation see as `block.timestamp`. */
export async function chainTime(target: ChainTarget): Promise<bigint> {
  return (await target.publicClient.getBlock()).timestamp;
}

/**
 * Time-travels until the latest block is at or after `timestamp` (so the next call sees at least it).
 * Loops because a time travel is measured from the wall clock plus an offset, which can be behind a
 * chain head that was mined faster than one block per second.
 */
export async function advanceTo(target: ChainTarget, timestamp: bigint): Promise<void> {
  for (let now = await chainTime(target); now < timestamp; now = await chainTime(target)) {
    await target.timeTravel(Number(timestamp - now));
  }
}

/** Time-travels until the latest block is at least `seconds` after the current one. */
export async function advance(target: ChainTarget, seconds: number): Promise<void> {
  await advanceTo(target, (await chainTime(target)) + BigInt(seconds));
}

// ---------------------------------------------------------------- governance

/** One call the timelock makes when a proposal executes. */
export interface Call {
  target: Address;
  data: Hex;
  value?: bigint;
}

export interface Proposal {
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
  proposer: Address;
  snapshot: bigint;
  deadline: bigint;
}

/** The (targets, values, calldatas, descriptionHash) that queue, execute and cancel take. */
export function proposalArgs(p: Proposal): readonly [Address[], bigint[], Hex[], Hex] {
  return [p.targets, p.values, p.calldatas, p.descriptionHash];
}

/** Cached wallet clients per target, since deriving a mnemonic account is not free. */
const wallets = new WeakMap<ChainTarget, Map<number, Wallet>>();

/** The wallet client of dev account `index` on `target`, cached. */
export function walletOf(target: ChainTarget, index: number): Wallet {
  let byIndex = wallets.get(target);
  if (byIndex === undefined) {
    byIndex = new Map();
    wallets.set(target, byIndex);
  }
  let wallet = byIndex.get(index);
  if (wallet === undefined) {
    wallet = target.wallet(index);
    byIndex.set(index, wallet);
  }
  return wallet;
}

/** Proposes `calls` from dev account `proposer` and reads back the proposal's id, snapshot and deadline. */
export async function propose(
  target: ChainTarget,
  guild: TestGuild,
  proposer: number,
  calls: readonly Call[],
  description: string,
): Promise<Proposal> {
  const wallet = walletOf(target, proposer);
  const governor = guild.contracts.governor;
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const calldatas = calls.map((c) => c.data);
  const descriptionHash = keccak256(stringToBytes(description));
  await mined(
    target,
    wallet.writeContract({
      address: governor,
      abi: GuildGovernor.abi,
      functionName: "propose",
      args: [targets, values, calldatas, description],
    }),
  );
  const read = target.publicClient;
  const id = await read.readContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "hashProposal",
    args: [targets, values, calldatas, descriptionHash],
  });
  const [snapshot, deadline] = await Promise.all([
    read.readContract({
      address: governor,
      abi: GuildGovernor.abi,
      functionName: "proposalSnapshot",
      args: [id],
    }),
    read.readContract({
      address: governor,
      abi: GuildGovernor.abi,
      functionName: "proposalDeadline",
      args: [id],
    }),
  ]);
  return {
    id,
    targets,
    values,
    calldatas,
    description,
    descriptionHash,
    proposer: wallet.account.address,
    snapshot,
    deadline,
  };
}

/** The proposal's state, as a ProposalState number. */
export async function proposalState(target: ChainTarget, guild: TestGuild, p: Proposal): Promise<number> {
  return target.publicClient.readContract({
    address: guild.contracts.governor,
    abi: GuildGovernor.abi,
    functionName: "state",
    args: [p.id],
  });
}

/** Waits for the vote to open, casts dev account `voter`'s vote, and returns its weight from VoteCast. */
export async function vote(
  target: ChainTarget,
  guild: TestGuild,
  voter: number,
  p: Proposal,
  support: number = VoteType.For,
): Promise<bigint> {
  await advanceTo(target, p.snapshot + 1n);
  const receipt = await mined(
    target,
    walletOf(target, voter).writeContract({
      address: guild.contracts.governor,
      abi: GuildGovernor.abi,
      functionName: "castVote",
      args: [p.id, support],
    }),
  );
  return voteWeight(receipt);
}

/** The weight of the one VoteCast event in `receipt`. */
export function voteWeight(receipt: TransactionReceipt): bigint {
  const [cast, ...rest] = parseEventLogs({
    abi: GuildGovernor.abi,
    eventName: "VoteCast",
    logs: receipt.logs,
  });
  assert.ok(cast !== undefined && rest.length === 0, "expected exactly one VoteCast event");
  return cast.args.weight;
}

/** Waits for the vote to close and queues the proposal on the timelock; returns its eta. */
export async function queue(
  target: ChainTarget,
  guild: TestGuild,
  p: Proposal,
  sender: number = ROLES.outsider,
): Promise<bigint> {
  await advanceTo(target, p.deadline + 1n);
  const governor = guild.contracts.governor;
  await mined(
    target,
    walletOf(target, sender).writeContract({
      address: governor,
      abi: GuildGovernor.abi,
      functionName: "queue",
      args: proposalArgs(p),
    }),
  );
  return target.publicClient.readContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "proposalEta",
    args: [p.id],
  });
}

/** Waits for the timelock delay (the eta) and executes the queued proposal. */
export async function execute(
  target: ChainTarget,
  guild: TestGuild,
  p: Proposal,
  sender: number = ROLES.outsider,
): Promise<TransactionReceipt> {
  const eta = await target.publicClient.readContract({
    address: guild.contracts.governor,
    abi: GuildGovernor.abi,
    functionName: "proposalEta",
    args: [p.id],
  });
  assert.ok(eta > 0n, "the proposal is not queued");
  await advanceTo(target, eta);
  const total = p.values.reduce((a, b) => a + b, 0n);
  return mined(
    target,
    walletOf(target, sender).writeContract({
      address: guild.contracts.governor,
      abi: GuildGovernor.abi,
      functionName: "execute",
      args: proposalArgs(p),
      value: total,
    }),
  );
}

/**
 * Propose → vote (each of `voters` for) → queue → execute, with time travel between the steps.
 * Returns the proposal and the execution receipt.
 */
export async function passProposal(
  target: ChainTarget,
  guild: TestGuild,
  calls: readonly Call[],
  description: string,
  options: { proposer?: number; voters?: readonly number[] } = {},
): Promise<{ proposal: Proposal; receipt: TransactionReceipt }> {
  const proposal = await propose(target, guild, options.proposer ?? ROLES.alice, calls, description);
  for (const voter of options.voters ?? [ROLES.alice]) await vote(target, guild, voter, proposal);
  await queue(target, guild, proposal);
  const receipt = await execute(target, guild, proposal);
  return { proposal, receipt };
}

/** The salt GovernorTimelockControl schedules a proposal with: `bytes20(governor) ^ descriptionHash`. */
export function timelockSalt(governor: Address, descriptionHash: Hex): Hex {
  return pad(toHex((BigInt(governor) << 96n) ^ BigInt(descriptionHash)), { size: 32 });
}

/** The id of the timelock operation the governor schedules for `p`. */
export async function timelockOperationId(target: ChainTarget, guild: TestGuild, p: Proposal): Promise<Hex> {
  return target.publicClient.readContract({
    address: guild.contracts.timelock,
    abi: GuildTimelock.abi,
    functionName: "hashOperationBatch",
    args: [
      p.targets,
      p.values,
      p.calldatas,
      zeroHash,
      timelockSalt(guild.contracts.governor, p.descriptionHash),
    ],
  });
}

// ---------------------------------------------------------------- EIP-712

export interface Eip712Domain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

/** The EIP-712 domain a contract reports through ERC-5267 `eip712Domain()`. */
export async function eip712DomainOf(target: ChainTarget, address: Address): Promise<Eip712Domain> {
  const [, name, version, chainId, verifyingContract] = await target.publicClient.readContract({
    address,
    abi: GuildToken.abi,
    functionName: "eip712Domain",
  });
  return { name, version, chainId: Number(chainId), verifyingContract };
}

/** A 65-byte signature split into the (v, r, s) that permit and delegateBySig take. */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  const { r, s, v, yParity } = parseSignature(signature);
  return { v: v === undefined ? 27 + yParity : Number(v), r, s };
}

/** Signs an EIP-2612 Permit with dev account `owner`. */
export async function signPermit(
  target: ChainTarget,
  owner: number,
  domain: Eip712Domain,
  message: { spender: Address; value: bigint; nonce: bigint; deadline: bigint },
): Promise<{ v: number; r: Hex; s: Hex }> {
  const wallet = walletOf(target, owner);
  const signature = await wallet.signTypedData({
    domain,
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner: wallet.account.address, ...message },
  });
  return splitSignature(signature);
}

/** Signs a Governor Ballot with dev account `voter`; returns the packed signature castVoteBySig takes. */
export async function signBallot(
  target: ChainTarget,
  voter: number,
  domain: Eip712Domain,
  message: { proposalId: bigint; support: number; nonce: bigint },
): Promise<Hex> {
  const wallet = walletOf(target, voter);
  return wallet.signTypedData({
    domain,
    types: {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Ballot",
    message: { ...message, voter: wallet.account.address },
  });
}

/** Signs a Reputation Delegation with dev account `delegator`. */
export async function signDelegation(
  target: ChainTarget,
  delegator: number,
  domain: Eip712Domain,
  message: { delegatee: Address; nonce: bigint; expiry: bigint },
): Promise<{ v: number; r: Hex; s: Hex }> {
  const signature = await walletOf(target, delegator).signTypedData({
    domain,
    types: {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    primaryType: "Delegation",
    message,
  });
  return splitSignature(signature);
}
