// `guild init`: deploys a new guild and records it in the data directory, refusing to run twice.
import { existsSync, mkdirSync } from "node:fs";
import type { ChainClients } from "./connectChain.ts";
import type { GuildParams } from "./deployGuild.ts";
import { deployGuild } from "./deployGuild.ts";
import { GuildAlreadyInitialized, type Manifest, manifestPath, writeManifest } from "./manifest.ts";

/**
 * Deploys the suite with `params` and writes the manifest into `dataDir`.
 * @throws GuildAlreadyInitialized when the data directory already holds a guild
 */
export async function initGuild(
  clients: ChainClients,
  dataDir: string,
  params: GuildParams,
  chainLabel: string,
): Promise<Manifest> {
  if (existsSync(manifestPath(dataDir))) {
    throw new GuildAlreadyInitialized(
      `${dataDir} already holds a guild; use another --data-dir to make a new one`,
      {
        dataDir,
        manifest: manifestPath(dataDir),
      },
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const deployment = await deployGuild(clients, params);
  const block = await clients.publicClient.getBlock({ blockNumber: deployment.blockNumber });
  const manifest: Manifest = {
    version: 1,
    chainId: deployment.chainId,
    chain: chainLabel,
    deployer: deployment.deployer,
    blockNumber: deployment.blockNumber.toString(),
    deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
    contracts: deployment.contracts,
    params: JSON.parse(
      JSON.stringify(params, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    ) as Record<string, unknown>,
  };
  writeManifest(dataDir, manifest);
  return manifest;
}
