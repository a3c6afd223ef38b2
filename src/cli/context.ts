// The options every command shares, parsed once: where the data lives, which chain, which key.
import { resolve } from "node:path";
import type { ChainTarget, SignerSource } from "../chain/connectChain.ts";
import { KEY_VARIABLE } from "../chain/connectChain.ts";
import { assertNodeUnlocked } from "../node/nodeLock.ts";

export interface GlobalOptions {
  dataDir: string;
  rpcUrl?: string;
  keystore?: string;
  json: boolean;
  debug: boolean;
}

export const GLOBAL_OPTIONS = {
  "data-dir": { type: "string" },
  "rpc-url": { type: "string" },
  keystore: { type: "string" },
  json: { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function globalOptions(values: Record<string, unknown>): GlobalOptions {
  const options: GlobalOptions = {
    dataDir: resolve(String(values["data-dir"] ?? process.env.GUILD_DATA_DIR ?? ".guild")),
    json: values.json === true,
    debug: values.debug === true,
  };
  const rpcUrl = values["rpc-url"] ?? process.env.GUILD_RPC_URL;
  if (typeof rpcUrl === "string" && rpcUrl !== "") options.rpcUrl = rpcUrl;
  if (typeof values.keystore === "string") options.keystore = values.keystore;
  return options;
}

/**
 * The chain the options point at: the embedded chain in the data directory unless --rpc-url is given.
 * Every command that opens the node or its chain asks for it first, so this is where a data directory
 * held by `guild up` (<data-dir>/node.lock) is refused, naming the process and where it serves.
 * @throws NodeLocked while a live `guild up` holds the data directory
 */
export function chainTarget(options: GlobalOptions): ChainTarget {
  assertNodeUnlocked(options.dataDir);
  const target: ChainTarget = { dataDir: options.dataDir };
  if (options.rpcUrl !== undefined) target.rpcUrl = options.rpcUrl;
  let signer: SignerSource | undefined;
  if (options.keystore !== undefined) {
    signer = { kind: "keystore", path: options.keystore, passwordVariable: "GUILD_KEYSTORE_PASSWORD" };
  } else if (options.rpcUrl !== undefined) {
    signer = { kind: "env", variable: KEY_VARIABLE };
  }
  if (signer !== undefined) target.signer = signer;
  return target;
}
