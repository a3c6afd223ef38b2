// Gas benchmark: deploys a guild into a fresh embedded chain, runs six epochs (the last with a
// 1,000,000-leaf tree), and records the gas of claims, propose, finalize and castVote in
// bench/results/gas.json. Run with `npm run bench:gas`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import { encodeFunctionData, keccak256, parseEther, stringToBytes } from "viem";
import { GuildConfig, GuildGovernor, GuildToken } from "../src/chain/contracts.generated.ts";
import { nextChallengeEnd } from "../src/chain/settlement.ts";
import { embeddedTarget } from "../src/chain/testing/chainTargets.ts";
import { deployTestGuild, ROLES } from "../src/chain/testing/deployTestGuild.ts";
import type { PayoutLeaf } from "../src/core/merkle/payoutTree.ts";
import { buildPayoutTree } from "../src/core/merkle/payoutTree.ts";
import { decayReputation } from "../src/core/reputation/decayReputation.ts";

const LEAVES = 1_000_000;
const started = performance.now();
const log = (text: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${text}\n`);

const target = await embeddedTarget();
const guild = await deployTestGuild(target, { budgetPerEpoch: parseEther("100000") });
const { token, config, governor } = guild.contracts;
const node = target.wallet(ROLES.node);
const anyone = target.wallet(ROLES.outsider);
const { publicClient } = target;

const gas: Record<string, number> = {};
const measure = async (key: string | undefined, hash: Hex) => {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${key ?? "transaction"} reverted`);
  if (key) gas[key] = Number(receipt.gasUsed);
  return receipt;
};

// Recipients: holders who claim in epoch 1 and so hold tokens, a newcomer, and one who skips epochs 2–5.
const account = (i: number) => `0x${(0x1000000 + i).toString(16).padStart(40, "0")}` as Address;
const holder = target.wallet(4).account.address;
const repHolder = target.wallet(5).account.address;
const skipper = target.wallet(6).account.address;
const newcomer = target.wallet(10).account.address;
const unit = parseEther("1");
// Cumulative pay per account, and cumulative reputation valued at the last epoch's reference time;
// reputation earned this epoch waits in `fresh` until the epoch's reference time is known.
const cumulative = new Map<Address, { amount: bigint; reputation: bigint }>();
const fresh = new Map<Address, bigint>();
const earn = (who: Address, amount: bigint, reputation: bigint) => {
  const c = cumulative.get(who) ?? { amount: 0n, reputation: 0n };
  cumulative.set(who, { amount: c.amount + amount, reputation: c.reputation });
  fresh.set(who, (fresh.get(who) ?? 0n) + reputation);
};
const halfLife = BigInt(guild.params.halfLifeSeconds);
let lastReference = 0n;
let alreadyFunded = 0n;

