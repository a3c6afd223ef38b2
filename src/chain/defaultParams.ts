// The parameters a new guild starts with unless the operator says otherwise.
import type { Address, Hex } from "viem";
import { keccak256, parseEther, stringToBytes, zeroAddress } from "viem";
import type { GuildParams } from "./deployGuild.ts";

const DAY = 86_400;

/** Content URI and hash of the built-in assessment configuration (rubric and evaluator weights). */
export const BUILTIN_ASSESSMENT_URI = "guild:builtin/assessment-v1";
export const BUILTIN_ASSESSMENT_HASH: Hex = keccak256(stringToBytes(BUILTIN_ASSESSMENT_URI));

/**
 * Defaults for a real guild: weekly epochs, 90 days to claim, a 1-second voting delay (the snapshot is
 * always after the proposal), 2-day votes, a 1-day timelock, 4% quorum, reputation halving every 180
 * days, and a 4-day challenge window: long enough for a governance veto (vote, then timelock) to land
 * inside it, not only the guardian's.
 */
export function defaultParams(operator: Address, founders: GuildParams["founders"]): GuildParams {
  return {
    founders,
    initialSupply: parseEther("1000000"),
    node: operator,
    guardian: zeroAddress,
    timelockDelaySeconds: BigInt(DAY),
    votingDelaySeconds: 1,
    votingPeriodSeconds: 2 * DAY,
    proposalThreshold: parseEther("1"),
    quorumPercent: 4n,
    halfLifeSeconds: 180 * DAY,
    epochLengthSeconds: 7 * DAY,
    budgetPerEpoch: parseEther("10000"),
    capBps: 2_000,
    floorAmount: parseEther("1"),
    challengeWindowSeconds: 4 * DAY,
    claimExpirySeconds: 90 * DAY,
    replicationFactor: 3,
    assessmentConfigHash: BUILTIN_ASSESSMENT_HASH,
    assessmentConfigUri: BUILTIN_ASSESSMENT_URI,
    approvedModels: [],
  };
}
