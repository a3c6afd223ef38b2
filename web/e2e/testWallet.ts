// Test support: a browser wallet for the page, as an extension like MetaMask injects one: an EIP-1193
// `window.ethereum` that shares one account and forwards every JSON-RPC request to the chain's node,
// which holds the development accounts' keys and signs (eth_sendTransaction, eth_signTypedData_v4).
import type { BrowserContext } from "playwright-core";

/**
 * Installs the wallet in every page of `context`. `account()` is the account it holds at the time of
 * each request, so a test can switch accounts as a person switches them in their wallet.
 */
export async function installTestWallet(
  context: BrowserContext,
  rpcUrl: string,
  account: () => string,
): Promise<void> {
  let id = 0;
  await context.exposeFunction(
    "__guildTestWallet",
    async (method: string, paramsJson: string): Promise<string> => {
      if (method === "eth_requestAccounts" || method === "eth_accounts")
        return JSON.stringify({ result: [account()] });
      if (method === "wallet_switchEthereumChain") return JSON.stringify({ result: null });
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: JSON.parse(paramsJson) }),
      });
      const answer = (await response.json()) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      return JSON.stringify(
        answer.error === undefined ? { result: answer.result ?? null } : { error: answer.error },
      );
    },
  );
  await context.addInitScript(() => {
    const call = (window as unknown as { __guildTestWallet(m: string, p: string): Promise<string> })
      .__guildTestWallet;
    const provider = {
      isGuildTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown }) {
        const answer = JSON.parse(await call(method, JSON.stringify(params ?? []))) as {
          result?: unknown;
          error?: { code: number; message: string; data?: unknown };
        };
        if (answer.error !== undefined) {
          throw Object.assign(new Error(answer.error.message), {
            code: answer.error.code,
            data: answer.error.data,
          });
        }
        return answer.result;
      },
      on() {},
      removeListener() {},
    };
    Object.defineProperty(window, "ethereum", { value: provider, configurable: true });
  });
}
