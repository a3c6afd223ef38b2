// `guild claim`: claims an account's leaf of the latest finalized epoch, with a proof rebuilt from the store.
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { BaseError, ContractFunctionRevertedError, getAddress, isAddress, parseEventLogs } from "viem";
import { GuildToken } from "../../chain/contracts.generated.ts";
import { claim } from "../../chain/settlement.ts";
import { GuildError } from "../../core/errors.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import type { Store } from "../../store/store.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { formatUnits18 } from "../output.ts";
import { isoTime, parseEpochId, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";
import { signerTarget } from "./submit.ts";

/** No epoch to claim from: none is finalized, or the one named is not the chain's active epoch. */
export class NoClaimableEpoch extends GuildError {}
/** The account has no leaf in the epoch's tree. */
export class NoLeaf extends GuildError {}
/** The account's leaf pays nothing more: everything it carries was claimed already. */
export class NothingToClaim extends GuildError {}
/** The payouts in the store do not rebuild the root the epoch settled with. */
export class StoredPayoutsMismatch extends GuildError {}
/** The claim transaction was refused by the settlement contract. */
export class ClaimRefused extends GuildError {}

export const claimHelp = `guild claim [--account <address>] [--epoch <id>] [--dev-account <n>]

Claims an account's rewards (GUILD and reputation) from the latest finalized epoch.

The Merkle proof is rebuilt from the store's payouts. One claim pays everything the leaf carries beyond what the account
claimed before. The account defaults to the signer's own address; anyone may claim for anyone (the
payment goes to the account). --epoch names the epoch, which must be the chain's latest finalized one.
The signer: dev account 0 on the embedded chain, or dev account <n> with --dev-account <n>;
$GUILD_PRIVATE_KEY or --keystore <file> with --rpc-url.`;

export async function claimCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      account: { type: "string" },
      epoch: { type: "string" },
      "dev-account": { type: "string" },
    },
  });
  const options = globalOptions(values);
  if (positionals.length > 0) {
    throw new InvalidArgument(`unexpected argument "${positionals[0]}"`, { argument: positionals[0] });
  }
  if (values.account !== undefined && !isAddress(values.account)) {
    throw new InvalidArgument(`--account takes an address, got "${values.account}"`, {
      account: values.account,
    });
  }
  const requestedEpoch = values.epoch === undefined ? undefined : parseEpochId(values.epoch, "--epoch");
  const target = signerTarget(options, values["dev-account"]);

  await withNode(
    options,
    async (ctx) => {
      const { publicClient, walletClient } = ctx.chain;
      const { token } = ctx.manifest.contracts;
      const account = getAddress(values.account ?? walletClient.account.address);
      const [active, , expiresAt] = await publicClient.readContract({
        address: token,
        abi: GuildToken.abi,
        functionName: "activeEpoch",
      });
      const epochId = requestedEpoch ?? (await latestFinalized(ctx.store));
      if (epochId === undefined || active === 0n) {
        throw new NoClaimableEpoch("no epoch is finalized yet: there is nothing to claim", {
          hint: "guild epoch finalize",
        });
      }
      if (BigInt(epochId) !== active) {
        throw new NoClaimableEpoch(
          `claims are made against the latest finalized root, epoch ${active} on chain, not epoch ${epochId}`,
          {
            epochId,
            activeOnChain: active,
            hint: "one claim of the latest epoch pays every epoch before it",
          },
        );
      }
      const epoch = await ctx.store.getEpoch(epochId);
      const payouts = await ctx.store.listPayouts(epochId);
      if (epoch?.state !== "finalized" || payouts.length === 0) {
        throw new NoClaimableEpoch(`the store has no finalized payouts for epoch ${epochId}`, {
          epochId,
          state: epoch?.state ?? "missing",
        });
      }
      const tree = buildPayoutTree(
        payouts.map((p) => ({
          account: p.recipient,
          cumulativeAmount: p.cumulativeAmount,
          cumulativeReputation: p.cumulativeReputation,
        })),
      );
      if (tree.root.toLowerCase() !== epoch.root?.toLowerCase()) {
        throw new StoredPayoutsMismatch(`the stored payouts of epoch ${epochId} do not rebuild its root`, {
          epochId,
          rebuilt: tree.root,
          root: epoch.root,
        });
      }
      const leaf = payouts.find((p) => p.recipient.toLowerCase() === account.toLowerCase());
      if (leaf === undefined) {
        throw new NoLeaf(`${account} has no leaf in epoch ${epochId}: it was never paid by the guild`, {
          account,
          epochId,
          recipients: payouts.length,
        });
      }
      const request = {
        account: getAddress(leaf.recipient),
        cumulativeAmount: leaf.cumulativeAmount,
        cumulativeReputation: leaf.cumulativeReputation,
        proof: tree.proof(leaf.recipient),
      };
      const claimedBefore = await publicClient.readContract({
        address: token,
        abi: GuildToken.abi,
        functionName: "claimedOf",
        args: [request.account],
      });
      // Simulated first, so a refusal is named before any gas is spent.
      try {
        await publicClient.simulateContract({
          account: walletClient.account,
          address: token,
          abi: GuildToken.abi,
          functionName: "claim",
          args: [request.account, request.cumulativeAmount, request.cumulativeReputation, request.proof],
        });
      } catch (error) {
        throw refusal(error, request.account, epochId, request.cumulativeAmount, claimedBefore, expiresAt);
      }
      const receipt = await claim(publicClient, walletClient, token, request);
      const event = parseEventLogs({ abi: GuildToken.abi, logs: receipt.logs, eventName: "Claimed" })[0];
      const result = {
        epochId,
        account: request.account,
        sender: walletClient.account.address,
        paid: event?.args.amount ?? 0n,
        reputationMinted: event?.args.reputation ?? 0n,
        cumulativeAmount: request.cumulativeAmount,
        txHash: receipt.transactionHash,
      };
      out.result(result, () => {
        out.line(
          `Claimed for ${result.account} in epoch ${epochId}: paid ${formatUnits18(result.paid)} GUILD, minted ${formatUnits18(result.reputationMinted)} gREP`,
        );
        out.line(`  tx ${result.txHash} (sent by ${result.sender})`);
        out.line(`  paid in all so far: ${formatUnits18(result.cumulativeAmount)} GUILD`);
      });
    },
    target,
  );
}

