// A guild for the epoch tests: deployed on the embedded chain in a data directory, with epoch 1 open
// and a slice of the real grant round imported into it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import { keccak256, parseEther, stringToBytes } from "viem";
import { connectChain } from "../../../chain/connectChain.ts";
import { defaultParams } from "../../../chain/defaultParams.ts";
import { initGuild } from "../../../chain/initGuild.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../../../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../../../ingest/round/importRound.ts";
import { DEFAULT_ASSESSMENT, openNode } from "../../openNode.ts";

/** The 120 applications of a real grant round, beside the repository (not in it). */
export const GRANT_ROUND = join(
  import.meta.dirname,
  "../../../../../shared/data/grant-round/applications.jsonl",
);

/** Why the tests that need the grant round are skipped, or false when it is there. */
export const NO_GRANT_ROUND =
  !existsSync(GRANT_ROUND) && `${GRANT_ROUND} is absent (shared/data is not beside the repository)`;

/** The address an application's recipient gets in the tests: derived from its id. */
export const addressOf = (applicationId: string) =>
  `0x${keccak256(stringToBytes(applicationId)).slice(26)}` as Address;

export interface PrepareGuildOptions {
  /** How many applications, from the top of the file, go into epoch 1. */
  applications: number;
  /** How many of those, from the top, have an address; the rest stay unmapped and unpaid. */
  mapped: number;
  /** The assessment configuration governance approves at founding; the built-in default when absent. */
  assessment?: { hash: Hex; uri: string };
  /** The model digests governance approves at founding (GuildConfig.approvedModels); none when absent. */
  approvedModels?: readonly Hex[];
  /** More founding members beside the operator, with 10 reputation each (members may endorse work). */
  members?: readonly Address[];
}

/**
 * Deploys a guild into `dataDir` (dev account 0 is operator, node and founder, with `members`), opens epoch 1 and
 * imports the first `applications` applications into it. Leaves nothing open.
 * @returns the addresses of the mapped recipients, in file order
 */
export async function prepareGuild(dataDir: string, options: PrepareGuildOptions): Promise<Address[]> {
  const clients = await connectChain({ dataDir });
  try {
    const operator = clients.walletClient.account.address;
    await initGuild(
      clients,
      dataDir,
      {
        ...defaultParams(
          operator,
          [
            { account: operator, reputation: parseEther("100") },
            ...(options.members ?? []).map((account) => ({ account, reputation: parseEther("10") })),
          ],
          options.assessment ?? DEFAULT_ASSESSMENT,
        ),
        approvedModels: [...(options.approvedModels ?? [])],
      },
      "embedded",
    );
  } finally {
    await clients.close();
  }
  const ids = readFileSync(GRANT_ROUND, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id)
    .slice(0, options.applications);
  const addresses = new Map(ids.slice(0, options.mapped).map((id) => [id, addressOf(id)]));
  const imported = await importRound(GRANT_ROUND, FIL_RETRO_PGF_3_MAPPING, { epochId: 1, addresses });
  const ctx = await openNode({ chain: { dataDir } });
  try {
    await ctx.store.openEpoch(1);
    for (const c of imported.contributions.slice(0, options.applications))
      await ctx.store.insertContribution(c);
  } finally {
    await ctx.close();
  }
  return [...addresses.values()];
}