const runEpoch = async (
  epochId: number,
  fillers: number,
  measureKeys: { propose?: string; finalize?: string },
) => {
  const challengeEndsAt = await nextChallengeEnd(publicClient, config);
  let reputationTotal = 0n;
  for (const [who, c] of cumulative) {
    const earned = fresh.get(who) ?? 0n;
    reputationTotal += earned;
    c.reputation = decayReputation(c.reputation, challengeEndsAt - lastReference, halfLife) + earned;
  }
  fresh.clear();
  lastReference = challengeEndsAt;
  const leaves: PayoutLeaf[] = [...cumulative].map(([a, c]) => ({
    account: a,
    cumulativeAmount: c.amount,
    cumulativeReputation: c.reputation,
  }));
  for (let i = 0; leaves.length < fillers; i++) {
    leaves.push({ account: account(i), cumulativeAmount: 1000n, cumulativeReputation: 0n });
  }
  const t0 = performance.now();
  const tree = buildPayoutTree(leaves);
  log(
    `epoch ${epochId}: tree of ${leaves.length} leaves in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const total = leaves.reduce((sum, l) => sum + l.cumulativeAmount, 0n) - alreadyFunded;
  const configHash = await publicClient.readContract({
    address: config,
    abi: GuildConfig.abi,
    functionName: "configHash",
  });
  await measure(
    measureKeys.propose,
    await node.writeContract({
      address: token,
      abi: GuildToken.abi,
      functionName: "propose",
      args: [
        {
          epochId: BigInt(epochId),
          root: tree.root,
          total,
          reputationTotal,
          challengeEndsAt,
          reportHash: keccak256(stringToBytes(`report ${epochId}`)),
          configHash,
          reportUri: `guild:report/${epochId}`,
        },
      ],
    }),
  );
  const latest = await publicClient.getBlock();
  await target.timeTravel(Number(challengeEndsAt - latest.timestamp));
  await measure(
    measureKeys.finalize,
    await anyone.writeContract({
      address: token,
      abi: GuildToken.abi,
      functionName: "finalize",
      args: [BigInt(epochId)],
    }),
  );
  alreadyFunded += total;
  return tree;
};

const claim = async (key: string | undefined, tree: ReturnType<typeof buildPayoutTree>, who: Address) => {
  const c = cumulative.get(who);
  if (!c) throw new Error(`${who} has no leaf`);
  const proof = tree.proof(who);
  return measure(
    key,
    await anyone.writeContract({
      address: token,
      abi: GuildToken.abi,
      functionName: "claim",
      args: [who, c.amount, c.reputation, proof],
    }),
  );
};

// Epoch 1: the holders' first claims (their token slots become non-zero).
earn(holder, 10n * unit, 0n);
earn(repHolder, 10n * unit, 5n * unit);
earn(skipper, 10n * unit, 0n);
const tree1 = await runEpoch(1, 4, { finalize: "finalizeFirstEpoch", propose: "proposeFirstEpoch" });
for (const who of [holder, repHolder, skipper]) await claim(undefined, tree1, who);

// Epochs 2–5: the skipper earns and does not claim.
for (let epochId = 2; epochId <= 5; epochId++) {
  earn(skipper, unit, 0n);
  earn(holder, unit, 0n);
  await runEpoch(epochId, 4, {});
}

// Epoch 6: one million leaves.
earn(holder, unit, 0n);
earn(repHolder, unit, 2n * unit);
earn(skipper, unit, 0n);
earn(newcomer, unit, 0n);
const big = await runEpoch(6, LEAVES, { propose: "propose", finalize: "finalize" });
await claim("claimExistingHolder", big, holder);
await claim("claimNewHolder", big, newcomer);
await claim("claimWithReputation", big, repHolder);
await claim("claimFiveEpochs", big, skipper);
const proofLength = big.proof(holder).length;

// A governance vote: a proposal to change the cap, voted on by a founder.
const calldata = encodeFunctionData({ abi: GuildConfig.abi, functionName: "setCapBps", args: [1500] });
const alice = target.wallet(ROLES.alice);
await measure(
  "proposeGovernance",
  await alice.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "propose",
    args: [[config], [0n], [calldata], "Lower the per-recipient cap to 15%"],
  }),
);
await target.timeTravel(guild.params.votingDelaySeconds + 1);
const proposalId = await publicClient.readContract({
  address: governor,
  abi: GuildGovernor.abi,
  functionName: "getProposalId",
  args: [[config], [0n], [calldata], keccak256(stringToBytes("Lower the per-recipient cap to 15%"))],
});
await measure(
  "castVote",
  await alice.writeContract({
    address: governor,
    abi: GuildGovernor.abi,
    functionName: "castVote",
    args: [proposalId, 1],
  }),
);
await target.close();

const g = (key: string) => {
  const value = gas[key];
  if (value === undefined) throw new Error(`no measurement for ${key}`);
  return value;
};
const targets = {
  claimExistingHolder: g("claimExistingHolder") <= 60_000,
  claimNewHolder: g("claimNewHolder") <= 80_000,
  claimWithReputation: g("claimWithReputation") <= 2 * g("claimExistingHolder"),
  claimFiveEpochs: g("claimFiveEpochs") <= 1.5 * g("claimExistingHolder"),
  propose: g("propose") <= 120_000,
  finalize: g("finalize") <= 120_000,
};
const result = {
  ...gas,
  proofLength,
  leaves: LEAVES,
  targetsMet: targets,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "gas.json"), `${JSON.stringify(result, null, 2)}\n`);
console.table(Object.entries(gas).map(([key, value]) => ({ key, gas: value })));
console.log(`proof length ${proofLength}; targets met:`, targets);
if (Object.values(targets).some((met) => !met)) process.exitCode = 1;
