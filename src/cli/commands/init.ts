// `guild init`: deploys a new guild (token, reputation, governor, timelock, config, settlement).
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { formatEther, getAddress, isAddress, parseEther } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { GuildError } from "../../core/errors.ts";
import { DEFAULT_ASSESSMENT } from "../../node/openNode.ts";
import { openStore } from "../../store/openStore.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";

/** A command-line value is malformed. */
export class InvalidArgument extends GuildError {}

export const initHelp = `guild init [--founder <address>=<reputation>]... [--node <address>] [--guardian <address>]

Deploys a new guild, writes its deployment manifest into the data directory and creates its store
(PGlite in <data-dir>/store, or the PostgreSQL server of $DATABASE_URL).
Founders receive their reputation once, now; with none given, the operator is the only founder
(100 reputation). The node defaults to the operator's address. Refuses to run twice.`;

export async function initCommand(argv: string[], out: Output): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      founder: { type: "string", multiple: true },
      node: { type: "string" },
      guardian: { type: "string" },
    },
  });
  const options = globalOptions(values);
  // Bad input is refused before anything is deployed.
  const givenFounders = values.founder?.map(parseFounder);
  const node = values.node === undefined ? undefined : parseAddress("--node", values.node);
  const guardian = values.guardian === undefined ? undefined : parseAddress("--guardian", values.guardian);
  const clients = await connectChain(chainTarget(options));
  try {
    const operator = clients.walletClient.account.address;
    const founders = givenFounders ?? [{ account: operator, reputation: parseEther("100") }];
    const params = defaultParams(operator, founders, DEFAULT_ASSESSMENT);
    if (node !== undefined) params.node = node;
    if (guardian !== undefined) params.guardian = guardian;
    const manifest = await initGuild(clients, options.dataDir, params, options.rpcUrl ?? "embedded");
    // The store is created (and migrated) now, so a database problem shows at set-up, and the node's
    // first epoch does not pay for creating the embedded database (its initdb is memory-hungry).
    const store = await openStore({ dataDir: options.dataDir, databaseUrl: process.env.DATABASE_URL });
    await store.close();
    out.result(manifest, () => {
      out.line(
        `Guild deployed on chain ${manifest.chainId} (${manifest.chain}) at block ${manifest.blockNumber}`,
      );
      for (const [name, address] of Object.entries(manifest.contracts))
        out.line(`  ${name.padEnd(10)} ${address}`);
      out.line(
        `Founders: ${founders.map((f) => `${f.account} (${formatEther(f.reputation)} rep)`).join(", ")}`,
      );
      out.line(`Manifest: ${options.dataDir}/deployment.json`);
    });
  } finally {
    await clients.close();
  }
}

function parseAddress(flag: string, value: string): Address {
  if (!isAddress(value))
    throw new InvalidArgument(`${flag} takes an address, got "${value}"`, { flag, value });
  return getAddress(value);
}

function parseFounder(value: string): { account: Address; reputation: bigint } {
  const [account, amount] = value.split("=");
  if (account === undefined || amount === undefined || !isAddress(account) || !/^\d+(\.\d+)?$/.test(amount)) {
    throw new InvalidArgument(`--founder takes <address>=<reputation>, got "${value}"`, { value });
  }
  return { account: getAddress(account), reputation: parseEther(amount) };
}
