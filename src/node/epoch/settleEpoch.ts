// Steps allocated → proposed → finalized: the epoch's root on chain, exactly once, then finalized.
import type { Hex } from "viem";
import { GuildToken } from "../../chain/contracts.generated.ts";
import { finalizeEpoch, proposeEpoch, readEpoch } from "../../chain/settlement.ts";
import { GuildError } from "../../core/errors.ts";
import type { EpochRecord } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { allocateEpoch } from "./allocateEpoch.ts";
import { readAllocated, readClosed } from "./epochLedger.ts";
import { requireEpoch } from "./requireEpoch.ts";

/** The chain holds another root for this epoch than the one the node allocated. */
export class ProposalConflict extends GuildError {}
/** The epoch's challenge window has not ended yet. */
export class ChallengeWindowOpen extends GuildError {}

/**
 * Proposes an allocated epoch on chain, unless the chain already has this root proposed or finalized
 * (a node killed after sending its proposal finds it there on restart): at most one proposal per
 * allocation. Moves the epoch to `proposed`; a veto seen on chain moves it to `vetoed`.
 * @throws ProposalConflict when the chain holds a different root for the epoch
 */
export async function proposeAllocatedEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  let epoch = await requireEpoch(ctx, epochId);
  if (epoch.state !== "allocated") return epoch;
  const { token } = ctx.manifest.contracts;
  const onChain = await readEpoch(ctx.chain.publicClient, token, BigInt(epochId));
  if (onChain.stateName === "None" || onChain.stateName === "Vetoed") {
    // An allocation whose challenge end can no longer be proposed (the node was down too long) is
    // redone with a fresh one; otherwise this recomputes the same allocation.
    epoch = await allocateEpoch(ctx, epochId);
  }
  const root = epoch.root as Hex;
  if (onChain.stateName !== "None" && onChain.stateName !== "Vetoed" && onChain.root !== root) {
    throw new ProposalConflict(`epoch ${epochId} has another root on chain`, {
      epochId,
      onChain: onChain.root,
      ours: root,
    });
  }
  const txHashes: Record<string, Hex> = {};
  const sent = await findEventTransaction(ctx, "EpochProposed", epochId, root);
  if (sent !== undefined) txHashes.propose = sent;
  if (onChain.stateName === "None" || onChain.stateName === "Vetoed") {
    const closed = await readClosed(ctx.store, epochId);
    const allocated = await readAllocated(ctx.store, epochId);
    const report = epoch.report as { allocation: { totalPaid: string }; reputation: { amount: string }[] };
    const receipt = await proposeEpoch(ctx.chain.publicClient, ctx.chain.walletClient, token, {
      epochId: BigInt(epochId),
      root,
      total: BigInt(report.allocation.totalPaid),
      reputationTotal: report.reputation.reduce((s, r) => s + BigInt(r.amount), 0n),
      challengeEndsAt: BigInt(allocated?.referenceTime ?? "0"),
      reportHash: epoch.reportHash as Hex,
      configHash: closed.config.configHash,
      reportUri: `file://${allocated?.reportPath ?? ""}`,
    });
    txHashes.propose = receipt.transactionHash;
    ctx.crashpoint("propose:sent");
  }
  return ctx.store.advanceEpoch({ epochId, from: "allocated", to: "proposed", outputs: { txHashes } });
}

/**
 * Finalizes a proposed epoch once its challenge window has ended (anyone may; the node does), or
 * records what the chain already says: finalized, or vetoed.
 * @throws ChallengeWindowOpen when the window has not ended, with when it ends
 */
export async function finalizeProposedEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  const epoch = await requireEpoch(ctx, epochId);
  if (epoch.state !== "proposed") return epoch;
  const { token } = ctx.manifest.contracts;
  const onChain = await readEpoch(ctx.chain.publicClient, token, BigInt(epochId));
  if (onChain.stateName === "Vetoed") {
    return ctx.store.advanceEpoch({ epochId, from: "proposed", to: "vetoed" });
  }
  const txHashes: Record<string, Hex> = {};
  const finalizedIn = await findEventTransaction(ctx, "EpochFinalized", epochId);
  if (finalizedIn !== undefined) txHashes.finalize = finalizedIn;
  if (onChain.stateName === "Proposed") {
    const now = (await ctx.chain.publicClient.getBlock()).timestamp;
    if (now < BigInt(onChain.challengeEndsAt)) {
      throw new ChallengeWindowOpen(
        `epoch ${epochId}'s challenge window is open until ${new Date(Number(onChain.challengeEndsAt) * 1000).toISOString()}`,
        {
          epochId,
          endsAt: onChain.challengeEndsAt,
          now,
        },
      );
    }
    const receipt = await finalizeEpoch(
      ctx.chain.publicClient,
      ctx.chain.walletClient,
      token,
      BigInt(epochId),
    );
    txHashes.finalize = receipt.transactionHash;
    ctx.crashpoint("finalize:sent");
  }
  return ctx.store.advanceEpoch({ epochId, from: "proposed", to: "finalized", outputs: { txHashes } });
}

/**
 * The transaction that emitted the epoch's last `event` (for EpochProposed, the one with `root`), so
 * a node that crashed after sending it still records its hash.
 */
async function findEventTransaction(
  ctx: NodeContext,
  event: "EpochProposed" | "EpochFinalized",
  epochId: number,
  root?: Hex,
): Promise<Hex | undefined> {
  const logs = await ctx.chain.publicClient.getContractEvents({
    address: ctx.manifest.contracts.token,
    abi: GuildToken.abi,
    eventName: event,
    args: { epochId: BigInt(epochId) },
    fromBlock: BigInt(ctx.manifest.blockNumber),
  });
  const matching = logs.filter((log) => root === undefined || (log.args as { root?: Hex }).root === root);
  return matching.at(-1)?.transactionHash ?? undefined;
}
