// The accounts the dashboard signs with: an injected EIP-1193 wallet (window.ethereum), or on the
// embedded chain only, one of the well-known development accounts, whose keys are public.
import type { Account, Address, Chain, EIP1193Provider, PublicClient, Transport, WalletClient } from "viem";
import { createPublicClient, createWalletClient, custom, defineChain } from "viem";
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

/** A connected account. `walletClient` and `publicClient` are null when it cannot send transactions. */
export interface ConnectedWallet {
  kind: "injected" | "dev";
  address: Address;
  /** What the header shows: the wallet's kind, or the development account's index. */
  label: string;
  walletClient: WalletClient<Transport, Chain, Account>;
  /** Reads and receipts, through the same provider as the wallet; null when there is none. */
  publicClient: PublicClient<Transport, Chain> | null;
  /** Why transactions cannot be sent, when they cannot. */
  cannotSend: string | null;
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
    cannotSend: null,
  };
}

/**
 * Development account `index`, signing in the page. Transactions go through the injected provider when
 * there is one; the node offers no chain endpoint of its own yet, so without one it can only sign.
 */
export function connectDevAccount(chainId: number, index: number): ConnectedWallet {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const chain = guildChain(chainId);
  const provider = window.ethereum;
  // Without a provider the transport is never used to send: cannotSend says so first.
  const transport: Transport =
    provider === undefined
      ? custom({
          request: async () => {
            throw new WalletProblem("no chain provider");
          },
        })
      : custom(provider);
  return {
    kind: "dev",
    address: account.address,
    label: `development account ${index}`,
    walletClient: createWalletClient({ account, chain, transport }),
    publicClient: provider === undefined ? null : readerOn(chain, transport),
    cannotSend:
      provider === undefined
        ? "sending a transaction needs a chain provider: this node offers no chain endpoint yet, and no browser wallet is installed"
        : null,
  };
}
