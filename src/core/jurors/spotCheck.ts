// A juror's answer to a spot check ("which of these two was worth more, and how many times more?"),
// as the juror signs it with EIP-712 and as it travels.
import type { Address, Hex } from "viem";
import type { GuildDomain, GuildDomainInput } from "../contribution/guildDomain.ts";
import { guildDomain } from "../contribution/guildDomain.ts";

/** The EIP-712 types of a spot-check answer: the wallet shows both contributions, the winner and the ratio. */
export const SPOT_CHECK_TYPES = {
  SpotCheck: [
    { name: "juror", type: "address" },
    { name: "epochId", type: "uint64" },
    { name: "a", type: "bytes32" },
    { name: "b", type: "bytes32" },
    { name: "winner", type: "bytes32" },
    { name: "multiplierPermille", type: "uint32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** Largest ratio a juror may state: a thousand times more, in thousandths. */
export const MAX_MULTIPLIER_PERMILLE = 1_000_000;

/** What the juror says; everything but who signs it. */
export interface SpotCheckFields {
  epochId: number;
  /** The two contributions compared (their ids). */
  a: Hex;
  b: Hex;
  /** a or b: the one the juror says was worth more. */
  winner: Hex;
  /** How many times more, in thousandths: 1,000 (as much) to MAX_MULTIPLIER_PERMILLE. */
  multiplierPermille: number;
  /** Any number the juror never used before in this guild; the store refuses a reused one. */
  nonce: bigint;
  /** Unix seconds; the answer is refused after it. */
  deadline: number;
}

/** A signed answer as it travels (JSON): the nonce as a decimal string, the signature as hex. */
export interface SignedSpotCheck extends Omit<SpotCheckFields, "nonce"> {
  juror: Address;
  nonce: string;
  signature: Hex;
}

/** The typed data a juror signs for `fields` in the guild of `domain`. */
export function spotCheckTypedData(juror: Address, fields: SpotCheckFields, domain: GuildDomainInput) {
  return {
    domain: guildDomain(domain) satisfies GuildDomain,
    types: SPOT_CHECK_TYPES,
    primaryType: "SpotCheck" as const,
    message: {
      juror,
      epochId: BigInt(fields.epochId),
      a: fields.a,
      b: fields.b,
      winner: fields.winner,
      multiplierPermille: fields.multiplierPermille,
      nonce: fields.nonce,
      deadline: BigInt(fields.deadline),
    },
  };
}
