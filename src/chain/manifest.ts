// The deployment manifest: where a guild's contracts live, written once into the data directory.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address } from "viem";
import type { GuildDomainInput } from "../core/contribution/guildDomain.ts";
import { GuildError } from "../core/errors.ts";
import type { GuildAddresses } from "./deployGuild.ts";

/** `guild init` already ran for this data directory. */
export class GuildAlreadyInitialized extends GuildError {}
/** No manifest: `guild init` has not run for this data directory. */
export class GuildNotInitialized extends GuildError {}

export interface Manifest {
  version: 1;
  chainId: number;
  /** "embedded" or the JSON-RPC URL the guild was deployed through. */
  chain: string;
  deployer: Address;
  blockNumber: string;
  deployedAt: string;
  contracts: GuildAddresses;
  /** The parameters the guild started with, bigints as decimal strings. */
  params: Record<string, unknown>;
}

/** What every signature this guild takes is bound to (EIP-712): its chain and its token, the settlement. */
export function signingDomain(manifest: Pick<Manifest, "chainId" | "contracts">): GuildDomainInput {
  return { chainId: manifest.chainId, verifyingContract: manifest.contracts.token };
}

export const manifestPath = (dataDir: string) => join(dataDir, "deployment.json");

/** @throws GuildNotInitialized when the data directory has no manifest */
export function readManifest(dataDir: string): Manifest {
  const path = manifestPath(dataDir);
  if (!existsSync(path)) {
    throw new GuildNotInitialized(`no guild in ${dataDir}: run \`guild init\` first`, { dataDir });
  }
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

/** Writes the manifest atomically (temporary file, then rename). */
export function writeManifest(dataDir: string, manifest: Manifest): void {
  const path = manifestPath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
