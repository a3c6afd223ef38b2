// A contributor's dispute of a verdict on their own work ("this evaluator got it wrong, and here is why"),
// as the contributor signs it with EIP-712 and as it travels.
import type { Address, Hex } from "viem";
import type { GuildDomain, GuildDomainInput } from "../contribution/guildDomain.ts";
import { guildDomain } from "../contribution/guildDomain.ts";

/** The EIP-712 types of a dispute: the wallet shows the contribution, the evaluator and the reason. */
export const DISPUTE_TYPES = {
  Dispute: [
    { name: "disputant", type: "address" },
    { name: "contributionId", type: "bytes32" },
    { name: "evaluator", type: "string" },
    { name: "reason", type: "string" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** Longest reason, in characters (Unicode code points). */
export const MAX_DISPUTE_REASON_LENGTH = 2_000;

/** Longest evaluator id a dispute may name. */
export const MAX_EVALUATOR_ID_LENGTH = 200;

/** What the contributor says; everything but who signs it. */
export interface DisputeFields {
  /** The disputed contribution (its id). */
  contributionId: Hex;
  /** The id of the evaluator whose verdict is disputed (`signals`, `guild/llm-judge`, …). */
  evaluator: string;
  /** Why the verdict is wrong: 1 to MAX_DISPUTE_REASON_LENGTH characters, without surrounding blanks. */
  reason: string;
  /** Any number the contributor never used before in this guild; the store refuses a reused one. */
  nonce: bigint;
  /** Unix seconds; the dispute is refused after it. */
  deadline: number;
}

/** A signed dispute as it travels (JSON): the nonce as a decimal string, the signature as hex. */
export interface SignedDispute extends Omit<DisputeFields, "nonce"> {
  disputant: Address;
  nonce: string;
  signature: Hex;
}

/** The typed data a contributor signs for `fields` in the guild of `domain`. */
export function disputeTypedData(disputant: Address, fields: DisputeFields, domain: GuildDomainInput) {
  return {
    domain: guildDomain(domain) satisfies GuildDomain,
    types: DISPUTE_TYPES,
    primaryType: "Dispute" as const,
    message: {
      disputant,
      contributionId: fields.contributionId,
      evaluator: fields.evaluator,
      reason: fields.reason,
      nonce: fields.nonce,
      deadline: BigInt(fields.deadline),
    },
  };
}
