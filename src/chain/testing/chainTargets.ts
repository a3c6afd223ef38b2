// Test support: the two chain transports every chain test runs against, the in-process embedded EDR
// and a `hardhat node` JSON-RPC server in a separate process on 127.0.0.1, behind one interface.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";
import { createPublicClient, createTestClient, createWalletClient, custom, defineChain, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC, EMBEDDED_CHAIN_ID, openEmbeddedChain } from "../embeddedChain.ts";

const PACKAGE_ROOT = join(import.meta.dirname, "..", "..", "..");

export interface ChainTarget {
  name: string;
  /** The JSON-RPC URL, for a target that has one. */
  url?: string;
  chain: Chain;
  transport: Transport;
  publicClient: PublicClient<Transport, Chain>;
  /** A wallet client signing with dev account `index` (the Hardhat test mnemonic). */
  wallet(index: number): WalletClient<Transport, Chain, Account>;
  /** Mines a block `seconds` after the latest one; the chain's clock goes on from there. */
  timeTravel(seconds: number): Promise<void>;
  close(): Promise<void>;
}

const devChain = defineChain({
  id: EMBEDDED_CHAIN_ID,
  name: "dev",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [] } },
});

function target(name: string, transport: Transport, close: () => Promise<void>): ChainTarget {
  const pollingInterval = 5;
  const publicClient = createPublicClient({ chain: devChain, transport, pollingInterval }) as PublicClient<
    Transport,
    Chain
  >;
  const testClient = createTestClient({ chain: devChain, transport, mode: "hardhat" });
  return {
    name,
    chain: devChain,
    transport,
    publicClient,
    wallet: (index) =>
      createWalletClient({
        chain: devChain,
        transport,
        account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
        pollingInterval,
      }),
    timeTravel: async (seconds) => {
      const latest = await publicClient.getBlock();
      await testClient.setNextBlockTimestamp({ timestamp: latest.timestamp + BigInt(seconds) });
      await testClient.mine({ blocks: 1 });
    },
    close,
  };
}

/**
 * The embedded chain (EDR in this process). Without `dataDir` it lives in a fresh temporary directory
 * that `close()` deletes; with one, it opens (or replays) the chain there and leaves it in place.
 */
export async function embeddedTarget(dataDir?: string): Promise<ChainTarget> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "guild-chain-"));
  const chain = await openEmbeddedChain({ dataDir: dir });
  return target("embedded EDR", custom(chain.provider, { retryCount: 0 }), async () => {
    await chain.close();
    if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
  });
}

/** A `hardhat node` in a child process, listening on 127.0.0.1 at a free port. */
export async function jsonRpcTarget(): Promise<ChainTarget> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(PACKAGE_ROOT, "node_modules/hardhat/dist/src/cli.js"),
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      `${port}`,
    ],
    { cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  await waitForListening(child, port);
  const url = `http://127.0.0.1:${port}`;
  const rpc = target(`hardhat node at ${url}`, http(url, { retryCount: 0 }), async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  });
  return { ...rpc, url };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForListening(child: ChildProcess, port: number): Promise<void> {
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited early:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`hardhat node did not listen on 127.0.0.1:${port} within 60 s:\n${output}`);
}
