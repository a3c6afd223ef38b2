// The guild's integration tests through viem, written once and run against every chain target (the
// in-process EDR and a `hardhat node` over JSON-RPC). Each describe opens its own target, deploys a
// fresh test guild, and closes the target when done; tests inside a describe share that guild, and
// the epoch lifecycle's tests are steps of one story that run in order.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address, Hex } from "viem";
import {
  encodeAbiParameters,
  encodeFunctionData,
  getAbiItem,
  getAddress,
  keccak256,
  maxUint256,
  parseEther,
  parseEventLogs,
  stringToBytes,
  toFunctionSelector,
  zeroAddress,
  zeroHash,
} from "viem";
import { decayReputation } from "../core/reputation/decayReputation.ts";
import { GuildConfig, GuildGovernor, GuildTimelock, GuildToken, Reputation } from "./contracts.generated.ts";
import type { GuildAddresses, GuildParams } from "./deployGuild.ts";
import { ProposalState, VoteType } from "./governance.ts";
import { claim as claimOnChain, finalizeEpoch as finalizeOnChain, nextChallengeEnd } from "./settlement.ts";
import type { ChainTarget } from "./testing/chainTargets.ts";
import { deployTestGuild, ROLES, type TestGuild } from "./testing/deployTestGuild.ts";
import {
  advance,
  advanceTo,
  chainTime,
  eip712DomainOf,
  execute,
  expectRevert,
  mined,
  type Proposal,
  passProposal,
  proposalArgs,
  proposalState,
  propose,
  queue,
  signBallot,
  signDelegation,
  signPermit,
  timelockOperationId,
  timelockSalt,
  vote,
  voteWeight,
  walletOf,
} from "./testing/governance.ts";

type Role = keyof typeof ROLES;

/** The chain target and the guild deployed on it, filled in by the describe's `before`. */
interface Ctx {
  target: ChainTarget;
  guild: TestGuild;
}

/** Registers `before`/`after` hooks that open a target, deploy a fresh guild, and close the target. */
function freshGuild(makeTarget: () => Promise<ChainTarget>, overrides: Partial<GuildParams> = {}): Ctx {
  const ctx = {} as Ctx;
  before(async () => {
    ctx.target = await makeTarget();
    const guild = await deployTestGuild(ctx.target, overrides);
    // Deployment reports addresses as receipts give them (lower case); contracts return checksummed ones.
    const checksummed = (Object.entries(guild.contracts) as [keyof GuildAddresses, Address][]).map(
      ([name, address]) => [name, getAddress(address)] as const,
    );
    ctx.guild = { ...guild, contracts: Object.fromEntries(checksummed) as unknown as GuildAddresses };
    // Blocks may share a second, and the governor reads a proposer's power at `clock() - 1`: let the
    // founders' reputation, minted at deployment, lie in the past before any test proposes.
    await advance(ctx.target, 1);
  });
  after(async () => {
    await ctx.target?.close();
  });
  return ctx;
}

const wallet = (ctx: Ctx, role: Role) => walletOf(ctx.target, ROLES[role]);

const tokenBalance = (ctx: Ctx, account: Address) =>
  ctx.target.publicClient.readContract({
    address: ctx.guild.contracts.token,
    abi: GuildToken.abi,
    functionName: "balanceOf",
    args: [account],
  });

const votesOf = (ctx: Ctx, account: Address) =>
  ctx.target.publicClient.readContract({
    address: ctx.guild.contracts.reputation,
    abi: Reputation.abi,
    functionName: "getVotes",
    args: [account],
  });

const configHash = (ctx: Ctx) =>
  ctx.target.publicClient.readContract({
    address: ctx.guild.contracts.config,
    abi: GuildConfig.abi,
    functionName: "configHash",
  });

// ---------------------------------------------------------------- epochs

/** A cumulative leaf: (account, cumulativeAmount, cumulativeReputation). */
type Leaf = [Address, bigint, bigint];

interface EpochTree {
  root: Hex;
  leaf(account: Address): Leaf;
  proof(account: Address): Hex[];
}

function epochTree(leaves: Leaf[]): EpochTree {
  const tree = StandardMerkleTree.of(leaves, ["address", "uint256", "uint256"]);
  const index = (account: Address) => {
    const i = leaves.findIndex(([a]) => a === account);
    assert.ok(i >= 0, `no leaf for ${account}`);
    return i;
  };
  return {
    root: tree.root as Hex,
    leaf: (account) => leaves[index(account)] as Leaf,
    proof: (account) => tree.getProof(index(account)) as Hex[],
  };
}

/**
 * The node proposes epoch `epochId` under the config in force, with its challenge window ending at
 * `challengeEndsAt` (by default the earliest allowed plus a minute); returns when the window ends.
 */
async function proposeEpoch(
  ctx: Ctx,
  epochId: bigint,
  tree: EpochTree,
  total: bigint,
  reputationTotal: bigint,
  challengeEndsAt?: bigint,
): Promise<bigint> {
  const { token, config } = ctx.guild.contracts;
  await mined(
    ctx.target,
    wallet(ctx, "node").writeContract({
      address: token,
      abi: GuildToken.abi,
      functionName: "propose",
      args: [
        {
          epochId,
          root: tree.root,
          total,
          reputationTotal,
          challengeEndsAt: challengeEndsAt ?? (await nextChallengeEnd(ctx.target.publicClient, config)),
          reportHash: keccak256(stringToBytes(`report ${epochId}`)),
          configHash: await configHash(ctx),
          reportUri: `ipfs://report-${epochId}`,
        },
      ],
    }),
  );
  const e = await ctx.target.publicClient.readContract({
    address: token,
    abi: GuildToken.abi,
    functionName: "epoch",
    args: [epochId],
  });
  return BigInt(e.challengeEndsAt);
}

const EpochState = { None: 0, Proposed: 1, Vetoed: 2, Finalized: 3 } as const;

/** `actual` is `issued` after a little decay: not more, and within a millionth (minutes of a 180-day half-life). */
function assertDecayedFrom(actual: bigint, issued: bigint) {
  assert.ok(
    actual <= issued && actual * 1_000_000n >= issued * 999_999n,
    `${actual} is not ${issued} slightly decayed`,
  );
}

async function epochState(ctx: Ctx, epochId: bigint): Promise<number> {
  const e = await ctx.target.publicClient.readContract({
    address: ctx.guild.contracts.token,
    abi: GuildToken.abi,
    functionName: "epoch",
    args: [epochId],
  });
  return e.state;
}

