// The EIP-712 typed data a contributor signs to submit a contribution into an epoch.
import type { Address, Hex } from "viem";
import type { ContributionKind } from "./contribution.ts";
import type { GuildDomain, GuildDomainInput } from "./guildDomain.ts";
import { guildDomain } from "./guildDomain.ts";

/**
 * The EIP-712 types of a submission. Metrics are signed as a list of `(name, value)` sorted by name
 * (by UTF-16 code unit, as canonical JSON sorts keys), so a wallet shows every number it signs.
 */
export const SUBMISSION_TYPES = {
  Submission: [
    { name: "contributor", type: "address" },
    { name: "epochId", type: "uint64" },
    { name: "kind", type: "string" },
    { name: "title", type: "string" },
    { name: "description", type: "string" },
    { name: "links", type: "string[]" },
    { name: "metrics", type: "Metric[]" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
  ],
  Metric: [
    { name: "name", type: "string" },
    { name: "value", type: "int256" },
  ],
} as const;

/** What a contributor says about the work; everything but who signs it. */
export interface SubmissionFields {
  epochId: number;
  kind: ContributionKind;
  title: string;
  description: string;
  links: readonly string[];
  /** Safe integers with source-defined names; a fraction must be scaled into an integer unit. */
  metrics: Readonly<Record<string, number>>;
  /** Any number the contributor never used before in this guild; the store refuses a reused one. */
  nonce: bigint;
  /** Unix seconds; the submission is refused after it. */
  deadline: number;
}

/**
 * A signed submission as it travels (JSON): the fields, the contributor's address, the nonce as a
 * decimal string (it is a uint256) and the 65-byte signature as hex.
 */
export interface SignedSubmission {
  contributor: Address;
  epochId: number;
  kind: ContributionKind;
  title: string;
  description: string;
  links: string[];
  metrics: Record<string, number>;
  nonce: string;
  deadline: number;
  signature: Hex;
}

/** Metric names in the order they are signed: by UTF-16 code unit. */
function sortedMetricNames(metrics: Readonly<Record<string, number>>): string[] {
  return Object.keys(metrics).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The complete typed data (domain, types, primary type, message) for `contributor` submitting
 * `fields` to the guild of `domain`, ready for viem's signTypedData or recoverTypedDataAddress.
 * @throws RangeError from BigInt when a metric is not an integer (validate first)
 */
export function submissionTypedData(
  contributor: Address,
  fields: SubmissionFields,
  domain: GuildDomainInput,
) {
  const metrics = sortedMetricNames(fields.metrics).map((name) => ({
    name,
    value: BigInt(fields.metrics[name] ?? 0),
  }));
  const typedData: {
    domain: GuildDomain;
    types: typeof SUBMISSION_TYPES;
    primaryType: "Submission";
    message: {
      contributor: Address;
      epochId: bigint;
      kind: string;
      title: string;
      description: string;
      links: readonly string[];
      metrics: readonly { name: string; value: bigint }[];
      nonce: bigint;
      deadline: bigint;
    };
  } = {
    domain: guildDomain(domain),
    types: SUBMISSION_TYPES,
    primaryType: "Submission",
    message: {
      contributor,
      epochId: BigInt(fields.epochId),
      kind: fields.kind,
      title: fields.title,
      description: fields.description,
      links: fields.links,
      metrics,
      nonce: fields.nonce,
      deadline: BigInt(fields.deadline),
    },
  };
  return typedData;
}
