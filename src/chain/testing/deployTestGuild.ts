// Test support: a guild deployed with short windows on a ChainTarget, with named dev accounts.
import type { Address } from "viem";
import { keccak256, parseEther, stringToBytes } from "viem";
import { defaultParams } from "../defaultParams.ts";
import type { GuildAddresses, GuildParams } from "../deployGuild.ts";
import { deployGuild } from "../deployGuild.ts";
import type { ChainTarget } from "./chainTargets.ts";

/** Dev account indexes with a fixed role in every test guild. */
export const ROLES = { deployer: 0, alice: 1, bob: 2, carol: 3, outsider: 7, guardian: 8, node: 9 } as const;

export interface TestGuild {
  contracts: GuildAddresses;
  params: GuildParams;
  address(role: keyof typeof ROLES): Address;
}

/**
 * Short windows so tests can time-travel through them: 60 s timelock, 1 s voting delay, 300 s votes,
 * 1 h challenge window, 10 days to claim. Founders alice, bob and carol hold 100, 50 and 25 reputation.
 */
export async function deployTestGuild(
  target: ChainTarget,
  overrides: Partial<GuildParams> = {},
): Promise<TestGuild> {
  const address = (role: keyof typeof ROLES) => target.wallet(ROLES[role]).account.address;
  const params: GuildParams = {
    ...defaultParams(
      address("node"),
      [
        { account: address("alice"), reputation: parseEther("100") },
        { account: address("bob"), reputation: parseEther("50") },
        { account: address("carol"), reputation: parseEther("25") },
      ],
      { hash: keccak256(stringToBytes("guild:test/assessment")), uri: "guild:test/assessment" },
    ),
    guardian: address("guardian"),
    timelockDelaySeconds: 60n,
    votingDelaySeconds: 1,
    votingPeriodSeconds: 300,
    challengeWindowSeconds: 3_600,
    claimExpirySeconds: 10 * 86_400,
    ...overrides,
  };
  const deployment = await deployGuild(
    { publicClient: target.publicClient, walletClient: target.wallet(ROLES.deployer) },
    params,
  );
  return { contracts: deployment.contracts, params, address };
}
