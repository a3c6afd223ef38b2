// Opens viem clients on the embedded chain (default) or on any EVM JSON-RPC endpoint.
import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";
import { createPublicClient, createWalletClient, custom, defineChain, http } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { GuildError } from "../core/errors.ts";
import { DEV_MNEMONIC, openEmbeddedChain } from "./embeddedChain.ts";
import { readKeystore } from "./keystore.ts";

/** No signing key was given for a chain that has no dev accounts. */
export class MissingSigner extends GuildError {}

/** Where the signing key comes from. A key is never taken from a command-line argument. */
export type SignerSource =
  | { kind: "env"; variable: string }
  | { kind: "keystore"; path: string; passwordVariable: string }
  | { kind: "dev"; index: number };

export interface ChainTarget {
  /** Data directory of the embedded chain; used when `rpcUrl` is absent. */
  dataDir: string;
  /** Any EVM JSON-RPC endpoint; absent means the embedded chain. */
  rpcUrl?: string;
  signer?: SignerSource;
}

export interface ChainClients {
  kind: "embedded" | "rpc";
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
  /** A wallet client on the same chain signing with dev account `index`; embedded chain only. */
  devWallet?: (index: number) => WalletClient<Transport, Chain, Account>;
  /** Moves the chain's clock `seconds` past its latest block and mines a block; embedded chain only. */
  advanceTime?: (seconds: number) => Promise<void>;
  close(): Promise<void>;
}

/** The environment variable `guild` reads a hex private key from by default. */
export const KEY_VARIABLE = "GUILD_PRIVATE_KEY";

/**
 * Connects to the target chain and returns clients signing with the chosen key.
 * On the embedded chain the default signer is dev account 0 (a well-known, unsafe key).
 * @throws MissingSigner when a JSON-RPC target has no key in the environment or keystore
 */
export async function connectChain(
  target: ChainTarget,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChainClients> {
  // The key is resolved first, so a missing one is reported before any connection is made.
  const account = resolveSigner(
    target.signer ??
      (target.rpcUrl === undefined ? { kind: "dev", index: 0 } : { kind: "env", variable: KEY_VARIABLE }),
    env,
  );
  let transport: Transport;
  let chainId: number;
  let close = async () => {};
  let kind: ChainClients["kind"];
  let advanceTime: ChainClients["advanceTime"];
  if (target.rpcUrl === undefined) {
    const embedded = await openEmbeddedChain({ dataDir: target.dataDir });
    transport = custom(embedded.provider, { retryCount: 0 });
    chainId = embedded.chainId;
    close = () => embedded.close();
    kind = "embedded";
    advanceTime = async (seconds) => {
      const latest = (await embedded.provider.request({
        method: "eth_getBlockByNumber",
        params: ["latest", false],
      })) as {
        timestamp: string;
      };
      await embedded.provider.request({
        method: "evm_setNextBlockTimestamp",
        params: [Number(BigInt(latest.timestamp)) + seconds],
      } as never);
      await embedded.provider.request({ method: "evm_mine", params: [] } as never);
    };
  } else {
    transport = http(target.rpcUrl, { retryCount: 2, timeout: 30_000 });
    chainId = await createPublicClient({ transport }).getChainId();
    kind = "rpc";
  }
  const chain = defineChain({
    id: chainId,
    name: kind === "embedded" ? "Guild embedded chain" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: target.rpcUrl ? [target.rpcUrl] : [] } },
  });
  const pollingInterval = kind === "embedded" ? 5 : 1_000;
  const clients: ChainClients = {
    kind,
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval }) as PublicClient<Transport, Chain>,
    walletClient: createWalletClient({ chain, transport, account, pollingInterval }),
    close,
  };
  if (advanceTime !== undefined) {
    clients.advanceTime = advanceTime;
    clients.devWallet = (index) =>
      createWalletClient({
        chain,
        transport,
        account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
        pollingInterval,
      });
  }
  return clients;
}

function resolveSigner(source: SignerSource, env: NodeJS.ProcessEnv): Account {
  switch (source.kind) {
    case "dev":
      return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: source.index });
    case "env": {
      const key = env[source.variable];
      if (!key) {
        throw new MissingSigner(
          `set ${source.variable} to the operator's private key, or pass --keystore <file>`,
          {
            variable: source.variable,
          },
        );
      }
      return privateKeyToAccount((key.startsWith("0x") ? key : `0x${key}`) as `0x${string}`);
    }
    case "keystore": {
      const password = env[source.passwordVariable];
      if (password === undefined) {
        throw new MissingSigner(`set ${source.passwordVariable} to the password of ${source.path}`, {
          variable: source.passwordVariable,
        });
      }
      return privateKeyToAccount(readKeystore(source.path, password));
    }
  }
}