/** Waits out the challenge window and finalizes the epoch from `by`. */
async function finalizeEpoch(ctx: Ctx, epochId: bigint, endsAt: bigint, by: Role = "outsider") {
  await advanceTo(ctx.target, endsAt);
  // As the node finalizes: with its gas margin, since reputation's decay makes the cost depend on the
  // second the transaction lands in, which need not be the one it was estimated in.
  return finalizeOnChain(ctx.target.publicClient, wallet(ctx, by), ctx.guild.contracts.token, epochId);
}

/** `by` submits `account`'s claim against the latest root; returns the Claimed event's (amount, reputation). */
async function claim(ctx: Ctx, by: Role, tree: EpochTree, account: Address) {
  const [leafAccount, amount, reputation] = tree.leaf(account);
  const receipt = await claimOnChain(ctx.target.publicClient, wallet(ctx, by), ctx.guild.contracts.token, {
    account: leafAccount,
    cumulativeAmount: amount,
    cumulativeReputation: reputation,
    proof: tree.proof(account),
  });
  const [event] = parseEventLogs({ abi: GuildToken.abi, eventName: "Claimed", logs: receipt.logs });
  assert.ok(event, "no Claimed event");
  return event.args;
}

/** The simulateContract arguments of a claim, for asserting that it reverts. */
function simulateClaim(ctx: Ctx, by: Role, tree: EpochTree, account: Address) {
  const [leafAccount, amount, reputation] = tree.leaf(account);
  return ctx.target.publicClient.simulateContract({
    account: wallet(ctx, by).account,
    address: ctx.guild.contracts.token,
    abi: GuildToken.abi,
    functionName: "claim",
    args: [leafAccount, amount, reputation, tree.proof(account)],
  });
}

const setFloorCall = (ctx: Ctx, amount: bigint) => ({
  target: ctx.guild.contracts.config,
  data: encodeFunctionData({ abi: GuildConfig.abi, functionName: "setFloorAmount", args: [amount] }),
});

/** Simulates governor.queue / governor.execute of `p` from the outsider. */
function simulateGovernor(ctx: Ctx, functionName: "queue" | "execute", p: Proposal) {
  return ctx.target.publicClient.simulateContract({
    account: wallet(ctx, "outsider").account,
    address: ctx.guild.contracts.governor,
    abi: GuildGovernor.abi,
    functionName,
    args: proposalArgs(p),
  });
}

/** Asserts that queue and execute both revert GovernorUnexpectedProposalState naming state `expected`. */
async function assertCannotQueueOrExecute(ctx: Ctx, p: Proposal, expected: number) {
  for (const fn of ["queue", "execute"] as const) {
    const args = await expectRevert(simulateGovernor(ctx, fn, p), "GovernorUnexpectedProposalState");
    assert.equal(args[0], p.id);
    assert.equal(args[1], expected, `${fn} should see state ${expected}`);
  }
}

// ---------------------------------------------------------------- the suite

