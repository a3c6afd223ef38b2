// Test support: a guild with some history for the API tests. The grant round's first applications in
// epoch 1, settled and finalized, one recipient's claim made; a governance proposal executed (cap 20% →
// 30%) and another still voting; epoch 2 (four signed contributions) proposed and in its challenge window;
// epoch 3 open.
import type { Address, Hex, LocalAccount } from "viem";
import { encodeFunctionData, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { GuildConfig } from "../../../chain/contracts.generated.ts";
import { DEV_MNEMONIC } from "../../../chain/embeddedChain.ts";
import { castVote, execute, propose, queue, VoteType } from "../../../chain/governance.ts";
import { claim, readEpoch } from "../../../chain/settlement.ts";
import { signSubmission } from "../../../core/contribution/signSubmission.ts";
import { buildPayoutTree } from "../../../core/merkle/payoutTree.ts";
import { acceptSubmission } from "../../acceptSubmission.ts";
import { runEpoch } from "../../epoch/runEpoch.ts";
import { prepareGuild } from "../../epoch/testing/prepareGuild.ts";
import type { NodeContext } from "../../openNode.ts";
import { openNode } from "../../openNode.ts";

export interface ApiGuild {
  ctx: NodeContext;
  /** Epoch 1's mapped recipients, in file order; the first has claimed. */
  recipients: Address[];
  /** Dev account 4: one of epoch 2's contributors (with dev accounts 10, 11 and 12), absent from epoch 1. */
  contributor: LocalAccount;
  /** The executed proposal (capBps 2000 → 3000) and the one still voting. */
  executedProposal: bigint;
  activeProposal: bigint;
  /** Where the active proposal's third call goes: an address that is no guild contract. */
  stranger: Address;
}

const DAY = 86_400;

/** Builds the guild in `dataDir` and returns it open (the caller closes `ctx`). */
export async function apiGuild(dataDir: string): Promise<ApiGuild> {
  const recipients = await prepareGuild(dataDir, { applications: 12, mapped: 6 });
  const ctx = await openNode({ chain: { dataDir } });
  try {
    const { publicClient, walletClient, advanceTime } = ctx.chain;
    if (advanceTime === undefined) throw new Error("the API guild needs the embedded chain");
    const { governor, config, token } = ctx.manifest.contracts;
    const setter = (functionName: "setCapBps" | "setBudgetPerEpoch", value: bigint) => ({
      target: config,
      value: 0n,
      data:
        functionName === "setCapBps"
          ? encodeFunctionData({ abi: GuildConfig.abi, functionName, args: [Number(value)] })
          : encodeFunctionData({ abi: GuildConfig.abi, functionName, args: [value] }),
    });

    // The governor counts reputation as of the second before a proposal.
    await advanceTime(1);
    const executed = await propose(
      publicClient,
      walletClient,
      governor,
      [setter("setCapBps", 3000n)],
      "Raise the cap to 30%",
    );
    await advanceTime(2);
    await castVote(publicClient, walletClient, governor, executed, VoteType.For);
    await advanceTime(2 * DAY + 1);
    await queue(publicClient, walletClient, governor, executed);
    await advanceTime(DAY + 1);
    await execute(publicClient, walletClient, governor, executed);

    await runEpoch(ctx, 1);
    const proposed = await readEpoch(publicClient, token, 1n);
    const now = (await publicClient.getBlock()).timestamp;
    await advanceTime(Number(proposed.challengeEndsAt) - Number(now) + 1);
    await runEpoch(ctx, 1, { until: "finalized" });

    // The first recipient claims; the others have not.
    const payouts = await ctx.store.listPayouts(1);
    const tree = buildPayoutTree(
      payouts.map((p) => ({
        account: p.recipient,
        cumulativeAmount: p.cumulativeAmount,
        cumulativeReputation: p.cumulativeReputation,
      })),
    );
    const first = payouts.find((p) => p.recipient.toLowerCase() === recipients[0]?.toLowerCase());
    if (first === undefined) throw new Error("the first recipient has no payout");
    await claim(publicClient, walletClient, token, {
      account: first.recipient,
      cumulativeAmount: first.cumulativeAmount,
      cumulativeReputation: first.cumulativeReputation,
      proof: tree.proof(first.recipient),
    });

    // Epoch 2: four signed contributions (with a cap of 30%, fewer could not take the whole budget).
    const contributor = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 4 });
    const block = await publicClient.getBlock();
    for (const [i, index] of [4, 10, 11, 12].entries()) {
      await acceptSubmission(
        ctx,
        await signSubmission(
          mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
          {
            epochId: 2,
            kind: "code",
            title: `Cache payout trees per epoch, part ${i + 1}`,
            // Four different pieces of work: the same text four times would be paid once (near-duplicates).
            description:
              [
                "Build each epoch's tree once and serve every proof from it.",
                "Keep the trees in a bounded cache keyed by epoch and root, evicting the least recently used.",
                "Warm the cache on startup from the last three settled epochs so first claims are fast.",
                "Measure proof latency under load and document the cache's memory bound for operators.",
              ][i] ?? "",
            links: [`https://example.org/pull/${i + 1}`],
            metrics: { linesAdded: 120 + 10 * i, testsTouched: 2 },
            nonce: 1n,
            deadline: Number(block.timestamp) + 3_600,
          },
          { chainId: ctx.manifest.chainId, verifyingContract: token },
        ),
      );
    }
    await runEpoch(ctx, 2);

    const stranger = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 7 }).address;
    const active = await propose(
      publicClient,
      walletClient,
      governor,
      [
        setter("setBudgetPerEpoch", parseEther("20000")),
        setter("setCapBps", 2500n),
        { target: stranger, value: 0n, data: "0x12345678" as Hex },
      ],
      "Double the budget, cap at 25%",
    );
    await advanceTime(2);
    await castVote(publicClient, walletClient, governor, active, VoteType.Against);

    return {
      ctx,
      recipients,
      contributor,
      executedProposal: executed.id,
      activeProposal: active.id,
      stranger,
    };
  } catch (error) {
    await ctx.close();
    throw error;
  }
}
