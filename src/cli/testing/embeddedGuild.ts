// Test support: a guild founded on the embedded chain in a data directory, as `guild init` would leave it.
import { parseEther } from "viem";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { DEFAULT_ASSESSMENT } from "../../node/openNode.ts";

/** Deploys a guild into `dataDir` on its embedded chain: dev account 0 is operator and sole founder. */
export async function initEmbeddedGuild(dataDir: string): Promise<void> {
  const clients = await connectChain({ dataDir });
  const operator = clients.walletClient.account.address;
  try {
    await initGuild(
      clients,
      dataDir,
      defaultParams(operator, [{ account: operator, reputation: parseEther("1") }], DEFAULT_ASSESSMENT),
      "embedded",
    );
  } finally {
    await clients.close();
  }
}