export function guildSuite(makeTarget: () => Promise<ChainTarget>): void {
  describe("deployment and roles", () => {
    const ctx = freshGuild(makeTarget);

    const timelockRole = (
      name: "DEFAULT_ADMIN_ROLE" | "PROPOSER_ROLE" | "EXECUTOR_ROLE" | "CANCELLER_ROLE",
    ) =>
      ctx.target.publicClient.readContract({
        address: ctx.guild.contracts.timelock,
        abi: GuildTimelock.abi,
        functionName: name,
      });
    const hasRole = async (role: Hex, account: Address) =>
      ctx.target.publicClient.readContract({
        address: ctx.guild.contracts.timelock,
        abi: GuildTimelock.abi,
        functionName: "hasRole",
        args: [role, account],
      });

    it("leaves the deployer without any timelock role", async () => {
      const deployer = ctx.guild.address("deployer");
      for (const name of [
        "DEFAULT_ADMIN_ROLE",
        "PROPOSER_ROLE",
        "EXECUTOR_ROLE",
        "CANCELLER_ROLE",
      ] as const) {
        assert.equal(await hasRole(await timelockRole(name), deployer), false, `deployer holds ${name}`);
      }
    });

    it("gives the governor the proposer and canceller roles, and the timelock administers itself", async () => {
      const { governor, timelock } = ctx.guild.contracts;
      assert.equal(await hasRole(await timelockRole("PROPOSER_ROLE"), governor), true);
      assert.equal(await hasRole(await timelockRole("CANCELLER_ROLE"), governor), true);
      assert.equal(await hasRole(await timelockRole("DEFAULT_ADMIN_ROLE"), governor), false);
      assert.equal(await hasRole(await timelockRole("DEFAULT_ADMIN_ROLE"), timelock), true);
      // Execution is open to anyone (the zero address holds EXECUTOR_ROLE): only scheduling is gated.
      assert.equal(await hasRole(await timelockRole("EXECUTOR_ROLE"), zeroAddress), true);
      const read = ctx.target.publicClient;
      assert.equal(
        await read.readContract({ address: governor, abi: GuildGovernor.abi, functionName: "timelock" }),
        timelock,
      );
      assert.equal(
        await read.readContract({ address: governor, abi: GuildGovernor.abi, functionName: "token" }),
        ctx.guild.contracts.reputation,
      );
    });

    it("mints the whole initial supply to the treasury (the timelock)", async () => {
      const { token, timelock } = ctx.guild.contracts;
      const read = ctx.target.publicClient;
      const supply = await read.readContract({
        address: token,
        abi: GuildToken.abi,
        functionName: "totalSupply",
      });
      assert.equal(supply, ctx.guild.params.initialSupply);
      assert.equal(await tokenBalance(ctx, timelock), supply);
      assert.equal(await tokenBalance(ctx, ctx.guild.address("deployer")), 0n);
      assert.equal(await tokenBalance(ctx, token), 0n);
      assert.equal(
        await read.readContract({ address: token, abi: GuildToken.abi, functionName: "treasury" }),
        timelock,
      );
      assert.equal(
        await read.readContract({
          address: token,
          abi: GuildToken.abi,
          functionName: "allowance",
          args: [timelock, token],
        }),
        maxUint256,
      );
    });

    it("gives the token no owner and no mint function", async () => {
      const names: string[] = GuildToken.abi.flatMap((item) => (item.type === "function" ? [item.name] : []));
      for (const name of ["owner", "mint", "burn", "transferOwnership", "renounceOwnership"]) {
        assert.ok(!names.includes(name), `GuildToken's ABI has ${name}`);
      }
      // Nor do the selectors answer on chain: the token has no fallback that would accept them.
      const outsider = wallet(ctx, "outsider").account;
      for (const signature of ["owner()", "mint(address,uint256)"]) {
        await assert.rejects(
          ctx.target.publicClient.call({
            account: outsider,
            to: ctx.guild.contracts.token,
            data: `${toFunctionSelector(signature)}${"0".repeat(128)}` as Hex,
          }),
          `${signature} answered`,
        );
      }
    });

    it("refuses a second Reputation.initialize with ReputationAlreadyInitialized", async () => {
      const { reputation, token } = ctx.guild.contracts;
      const read = ctx.target.publicClient;
      assert.equal(
        await read.readContract({ address: reputation, abi: Reputation.abi, functionName: "settlement" }),
        token,
      );
      for (const role of ["deployer", "outsider"] as const) {
        await expectRevert(
          read.simulateContract({
            account: wallet(ctx, role).account,
            address: reputation,
            abi: Reputation.abi,
            functionName: "initialize",
            args: [wallet(ctx, role).account.address],
          }),
          "ReputationAlreadyInitialized",
        );
      }
      // Also as a sent transaction, not only as a simulation.
      await expectRevert(
        wallet(ctx, "deployer").writeContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "initialize",
          args: [zeroAddress],
        }),
        "ReputationAlreadyInitialized",
      );
    });
  });

  describe("governance end to end", () => {
    const ctx = freshGuild(makeTarget);

    it("changes GuildConfig.capBps 2000 → 1500 by propose, vote, queue, timelock delay, execute", async () => {
      const { target, guild } = ctx;
      const { config } = guild.contracts;
      const read = target.publicClient;
      const capBps = () =>
        read.readContract({ address: config, abi: GuildConfig.abi, functionName: "capBps" });
      assert.equal(await capBps(), 2000);
      const hashBefore = await configHash(ctx);

      const p = await propose(
        target,
        guild,
        ROLES.alice,
        [
          {
            target: config,
            data: encodeFunctionData({ abi: GuildConfig.abi, functionName: "setCapBps", args: [1500] }),
          },
        ],
        "Lower the per-recipient cap to 15%",
      );
      assert.equal(await proposalState(target, guild, p), ProposalState.Pending);
      assert.equal(
        p.snapshot - (await chainTime(target)),
        1n,
        "the snapshot is the voting delay after the proposal",
      );

      const aliceWeight = await vote(target, guild, ROLES.alice, p, VoteType.For);
      const bobWeight = await vote(target, guild, ROLES.bob, p, VoteType.For);
      const pastVotes = (role: Role) =>
        read.readContract({
          address: guild.contracts.reputation,
          abi: Reputation.abi,
          functionName: "getPastVotes",
          args: [guild.address(role), p.snapshot],
        });
      assert.equal(aliceWeight, await pastVotes("alice"));
      assert.equal(bobWeight, await pastVotes("bob"));
      assert.ok(
        aliceWeight > parseEther("99") && aliceWeight <= parseEther("100"),
        `alice weight ${aliceWeight}`,
      );
      assert.equal(await proposalState(target, guild, p), ProposalState.Active);

      const eta = await queue(target, guild, p);
      assert.equal(await proposalState(target, guild, p), ProposalState.Queued);
      assert.ok(eta >= (await chainTime(target)) + 59n, "the eta is the timelock delay after queueing");
      assert.equal(await capBps(), 2000, "nothing changes while queued");

      const receipt = await execute(target, guild, p);
      assert.equal(await proposalState(target, guild, p), ProposalState.Executed);
      assert.equal(await capBps(), 1500);

      const hashAfter = await configHash(ctx);
      assert.notEqual(hashAfter, hashBefore);
      const params = await read.readContract({
        address: config,
        abi: GuildConfig.abi,
        functionName: "params",
      });
      const paramsItem = getAbiItem({ abi: GuildConfig.abi, name: "params" });
      assert.equal(hashAfter, keccak256(encodeAbiParameters(paramsItem.outputs, [params])));
      const changed = parseEventLogs({
        abi: GuildConfig.abi,
        eventName: "ConfigHashChanged",
        logs: receipt.logs,
      });
      assert.deepEqual(
        changed.map((e) => e.args.configHash),
        [hashAfter],
      );
    });

    it("vetoes an epoch by a governance vote executed inside its challenge window", async () => {
      const { target, guild } = ctx;
      const { token } = guild.contracts;
      const leaves = epochTree([[guild.address("carol"), parseEther("10"), parseEther("1")]]);
      const endsAt = await proposeEpoch(ctx, 1n, leaves, parseEther("10"), parseEther("1"));
      const { receipt } = await passProposal(
        target,
        guild,
        [
          {
            target: token,
            data: encodeFunctionData({ abi: GuildToken.abi, functionName: "veto", args: [1n] }),
          },
        ],
        "Veto epoch 1: its report double-counts a contribution",
      );
      const [vetoed] = parseEventLogs({ abi: GuildToken.abi, eventName: "EpochVetoed", logs: receipt.logs });
      assert.equal(vetoed?.args.epochId, 1n);
      assert.equal(vetoed?.args.by, guild.contracts.timelock);
      assert.equal(await epochState(ctx, 1n), EpochState.Vetoed);
      assert.ok((await chainTime(target)) < endsAt, "the vote, queue and delay fit inside the window");
    });

    it("reverts GuildConfigUnauthorized when anyone but the timelock calls setCapBps", async () => {
      const { config, governor } = ctx.guild.contracts;
      const callers: Address[] = [
        ctx.guild.address("outsider"),
        ctx.guild.address("deployer"),
        ctx.guild.address("alice"),
        governor,
      ];
      for (const caller of callers) {
        const args = await expectRevert(
          ctx.target.publicClient.simulateContract({
            account: caller,
            address: config,
            abi: GuildConfig.abi,
            functionName: "setCapBps",
            args: [1000],
          }),
          "GuildConfigUnauthorized",
        );
        assert.equal(args[0], caller);
      }
      await expectRevert(
        wallet(ctx, "outsider").writeContract({
          address: config,
          abi: GuildConfig.abi,
          functionName: "setCapBps",
          args: [1000],
        }),
        "GuildConfigUnauthorized",
      );
    });
  });

  describe("epoch lifecycle", () => {
    const ctx = freshGuild(makeTarget);
    const E = (n: string) => parseEther(n);
    let initialTreasury: bigint;
    let epoch1: EpochTree;
    let epoch2: EpochTree;
    let endsAt: bigint;
    // Epoch 1 pays alice 300, bob 200, carol 100 (and 30/20/10 reputation).
    const total1 = E("600");
    const reputation1 = E("60");
    // Epoch 2 adds alice 50, bob 100, carol 70 (and 5/10/7 reputation); leaves are cumulative, with
    // epoch 1's reputation decayed from epoch 1's challenge end to epoch 2's.
    const total2 = E("220");
    const reputation2 = E("22");
    const epoch2Leaves = (ends1: bigint, ends2: bigint): [Address, bigint, bigint][] => {
      const decayed = (rep: bigint) =>
        decayReputation(rep, ends2 - ends1, BigInt(ctx.guild.params.halfLifeSeconds));
      return [
        [ctx.guild.address("alice"), E("350"), decayed(E("30")) + E("5")],
        [ctx.guild.address("bob"), E("300"), decayed(E("20")) + E("10")],
        [ctx.guild.address("carol"), E("170"), decayed(E("10")) + E("7")],
      ];
    };

    before(() => {
      const [alice, bob, carol] = [
        ctx.guild.address("alice"),
        ctx.guild.address("bob"),
        ctx.guild.address("carol"),
      ];
      epoch1 = epochTree([
        [alice, E("300"), E("30")],
        [bob, E("200"), E("20")],
        [carol, E("100"), E("10")],
      ]);
    });

    it("only the node proposes; the guardian vetoes epoch 1 inside the challenge window", async () => {
      const { token, timelock } = ctx.guild.contracts;
      initialTreasury = await tokenBalance(ctx, timelock);
      const read = ctx.target.publicClient;
      await expectRevert(
        read.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: token,
          abi: GuildToken.abi,
          functionName: "propose",
          args: [
            {
              epochId: 1n,
              root: epoch1.root,
              total: total1,
              reputationTotal: reputation1,
              challengeEndsAt: await nextChallengeEnd(read, ctx.guild.contracts.config),
              reportHash: zeroHash,
              configHash: await configHash(ctx),
              reportUri: "",
            },
          ],
        }),
        "SettlementUnauthorized",
      );
      await proposeEpoch(ctx, 1n, epoch1, total1, reputation1);
      assert.equal(await epochState(ctx, 1n), EpochState.Proposed);

      await expectRevert(
        read.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: token,
          abi: GuildToken.abi,
          functionName: "veto",
          args: [1n],
        }),
        "SettlementUnauthorized",
      );
      const receipt = await mined(
        ctx.target,
        wallet(ctx, "guardian").writeContract({
          address: token,
          abi: GuildToken.abi,
          functionName: "veto",
          args: [1n],
        }),
      );
      const [vetoed] = parseEventLogs({ abi: GuildToken.abi, eventName: "EpochVetoed", logs: receipt.logs });
      assert.equal(vetoed?.args.epochId, 1n);
      assert.equal(vetoed?.args.by, ctx.guild.address("guardian"));
      assert.equal(await epochState(ctx, 1n), EpochState.Vetoed);
      await expectRevert(
        read.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: token,
          abi: GuildToken.abi,
          functionName: "finalize",
          args: [1n],
        }),
        "SettlementWrongState",
      );
      assert.equal(await tokenBalance(ctx, timelock), initialTreasury, "a vetoed epoch moves no funds");
    });

    it("refuses to finalize the re-proposed epoch 1 before its window ends (SettlementChallengeWindowOpen)", async () => {
      endsAt = await proposeEpoch(ctx, 1n, epoch1, total1, reputation1);
      assert.equal(await epochState(ctx, 1n), EpochState.Proposed);
      assert.ok(endsAt - (await chainTime(ctx.target)) >= 3_500n, "the challenge window is about an hour");
      const args = await expectRevert(
        ctx.target.publicClient.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: ctx.guild.contracts.token,
          abi: GuildToken.abi,
          functionName: "finalize",
          args: [1n],
        }),
        "SettlementChallengeWindowOpen",
      );
      assert.deepEqual(args, [1n, endsAt]);
    });

    it("lets anyone finalize after the window, moving the epoch total from the treasury into escrow", async () => {
      const { token, timelock, reputation } = ctx.guild.contracts;
      await finalizeEpoch(ctx, 1n, endsAt, "outsider");
      assert.equal(await epochState(ctx, 1n), EpochState.Finalized);
      assert.equal(await tokenBalance(ctx, timelock), initialTreasury - total1);
      assert.equal(await tokenBalance(ctx, token), total1);
      const [active] = await ctx.target.publicClient.readContract({
        address: token,
        abi: GuildToken.abi,
        functionName: "activeEpoch",
      });
      assert.equal(active, 1n);
      // The pool of issued reputation decays from the epoch's challenge end, like every balance.
      assertDecayedFrom(
        await ctx.target.publicClient.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "unclaimedIssued",
        }),
        reputation1,
      );
    });

    it("pays claims to the recipient, also when a third party submits them", async () => {
      const { token, reputation } = ctx.guild.contracts;
      const [alice, bob] = [ctx.guild.address("alice"), ctx.guild.address("bob")];
      const outsider = ctx.guild.address("outsider");
      const aliceRepBefore = await votesOf(ctx, alice);

      const aliceClaim = await claim(ctx, "alice", epoch1, alice);
      assert.equal(aliceClaim.epochId, 1n);
      assert.equal(aliceClaim.amount, E("300"));
      assert.ok(
        aliceClaim.reputation > 0n && aliceClaim.reputation <= E("30"),
        `minted ${aliceClaim.reputation}`,
      );
      assert.equal(await tokenBalance(ctx, alice), E("300"));
      assert.ok((await votesOf(ctx, alice)) > aliceRepBefore, "claimed reputation adds voting power");

      const bobClaim = await claim(ctx, "outsider", epoch1, bob);
      assert.equal(bobClaim.account, bob);
      assert.equal(bobClaim.amount, E("200"));
      assert.equal(await tokenBalance(ctx, bob), E("200"));
      assert.equal(await tokenBalance(ctx, outsider), 0n, "the submitter receives nothing");
      const read = ctx.target.publicClient;
      assert.equal(
        await read.readContract({
          address: token,
          abi: GuildToken.abi,
          functionName: "claimedOf",
          args: [bob],
        }),
        E("200"),
      );
      assertDecayedFrom(
        await read.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "claimedOf",
          args: [bob],
        }),
        E("20"),
      );
      assert.equal(await tokenBalance(ctx, token), total1 - E("500"), "carol's share stays in escrow");
    });

    it("refuses a second claim of the same leaf with SettlementNothingToClaim", async () => {
      const alice = ctx.guild.address("alice");
      const args = await expectRevert(simulateClaim(ctx, "alice", epoch1, alice), "SettlementNothingToClaim");
      assert.deepEqual(args, [alice]);
      // The same holds when someone else resubmits it.
      await expectRevert(simulateClaim(ctx, "outsider", epoch1, alice), "SettlementNothingToClaim");
    });

    it("lets a recipient who skipped epoch 1 claim epochs 1 and 2 with one cumulative leaf", async () => {
      const { token, timelock } = ctx.guild.contracts;
      const carol = ctx.guild.address("carol");
      await expectRevert(
        ctx.target.publicClient.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: token,
          abi: GuildToken.abi,
          functionName: "sweep",
        }),
        "SettlementNotExpired",
      );
      const ends2 = await nextChallengeEnd(ctx.target.publicClient, ctx.guild.contracts.config);
      epoch2 = epochTree(epoch2Leaves(endsAt, ends2));
      await proposeEpoch(ctx, 2n, epoch2, total2, reputation2, ends2);
      await finalizeEpoch(ctx, 2n, ends2, "bob");
      assert.equal(await tokenBalance(ctx, timelock), initialTreasury - total1 - total2);
      assert.equal(await tokenBalance(ctx, token), E("100") + total2);

      // Epoch 1's proof no longer leads to the latest root.
      await expectRevert(simulateClaim(ctx, "carol", epoch1, carol), "SettlementInvalidProof");

      const carolClaim = await claim(ctx, "carol", epoch2, carol);
      assert.equal(carolClaim.epochId, 2n);
      assert.equal(carolClaim.amount, E("170"), "100 from epoch 1 plus 70 from epoch 2");
      assert.equal(await tokenBalance(ctx, carol), E("170"));
      // What carol has claimed is her leaf's reputation, decaying from epoch 2's challenge end.
      const carolLeafRep = epoch2.leaf(carol)[2];
      const claimedRep = await ctx.target.publicClient.readContract({
        address: ctx.guild.contracts.reputation,
        abi: Reputation.abi,
        functionName: "claimedOf",
        args: [carol],
      });
      assert.ok(
        claimedRep <= carolLeafRep && claimedRep * 1_000_001n >= carolLeafRep * 1_000_000n,
        `${claimedRep}`,
      );
      await expectRevert(simulateClaim(ctx, "carol", epoch2, carol), "SettlementNothingToClaim");
      // Alice already took epoch 1; her epoch-2 leaf still claims the 50 she has not (she leaves it).
      await simulateClaim(ctx, "alice", epoch2, ctx.guild.address("alice"));
      assert.equal(await tokenBalance(ctx, token), E("150"), "alice's 50 and bob's 100 remain in escrow");
    });

    it("after claim expiry, refuses claims (SettlementClaimExpired) and sweeps the escrow back to the treasury", async () => {
      const { token, timelock, reputation } = ctx.guild.contracts;
      const read = ctx.target.publicClient;
      const [, , expiresAt] = await read.readContract({
        address: token,
        abi: GuildToken.abi,
        functionName: "activeEpoch",
      });
      await advanceTo(ctx.target, expiresAt);
      const alice = ctx.guild.address("alice");
      const args = await expectRevert(simulateClaim(ctx, "alice", epoch2, alice), "SettlementClaimExpired");
      assert.deepEqual(args, [2n, expiresAt]);

      const treasuryBefore = await tokenBalance(ctx, timelock);
      const receipt = await mined(
        ctx.target,
        wallet(ctx, "outsider").writeContract({ address: token, abi: GuildToken.abi, functionName: "sweep" }),
      );
      const [swept] = parseEventLogs({ abi: GuildToken.abi, eventName: "Swept", logs: receipt.logs });
      assert.equal(swept?.args.amount, E("150"));
      assert.equal(await tokenBalance(ctx, timelock), treasuryBefore + E("150"));
      assert.equal(await tokenBalance(ctx, token), 0n);
      assert.equal(
        await tokenBalance(ctx, timelock),
        initialTreasury - E("300") - E("200") - E("170"),
        "the treasury lost exactly what was claimed",
      );
      assert.equal(
        await read.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "unclaimedIssued",
        }),
        0n,
      );
      await expectRevert(
        simulateClaim(ctx, "bob", epoch2, ctx.guild.address("bob")),
        "SettlementClaimExpired",
      );
    });
  });

  describe("adversarial governance", () => {
    // A longer voting delay keeps a fresh proposal Pending for sure while the test cancels it, however
    // slowly the machine runs; everything else about the guild is the usual test guild.
    const ctx = freshGuild(makeTarget, { votingDelaySeconds: 60 });
    let leaves: EpochTree;

    before(async () => {
      // An epoch that carries reputation for the outsider (a newcomer) and more for bob, finalized but
      // not yet claimed: claiming it later mints power at a time of the test's choosing.
      const [outsider, bob] = [ctx.guild.address("outsider"), ctx.guild.address("bob")];
      leaves = epochTree([
        [outsider, parseEther("10"), parseEther("40")],
        [bob, parseEther("5"), parseEther("10")],
      ]);
      const endsAt = await proposeEpoch(ctx, 1n, leaves, parseEther("15"), parseEther("50"));
      await finalizeEpoch(ctx, 1n, endsAt);
    });

    it("gives reputation minted after a proposal's snapshot no weight in its vote", async () => {
      const { target, guild } = ctx;
      const [outsider, bob] = [guild.address("outsider"), guild.address("bob")];
      const p = await propose(
        target,
        guild,
        ROLES.alice,
        [setFloorCall(ctx, parseEther("2"))],
        "post-snapshot power",
      );
      await advanceTo(target, p.snapshot + 1n);
      assert.equal(await votesOf(ctx, outsider), 0n);
      const bobBefore = await votesOf(ctx, bob);

      await claim(ctx, "outsider", leaves, outsider);
      await claim(ctx, "outsider", leaves, bob);
      const outsiderNow = await votesOf(ctx, outsider);
      assert.ok(outsiderNow > parseEther("39"), `the outsider now holds ${outsiderNow}`);
      assert.ok((await votesOf(ctx, bob)) > bobBefore + parseEther("9"));

      const outsiderWeight = await vote(target, guild, ROLES.outsider, p, VoteType.For);
      assert.equal(outsiderWeight, 0n, "power minted after the snapshot does not vote");
      const bobWeight = await vote(target, guild, ROLES.bob, p, VoteType.For);
      const bobAtSnapshot = await target.publicClient.readContract({
        address: guild.contracts.reputation,
        abi: Reputation.abi,
        functionName: "getPastVotes",
        args: [bob, p.snapshot],
      });
      assert.equal(bobWeight, bobAtSnapshot);
      assert.ok(
        bobWeight <= parseEther("50"),
        `bob votes with his pre-snapshot power only, not ${bobWeight}`,
      );
      const [against, forVotes, abstain] = await target.publicClient.readContract({
        address: guild.contracts.governor,
        abi: GuildGovernor.abi,
        functionName: "proposalVotes",
        args: [p.id],
      });
      assert.deepEqual([against, forVotes, abstain], [0n, bobWeight, 0n]);
      assert.equal(
        await target.publicClient.readContract({
          address: guild.contracts.governor,
          abi: GuildGovernor.abi,
          functionName: "hasVoted",
          args: [p.id, outsider],
        }),
        true,
      );
    });

    it("refuses a second vote by the same account with GovernorAlreadyCastVote", async () => {
      const { target, guild } = ctx;
      const p = await propose(
        target,
        guild,
        ROLES.alice,
        [setFloorCall(ctx, parseEther("3"))],
        "double vote",
      );
      await vote(target, guild, ROLES.carol, p, VoteType.For);
      for (const support of [VoteType.For, VoteType.Against]) {
        const args = await expectRevert(
          walletOf(target, ROLES.carol).writeContract({
            address: guild.contracts.governor,
            abi: GuildGovernor.abi,
            functionName: "castVote",
            args: [p.id, support],
          }),
          "GovernorAlreadyCastVote",
        );
        assert.deepEqual(args, [guild.address("carol")]);
      }
    });

    it("cannot queue or execute a proposal its proposer canceled while Pending", async () => {
      const { target, guild } = ctx;
      const p = await propose(target, guild, ROLES.alice, [setFloorCall(ctx, parseEther("4"))], "canceled");
      assert.equal(await proposalState(target, guild, p), ProposalState.Pending);
      await expectRevert(
        target.publicClient.simulateContract({
          account: wallet(ctx, "bob").account,
          address: guild.contracts.governor,
          abi: GuildGovernor.abi,
          functionName: "cancel",
          args: proposalArgs(p),
        }),
        "GovernorUnableToCancel",
      );
      await mined(
        target,
        wallet(ctx, "alice").writeContract({
          address: guild.contracts.governor,
          abi: GuildGovernor.abi,
          functionName: "cancel",
          args: proposalArgs(p),
        }),
      );
      assert.equal(await proposalState(target, guild, p), ProposalState.Canceled);
      await advanceTo(target, p.snapshot + 1n);
      await expectRevert(
        walletOf(target, ROLES.alice).writeContract({
          address: guild.contracts.governor,
          abi: GuildGovernor.abi,
          functionName: "castVote",
          args: [p.id, VoteType.For],
        }),
        "GovernorUnexpectedProposalState",
      );
      await advanceTo(target, p.deadline + 1n);
      await assertCannotQueueOrExecute(ctx, p, ProposalState.Canceled);
    });

    it("cannot queue or execute a defeated proposal (outvoted, or short of quorum)", async () => {
      const { target, guild } = ctx;
      const outvoted = await propose(
        target,
        guild,
        ROLES.bob,
        [setFloorCall(ctx, parseEther("5"))],
        "outvoted",
      );
      const unattended = await propose(
        target,
        guild,
        ROLES.bob,
        [setFloorCall(ctx, parseEther("6"))],
        "no quorum",
      );
      await vote(target, guild, ROLES.bob, outvoted, VoteType.For);
      await vote(target, guild, ROLES.alice, outvoted, VoteType.Against);
      // Proposed second, the unattended proposal closes last.
      assert.ok(unattended.deadline >= outvoted.deadline);
      await advanceTo(target, unattended.deadline + 1n);
      for (const p of [outvoted, unattended]) {
        assert.equal(await proposalState(target, guild, p), ProposalState.Defeated, p.description);
        await assertCannotQueueOrExecute(ctx, p, ProposalState.Defeated);
      }
    });

    it("cannot execute (or queue) an executed proposal again", async () => {
      const { target, guild } = ctx;
      const floor = () =>
        target.publicClient.readContract({
          address: guild.contracts.config,
          abi: GuildConfig.abi,
          functionName: "floorAmount",
        });
      const { proposal } = await passProposal(
        target,
        guild,
        [setFloorCall(ctx, parseEther("7"))],
        "executed once",
      );
      assert.equal(await floor(), parseEther("7"));
      assert.equal(await proposalState(target, guild, proposal), ProposalState.Executed);
      await assertCannotQueueOrExecute(ctx, proposal, ProposalState.Executed);
      // Nor can its timelock operation run again directly (execution is open to anyone on the timelock).
      await expectRevert(
        target.publicClient.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: guild.contracts.timelock,
          abi: GuildTimelock.abi,
          functionName: "executeBatch",
          args: [
            proposal.targets,
            proposal.values,
            proposal.calldatas,
            zeroHash,
            timelockSalt(guild.contracts.governor, proposal.descriptionHash),
          ],
        }),
        "TimelockUnexpectedOperationState",
      );
    });

    it("cannot execute a proposal whose timelock operation governance canceled", async () => {
      const { target, guild } = ctx;
      const { timelock } = guild.contracts;
      const read = target.publicClient;
      const canceller = await read.readContract({
        address: timelock,
        abi: GuildTimelock.abi,
        functionName: "CANCELLER_ROLE",
      });
      const doomed = await propose(
        target,
        guild,
        ROLES.alice,
        [setFloorCall(ctx, parseEther("8"))],
        "to be canceled",
      );
      const opId = await timelockOperationId(target, guild, doomed);
      const roleCall = (functionName: "grantRole" | "revokeRole") => ({
        target: timelock,
        data: encodeFunctionData({ abi: GuildTimelock.abi, functionName, args: [canceller, timelock] }),
      });
      // The timelock is its own admin: a proposal can let it cancel a queued operation, then take that back.
      const cancelling = await propose(
        target,
        guild,
        ROLES.alice,
        [
          roleCall("grantRole"),
          {
            target: timelock,
            data: encodeFunctionData({ abi: GuildTimelock.abi, functionName: "cancel", args: [opId] }),
          },
          roleCall("revokeRole"),
        ],
        "cancel the queued floor change",
      );
      await vote(target, guild, ROLES.alice, doomed);
      await vote(target, guild, ROLES.alice, cancelling);
      await queue(target, guild, doomed);
      await queue(target, guild, cancelling);
      const opPending = () =>
        read.readContract({
          address: timelock,
          abi: GuildTimelock.abi,
          functionName: "isOperationPending",
          args: [opId],
        });
      assert.equal(await opPending(), true, "the computed operation id is the one the governor scheduled");
      assert.equal(await proposalState(target, guild, doomed), ProposalState.Queued);

      await execute(target, guild, cancelling);
      assert.equal(await opPending(), false);
      assert.equal(
        await read.readContract({
          address: timelock,
          abi: GuildTimelock.abi,
          functionName: "hasRole",
          args: [canceller, timelock],
        }),
        false,
      );
      assert.equal(await proposalState(target, guild, doomed), ProposalState.Canceled);
      await assertCannotQueueOrExecute(ctx, doomed, ProposalState.Canceled);
      assert.notEqual(
        await read.readContract({
          address: guild.contracts.config,
          abi: GuildConfig.abi,
          functionName: "floorAmount",
        }),
        parseEther("8"),
      );
    });

    it("moves treasury funds only after the vote ends and the timelock delay passes", async () => {
      const { target, guild } = ctx;
      const { token, timelock, governor } = guild.contracts;
      const outsider = guild.address("outsider");
      const amount = parseEther("1000");
      const treasuryBefore = await tokenBalance(ctx, timelock);
      const outsiderBefore = await tokenBalance(ctx, outsider);
      const unchanged = async (when: string) => {
        assert.equal(await tokenBalance(ctx, timelock), treasuryBefore, `treasury moved ${when}`);
        assert.equal(await tokenBalance(ctx, outsider), outsiderBefore, `recipient paid ${when}`);
      };
      const p = await propose(
        target,
        guild,
        ROLES.alice,
        [
          {
            target: token,
            data: encodeFunctionData({
              abi: GuildToken.abi,
              functionName: "transfer",
              args: [outsider, amount],
            }),
          },
        ],
        "pay the outsider 1000 GUILD",
      );
      const executeDirectly = () =>
        target.publicClient.simulateContract({
          account: wallet(ctx, "outsider").account,
          address: timelock,
          abi: GuildTimelock.abi,
          functionName: "executeBatch",
          args: [p.targets, p.values, p.calldatas, zeroHash, timelockSalt(governor, p.descriptionHash)],
        });

      // Pending, then Active: neither queue nor execute, and the timelock has nothing scheduled.
      await assertCannotQueueOrExecute(ctx, p, ProposalState.Pending);
      await expectRevert(executeDirectly(), "TimelockUnexpectedOperationState");
      await vote(target, guild, ROLES.alice, p, VoteType.For);
      await assertCannotQueueOrExecute(ctx, p, ProposalState.Active);
      await unchanged("during the vote");

      // Succeeded but not queued: execution needs the Queued state (and the timelock has nothing scheduled).
      await advanceTo(target, p.deadline + 1n);
      assert.equal(await proposalState(target, guild, p), ProposalState.Succeeded);
      const args = await expectRevert(simulateGovernor(ctx, "execute", p), "GovernorUnexpectedProposalState");
      assert.equal(args[1], ProposalState.Succeeded);
      await expectRevert(executeDirectly(), "TimelockUnexpectedOperationState");

      // Queued: still nothing before the eta, through the governor or directly on the timelock.
      const eta = await queue(target, guild, p);
      await expectRevert(simulateGovernor(ctx, "execute", p), "TimelockUnexpectedOperationState");
      await expectRevert(
        walletOf(target, ROLES.outsider).writeContract({
          address: governor,
          abi: GuildGovernor.abi,
          functionName: "execute",
          args: proposalArgs(p),
        }),
        "TimelockUnexpectedOperationState",
      );
      await expectRevert(executeDirectly(), "TimelockUnexpectedOperationState");
      assert.ok((await chainTime(target)) < eta);
      await unchanged("before the timelock delay");

      await execute(target, guild, p);
      assert.equal(await tokenBalance(ctx, timelock), treasuryBefore - amount);
      assert.equal(await tokenBalance(ctx, outsider), outsiderBefore + amount);
    });

    it("keeps no assets in the governor: ETH sent to it reverts, and it holds no tokens", async () => {
      const { governor } = ctx.guild.contracts;
      await expectRevert(
        wallet(ctx, "outsider").sendTransaction({ to: governor, value: parseEther("1") }),
        "GovernorDisabledDeposit",
      );
      assert.equal(await ctx.target.publicClient.getBalance({ address: governor }), 0n);
      assert.equal(await tokenBalance(ctx, governor), 0n);
    });

    it("refuses timelock.schedule from anyone but the governor (AccessControlUnauthorizedAccount)", async () => {
      const { timelock, token } = ctx.guild.contracts;
      const read = ctx.target.publicClient;
      const proposer = await read.readContract({
        address: timelock,
        abi: GuildTimelock.abi,
        functionName: "PROPOSER_ROLE",
      });
      const data = encodeFunctionData({
        abi: GuildToken.abi,
        functionName: "transfer",
        args: [ctx.guild.address("outsider"), parseEther("1")],
      });
      for (const role of ["outsider", "deployer", "alice"] as const) {
        const caller = wallet(ctx, role);
        const args = await expectRevert(
          caller.writeContract({
            address: timelock,
            abi: GuildTimelock.abi,
            functionName: "schedule",
            args: [token, 0n, data, zeroHash, zeroHash, 60n],
          }),
          "AccessControlUnauthorizedAccount",
        );
        assert.deepEqual(args, [caller.account.address, proposer]);
      }
    });
  });

  describe("signatures", () => {
    const ctx = freshGuild(makeTarget);
    const WRONG_CHAIN_ID = 1;

    const permitNonce = (account: Address) =>
      ctx.target.publicClient.readContract({
        address: ctx.guild.contracts.token,
        abi: GuildToken.abi,
        functionName: "nonces",
        args: [account],
      });
    const submitPermit = (
      owner: Address,
      spender: Address,
      value: bigint,
      deadline: bigint,
      sig: { v: number; r: Hex; s: Hex },
    ) =>
      wallet(ctx, "bob").writeContract({
        address: ctx.guild.contracts.token,
        abi: GuildToken.abi,
        functionName: "permit",
        args: [owner, spender, value, deadline, sig.v, sig.r, sig.s],
      });

    it("accepts a GuildToken permit and refuses its replay (ERC2612InvalidSigner)", async () => {
      const { token } = ctx.guild.contracts;
      const [alice, bob] = [ctx.guild.address("alice"), ctx.guild.address("bob")];
      const domain = await eip712DomainOf(ctx.target, token);
      assert.deepEqual(domain, {
        name: "Guild",
        version: "1",
        chainId: ctx.target.chain.id,
        verifyingContract: token,
      });
      const value = parseEther("12");
      const deadline = (await chainTime(ctx.target)) + 3_600n;
      const nonce = await permitNonce(alice);
      assert.equal(nonce, 0n);
      const sig = await signPermit(ctx.target, ROLES.alice, domain, { spender: bob, value, nonce, deadline });

      await mined(ctx.target, submitPermit(alice, bob, value, deadline, sig));
      assert.equal(
        await ctx.target.publicClient.readContract({
          address: token,
          abi: GuildToken.abi,
          functionName: "allowance",
          args: [alice, bob],
        }),
        value,
      );
      assert.equal(await permitNonce(alice), 1n);

      const args = await expectRevert(submitPermit(alice, bob, value, deadline, sig), "ERC2612InvalidSigner");
      assert.notEqual(args[0], alice, "the replayed signature recovers to someone else");
      assert.equal(args[1], alice);
      assert.equal(await permitNonce(alice), 1n);
    });

    it("rejects a permit signed for another chain (ERC2612InvalidSigner)", async () => {
      const { token } = ctx.guild.contracts;
      const [carol, bob] = [ctx.guild.address("carol"), ctx.guild.address("bob")];
      const domain = await eip712DomainOf(ctx.target, token);
      const deadline = (await chainTime(ctx.target)) + 3_600n;
      const message = { spender: bob, value: 1n, nonce: await permitNonce(carol), deadline };
      const sig = await signPermit(ctx.target, ROLES.carol, { ...domain, chainId: WRONG_CHAIN_ID }, message);
      await expectRevert(submitPermit(carol, bob, 1n, deadline, sig), "ERC2612InvalidSigner");
      assert.equal(await permitNonce(carol), 0n);
    });

    it("rejects an expired permit (ERC2612ExpiredSignature)", async () => {
      const { token } = ctx.guild.contracts;
      const [carol, bob] = [ctx.guild.address("carol"), ctx.guild.address("bob")];
      const domain = await eip712DomainOf(ctx.target, token);
      const deadline = (await chainTime(ctx.target)) - 1n;
      const message = { spender: bob, value: 1n, nonce: await permitNonce(carol), deadline };
      const sig = await signPermit(ctx.target, ROLES.carol, domain, message);
      const args = await expectRevert(submitPermit(carol, bob, 1n, deadline, sig), "ERC2612ExpiredSignature");
      assert.deepEqual(args, [deadline]);
    });

    it("does not count a castVoteBySig signed for another chain (GovernorInvalidSignature)", async () => {
      const { target, guild } = ctx;
      const { governor } = guild.contracts;
      const read = target.publicClient;
      const carol = guild.address("carol");
      const p = await propose(
        target,
        guild,
        ROLES.alice,
        [setFloorCall(ctx, parseEther("2"))],
        "vote by signature",
      );
      await advanceTo(target, p.snapshot + 1n);
      const domain = await eip712DomainOf(target, governor);
      assert.deepEqual(domain, {
        name: "GuildGovernor",
        version: "1",
        chainId: target.chain.id,
        verifyingContract: governor,
      });
      const nonce = await read.readContract({
        address: governor,
        abi: GuildGovernor.abi,
        functionName: "nonces",
        args: [carol],
      });
      const castBySig = (signature: Hex) =>
        wallet(ctx, "outsider").writeContract({
          address: governor,
          abi: GuildGovernor.abi,
          functionName: "castVoteBySig",
          args: [p.id, VoteType.For, carol, signature],
        });
      const hasVoted = () =>
        read.readContract({
          address: governor,
          abi: GuildGovernor.abi,
          functionName: "hasVoted",
          args: [p.id, carol],
        });

      const wrongChain = await signBallot(
        target,
        ROLES.carol,
        { ...domain, chainId: WRONG_CHAIN_ID },
        { proposalId: p.id, support: VoteType.For, nonce },
      );
      const args = await expectRevert(castBySig(wrongChain), "GovernorInvalidSignature");
      assert.deepEqual(args, [carol]);
      assert.equal(await hasVoted(), false);

      // The same ballot signed for this chain counts, once.
      const good = await signBallot(target, ROLES.carol, domain, {
        proposalId: p.id,
        support: VoteType.For,
        nonce,
      });
      const weight = voteWeight(await mined(target, castBySig(good)));
      assert.ok(weight > parseEther("24") && weight <= parseEther("25"), `carol's weight ${weight}`);
      assert.equal(await hasVoted(), true);
      await expectRevert(castBySig(good), "GovernorInvalidSignature");
    });

    it("rejects an expired Reputation.delegateBySig (VotesExpiredSignature) and a replayed one (InvalidAccountNonce)", async () => {
      const { reputation } = ctx.guild.contracts;
      const read = ctx.target.publicClient;
      const [carol, bob] = [ctx.guild.address("carol"), ctx.guild.address("bob")];
      const domain = await eip712DomainOf(ctx.target, reputation);
      assert.deepEqual(domain, {
        name: "Guild Reputation",
        version: "1",
        chainId: ctx.target.chain.id,
        verifyingContract: reputation,
      });
      const nonce = await read.readContract({
        address: reputation,
        abi: Reputation.abi,
        functionName: "nonces",
        args: [carol],
      });
      const submit = (expiry: bigint, sig: { v: number; r: Hex; s: Hex }) =>
        wallet(ctx, "outsider").writeContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "delegateBySig",
          args: [bob, nonce, expiry, sig.v, sig.r, sig.s],
        });

      const expired = (await chainTime(ctx.target)) - 1n;
      const expiredSig = await signDelegation(ctx.target, ROLES.carol, domain, {
        delegatee: bob,
        nonce,
        expiry: expired,
      });
      assert.deepEqual(await expectRevert(submit(expired, expiredSig), "VotesExpiredSignature"), [expired]);

      const expiry = (await chainTime(ctx.target)) + 3_600n;
      const sig = await signDelegation(ctx.target, ROLES.carol, domain, { delegatee: bob, nonce, expiry });
      const [bobBefore, carolBefore] = [await votesOf(ctx, bob), await votesOf(ctx, carol)];
      await mined(ctx.target, submit(expiry, sig));
      assert.equal(
        await read.readContract({
          address: reputation,
          abi: Reputation.abi,
          functionName: "delegates",
          args: [carol],
        }),
        bob,
      );
      assert.equal(await votesOf(ctx, carol), 0n);
      const bobAfter = await votesOf(ctx, bob);
      assert.ok(bobAfter > bobBefore + carolBefore - parseEther("0.001"), "carol's power moved to bob");

      const args = await expectRevert(submit(expiry, sig), "InvalidAccountNonce");
      assert.deepEqual(args, [carol, nonce + 1n]);
    });
  });
}
