// A member's endorsement of someone else's contribution in an open epoch ("this work matters"), as the
// member signs it with EIP-712 and as it travels: the peer signal the guild/peers evaluator reads.
import type { Address, Hex } from "viem";
import type { GuildDomain, GuildDomainInput } from "../contribution/guildDomain.ts";
import { guildDomain } from "../contribution/guildDomain.ts";

/** The EIP-712 types of an endorsement: the wallet shows who endorses which contribution. */
export const ENDORSEMENT_TYPES = {
  Endorsement: [
    { name: "endorser", type: "address" },
    { name: "contributionId", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** What the member says; everything but who signs it. */
export interface EndorsementFields {
  /** The endorsed contribution (its id). */
  contributionId: Hex;
  /** Any number the member never used before in this guild; the store refuses a reused one. */
  nonce: bigint;
  /** Unix seconds; the endorsement is refused after it. */
  deadline: number;
}

/** A signed endorsement as it travels (JSON): the nonce as a decimal string, the signature as hex. */
export interface SignedEndorsement extends Omit<EndorsementFields, "nonce"> {
  endorser: Address;
  nonce: string;
  signature: Hex;
}

/** The typed data a member signs for `fields` in the guild of `domain`. */
export function endorsementTypedData(endorser: Address, fields: EndorsementFields, domain: GuildDomainInput) {
  return {
    domain: guildDomain(domain) satisfies GuildDomain,
    types: ENDORSEMENT_TYPES,
    primaryType: "Endorsement" as const,
    message: {
      endorser,
      contributionId: fields.contributionId,
      nonce: fields.nonce,
      deadline: BigInt(fields.deadline),
    },
  };
}
