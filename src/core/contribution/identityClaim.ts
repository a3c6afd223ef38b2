// An identity claim: an address says, by signing it, that a name in some source of work is its own.
import type { Address, Hex } from "viem";
import type { GuildDomain, GuildDomainInput } from "./guildDomain.ts";
import { guildDomain } from "./guildDomain.ts";

/** The EIP-712 types of an identity claim. */
export const IDENTITY_CLAIM_TYPES = {
  IdentityClaim: [
    { name: "address", type: "address" },
    { name: "source", type: "string" },
    { name: "name", type: "string" },
  ],
} as const;

/**
 * `address` claims the identity `source` in a source of work: `git:<email>` for a git author
 * (email compared case-insensitively), `round:<application id>` for a grant application. `name` is
 * how the source shows it (the author's name), for people reading the claim.
 */
export interface IdentityClaim {
  address: Address;
  source: string;
  name: string;
}

/** An identity claim with the signature of its address, as it travels (JSON). */
export interface SignedIdentityClaim extends IdentityClaim {
  signature: Hex;
}

/** The complete typed data of `claim` for the guild of `domain`, for viem's sign and recover functions. */
export function identityClaimTypedData(claim: IdentityClaim, domain: GuildDomainInput) {
  const typedData: {
    domain: GuildDomain;
    types: typeof IDENTITY_CLAIM_TYPES;
    primaryType: "IdentityClaim";
    message: IdentityClaim;
  } = {
    domain: guildDomain(domain),
    types: IDENTITY_CLAIM_TYPES,
    primaryType: "IdentityClaim",
    message: { address: claim.address, source: claim.source, name: claim.name },
  };
  return typedData;
}
