// GET /v1/accounts/{address}/claim: what an account can claim now (its leaf in the root claims are made
// against, with the Merkle proof) and what it has claimed on chain; and its leaf in a newer proposed epoch.
import type { Address, Hex } from "viem";
import { GuildToken, Reputation } from "../../../chain/contracts.generated.ts";
import { readEpoch } from "../../../chain/settlement.ts";
import type { EpochRecord } from "../../../store/store.ts";
import { addressParam } from "../apiParams.ts";
import type { AccountClaim, ClaimLeaf } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

export function accountRoutes({ ctx, payoutTrees }: ApiDeps): ApiRoute[] {
  /** The account's leaf in `epoch`'s tree with its proof, or null when the epoch does not pay it. */
  const leafIn = async (epoch: EpochRecord | undefined, account: Address, claimsExpireAt: number | null) => {
    if (epoch?.root === undefined) return null;
    const { payouts, tree } = await payoutTrees.get({ ...epoch, root: epoch.root as Hex });
    const index = tree?.indexOf(account) ?? -1;
    const payout = payouts[index];
    if (tree === null || payout === undefined) return null;
    const onChain = await readEpoch(ctx.chain.publicClient, ctx.manifest.contracts.token, BigInt(epoch.id));
    const leaf: ClaimLeaf = {
      epochId: epoch.id,
      state: epoch.state,
      root: epoch.root as Hex,
      cumulativeAmount: payout.cumulativeAmount.toString(),
      cumulativeReputation: payout.cumulativeReputation.toString(),
      proof: tree.proofAt(index),
      claimableFrom: Number(onChain.challengeEndsAt),
      claimsExpireAt,
    };
    return leaf;
  };

  return [
    defineRoute({
      method: "get",
      path: "/v1/accounts/{address}/claim",
      operationId: "getAccountClaim",
      tag: "accounts",
      summary:
        "What an account can claim now, with its leaf and Merkle proof, and what it has claimed on chain",
      description:
        "`current` is the account's leaf in the latest finalized epoch on chain (claims are made against " +
        "that root, and one claim pays every epoch not claimed yet); `pending` is its leaf in a newer " +
        "proposed epoch, claimable once that epoch's challenge window ends and it is finalized.",
      params: { address: addressParam("the account", true) },
      response: { status: 200, schema: "AccountClaim", description: "the account's claim" },
      errors: [],
      async handle({ params }): Promise<AccountClaim> {
        const account = params.address;
        const { publicClient } = ctx.chain;
        const { token, reputation } = ctx.manifest.contracts;
        const [block, active, claimedAmount, claimedReputation, latest] = await Promise.all([
          publicClient.getBlock(),
          publicClient.readContract({ address: token, abi: GuildToken.abi, functionName: "activeEpoch" }),
          publicClient.readContract({
            address: token,
            abi: GuildToken.abi,
            functionName: "claimedOf",
            args: [account],
          }),
          publicClient.readContract({
            address: reputation,
            abi: Reputation.abi,
            functionName: "claimedOf",
            args: [account],
          }),
          ctx.store.latestEpoch(),
        ]);
        const [activeId, , expiresAt] = active;
        const current =
          activeId === 0n
            ? null
            : await leafIn(await ctx.store.getEpoch(Number(activeId)), account, Number(expiresAt));
        let pending: ClaimLeaf | null = null;
        for (let id = latest?.id ?? 0; id > Number(activeId); id--) {
          const epoch = await ctx.store.getEpoch(id);
          if (epoch?.state === "proposed") {
            pending = await leafIn(epoch, account, null);
            break;
          }
        }
        // As the contract sees it: the chain's time, not this machine's.
        const expired = block.timestamp >= expiresAt;
        const due = current === null || expired ? 0n : BigInt(current.cumulativeAmount) - claimedAmount;
        return {
          account,
          claimed: { amount: claimedAmount.toString(), reputation: claimedReputation.toString() },
          current,
          pending,
          claimableAmount: (due > 0n ? due : 0n).toString(),
        };
      },
    }),
  ];
}
