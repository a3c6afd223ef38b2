// Sign-In with Ethereum (EIP-4361) from the page: a nonce from the node, the message signed by the
// connected account, and the node's session cookie in exchange (HttpOnly: the page never reads it).
import { createSiweMessage } from "viem/siwe";
import type { AuthNonce, SessionView, SignedOut } from "../../../src/node/api/apiTypes.ts";
import { apiGet, apiPost } from "../api/fetchApi.ts";
import type { ConnectedWallet } from "./wallet.ts";

/**
 * Signs in as the connected account: the message names this page's host and origin, which the node
 * accepts when it is served from one of its origins (`guild up --public-url`).
 * @throws ApiRequestFailed when the node refuses the message; the wallet's error when it will not sign
 */
export async function signInWithEthereum(wallet: ConnectedWallet, statement: string): Promise<SessionView> {
  const { nonce, chainId } = await apiGet<AuthNonce>("/v1/auth/nonce");
  const message = createSiweMessage({
    address: wallet.address,
    chainId,
    domain: window.location.host,
    uri: window.location.origin,
    version: "1",
    nonce,
    issuedAt: new Date(),
    statement,
  });
  const signature = await wallet.walletClient.signMessage({ account: wallet.walletClient.account, message });
  return apiPost<SessionView>("/v1/auth/verify", { message, signature });
}

/** Ends the session, if there is one. */
export function signOut(): Promise<SignedOut> {
  return apiPost<SignedOut>("/v1/auth/logout", {});
}
