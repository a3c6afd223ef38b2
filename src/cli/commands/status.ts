// `guild status`: the guild in this data directory, as the chain sees it now.
import { parseArgs } from "node:util";
import { formatEther } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { GuildConfig, GuildToken, Reputation } from "../../chain/contracts.generated.ts";
import { readManifest } from "../../chain/manifest.ts";
import { tokenBalance } from "../../chain/settlement.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";

export const statusHelp = `guild status

Shows the guild's contracts, treasury, escrow, active epoch and governed parameters.`;

export async function statusCommand(argv: string[], out: Output): Promise<void> {
  const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS });
  const options = globalOptions(values);
  const manifest = readManifest(options.dataDir);
  const clients = await connectChain(chainTarget(options));
  try {
    const { publicClient } = clients;
    const { token, config, reputation, timelock } = manifest.contracts;
    const [treasury, escrow, active, params, configHash, reputationSupply] = await Promise.all([
      tokenBalance(publicClient, token, timelock),
      tokenBalance(publicClient, token, token),
      publicClient.readContract({ address: token, abi: GuildToken.abi, functionName: "activeEpoch" }),
      publicClient.readContract({ address: config, abi: GuildConfig.abi, functionName: "params" }),
      publicClient.readContract({ address: config, abi: GuildConfig.abi, functionName: "configHash" }),
      publicClient.readContract({ address: reputation, abi: Reputation.abi, functionName: "totalSupply" }),
    ]);
    const status = {
      chainId: manifest.chainId,
      contracts: manifest.contracts,
      treasury,
      escrow,
      activeEpoch: { epochId: active[0], finalizedAt: active[1], expiresAt: active[2] },
      reputationSupply,
      configHash,
      params,
    };
    out.result(status, () => {
      out.line(`Guild on chain ${manifest.chainId} (${manifest.chain})`);
      out.line(`  treasury     ${formatEther(treasury)} GUILD`);
      out.line(`  escrow       ${formatEther(escrow)} GUILD`);
      out.line(
        `  epoch        ${active[0] === 0n ? "none finalized yet" : `${active[0]} (claimable until ${new Date(Number(active[2]) * 1000).toISOString()})`}`,
      );
      out.line(`  reputation   ${formatEther(reputationSupply)} gREP in all`);
      out.line(
        `  budget       ${formatEther(params.budgetPerEpoch)} GUILD per epoch, cap ${params.capBps / 100}%`,
      );
      out.line(`  config hash  ${configHash}`);
    });
  } finally {
    await clients.close();
  }
}