/** The latest epoch in the store that is finalized. */
async function latestFinalized(store: Store): Promise<number | undefined> {
  const latest = await store.latestEpoch();
  for (let id = latest?.id ?? 0; id >= 1; id--) {
    if ((await store.getEpoch(id))?.state === "finalized") return id;
  }
  return undefined;
}

/** A simulated claim's revert as a named error; anything else as it is. */
function refusal(
  error: unknown,
  account: Address,
  epochId: number,
  cumulativeAmount: bigint,
  claimedBefore: bigint,
  expiresAt: bigint,
): unknown {
  const revert =
    error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  if (!(revert instanceof ContractFunctionRevertedError)) return error;
  const name = revert.data?.errorName ?? "unknown";
  if (name === "SettlementNothingToClaim") {
    return new NothingToClaim(
      `${account} has nothing to claim in epoch ${epochId}: its leaf is claimed already`,
      {
        account,
        epochId,
        leafAmount: `${formatUnits18(cumulativeAmount)} GUILD`,
        claimed: `${formatUnits18(claimedBefore)} GUILD`,
      },
    );
  }
  if (name === "SettlementClaimExpired") {
    return new ClaimRefused(`epoch ${epochId}'s claims expired at ${isoTime(Number(expiresAt))}`, {
      account,
      epochId,
      expiredAt: expiresAt,
    });
  }
  return new ClaimRefused(`the settlement refused the claim: ${name}`, {
    account,
    epochId,
    error: name,
    args: (revert.data?.args ?? []).map(String).join(", "),
  });
}
