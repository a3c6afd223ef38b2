// The parameters a new guild starts with unless the operator says otherwise.
import type { Address, Hex } from "viem";
import { parseEther, zeroAddress } from "viem";
import type { GuildParams } from "./deployGuild.ts";

const DAY = 86_400;

/**
 * Defaults for a real guild: weekly epochs, 90 days to claim, a 1-second voting delay (the snapshot is
 * always after the proposal), 2-day votes, a 1-day timelock, 4% quorum, reputation halving every 180
 * days, and a 4-day challenge window: long enough for a governance veto (vote, then timelock) to land
 * inside it, not only the guardian's. `assessment` names the governed assessment configuration (rubric,
 * evaluators, weights) by content hash and URI.
 */
export function defaultParams(
  operator: Address,
  founders: GuildParams["founders"],
  assessment: { hash: Hex; uri: string },
): GuildParams {
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
    assessmentConfigHash: assessment.hash,
    assessmentConfigUri: assessment.uri,
    approvedModels: [],
  };
}
