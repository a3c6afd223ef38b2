// GET /v1/guild: the guild at a glance, from the chain (treasury, escrow, parameters, the active epoch)
// and the store (the current epoch and when its governed length ends).
import { GuildToken, Reputation } from "../../../chain/contracts.generated.ts";
import { tokenBalance } from "../../../chain/settlement.ts";
import type { GuildOverview } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";
import { readGovernedParameters } from "../readGovernedParameters.ts";

export function guildRoutes({ ctx }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/guild",
      operationId: "getGuild",
      tag: "guild",
      summary: "The guild: chain, contracts, treasury, escrow, governed parameters, current epoch",
      response: { status: 200, schema: "GuildOverview", description: "the guild now" },
      errors: [],
      async handle(): Promise<GuildOverview> {
        const { publicClient } = ctx.chain;
        const { manifest } = ctx;
        const { token, timelock, reputation } = manifest.contracts;
        const [block, treasury, escrow, reputationSupply, active, parameters, latest] = await Promise.all([
          publicClient.getBlock(),
          tokenBalance(publicClient, token, timelock),
          tokenBalance(publicClient, token, token),
          publicClient.readContract({
            address: reputation,
            abi: Reputation.abi,
            functionName: "totalSupply",
          }),
          publicClient.readContract({ address: token, abi: GuildToken.abi, functionName: "activeEpoch" }),
          readGovernedParameters(ctx),
          ctx.store.latestEpoch(),
        ]);
        const [activeId, referenceTime, expiresAt] = active;
        const openedAt = latest?.state === "open" ? latest.enteredAt.open : undefined;
        return {
          chainId: manifest.chainId,
          chain: ctx.chain.kind,
          contracts: { ...manifest.contracts },
          deployedAt: manifest.deployedAt,
          deploymentBlock: manifest.blockNumber,
          chainTime: Number(block.timestamp),
          treasury: treasury.toString(),
          escrow: escrow.toString(),
          reputationSupply: reputationSupply.toString(),
          parameters,
          activeEpoch:
            activeId === 0n
              ? null
              : {
                  id: Number(activeId),
                  referenceTime: Number(referenceTime),
                  claimsExpireAt: Number(expiresAt),
                },
          currentEpoch:
            latest === undefined
              ? null
              : {
                  id: latest.id,
                  state: latest.state,
                  enteredAt: latest.enteredAt,
                  lengthEndsAt: openedAt === undefined ? null : openedAt + parameters.epochLengthSeconds,
                },
        };
      },
    }),
  ];
}
