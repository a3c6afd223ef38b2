// The accounts the dashboard signs with: an injected EIP-1193 wallet (window.ethereum), or on the
// embedded chain only, one of the well-known development accounts, whose keys are public. A development
// account signs in the page and sends its transactions, raw, through the node's relay to the embedded
// chain (POST /v1/chain).
import type { Account, Address, Chain, EIP1193Provider, PublicClient, Transport, WalletClient } from "viem";
import { createPublicClient, createWalletClient, custom, defineChain, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";

declare global {
  interface Window {
    /** The browser wallet, when one is installed (EIP-1193). */
    ethereum?: EIP1193Provider;
  }
}

/**
 * The mnemonic of Hardhat's development accounts, which the embedded chain funds. Public knowledge, so
 * anyone can sign as these accounts: the dashboard offers them only when the node says its chain is
 * the embedded one.
 */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** How many development accounts the picker offers (the embedded chain funds these). */
export const DEV_ACCOUNT_COUNT = 10;

/** The node's JSON-RPC relay to its embedded chain (reads and raw transactions only). */
export const CHAIN_RELAY_PATH = "/v1/chain";

/** A connected account. */
export interface ConnectedWallet {
  kind: "injected" | "dev";
  address: Address;
  /** What the header shows: the wallet's kind, or the development account's index. */
  label: string;
  walletClient: WalletClient<Transport, Chain, Account>;
  /** Reads and receipts, through the same way to the chain as the wallet's. */
  publicClient: PublicClient<Transport, Chain>;
}

/** The guild's chain as viem needs it: only its id matters, the provider knows where it is. */
export function guildChain(chainId: number): Chain {
  return defineChain({
    id: chainId,
    name: `Guild chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
}

function readerOn(chain: Chain, transport: Transport): PublicClient<Transport, Chain> {
  // A local chain mines at once: poll receipts often rather than every four seconds.
  return createPublicClient({ chain, transport, pollingInterval: 250 });
}

/** An error a wallet step failed with, for a person to read. */
export class WalletProblem extends Error {
  override readonly name = "WalletProblem";
}

/**
 * Asks the injected wallet for an account and checks it is on the guild's chain (asking it to switch
 * when not).
 * @throws WalletProblem when there is no injected wallet, it refuses, or it stays on another chain
 */
export async function connectInjected(chainId: number): Promise<ConnectedWallet> {
  const provider = window.ethereum;
  if (provider === undefined) throw new WalletProblem("no browser wallet (window.ethereum) is installed");
  const chain = guildChain(chainId);
  const transport = custom(provider);
  const [address] = (await provider.request({ method: "eth_requestAccounts" })) as Address[];
  if (address === undefined) throw new WalletProblem("the wallet shared no account");
  const walletClient = createWalletClient({ account: address, chain, transport });
  const walletChain = await walletClient.getChainId();
  if (walletChain !== chainId) {
    try {
      await walletClient.switchChain({ id: chainId });
    } catch {
      throw new WalletProblem(
        `the wallet is on chain ${walletChain}; the guild is on chain ${chainId}: switch it there`,
      );
    }
  }
  return {
    kind: "injected",
    address,
    label: "browser wallet",
    walletClient,
    publicClient: readerOn(chain, transport),
  };
}

/**
 * Development account `index` (embedded chain only), signing in the page: its transactions are signed
 * here and sent raw through the node's relay, which never holds or uses a key. Its key is public, so
 * anyone can act as it: a development aid, never for a real guild.
 */
export function connectDevAccount(chainId: number, index: number): ConnectedWallet {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const chain = guildChain(chainId);
  const transport = http(new URL(CHAIN_RELAY_PATH, window.location.origin).toString(), { retryCount: 1 });
  return {
    kind: "dev",
    address: account.address,
    label: `development account ${index}`,
    walletClient: createWalletClient({ account, chain, transport }),
    publicClient: readerOn(chain, transport),
  };
}
