// Signs an identity claim with a local account: for tests, the CLI and scripts.
import type { LocalAccount } from "viem";
import type { GuildDomainInput } from "./guildDomain.ts";
import type { SignedIdentityClaim } from "./identityClaim.ts";
import { identityClaimTypedData } from "./identityClaim.ts";

/** `account` claims the identity `source` (e.g. `git:alice@example.org`) shown as `name`, for the guild of `domain`. */
export async function signIdentityClaim(
  account: LocalAccount,
  claim: { source: string; name: string },
  domain: GuildDomainInput,
): Promise<SignedIdentityClaim> {
  const message = { address: account.address, source: claim.source, name: claim.name };
  const signature = await account.signTypedData(identityClaimTypedData(message, domain));
  return { ...message, signature };
}
