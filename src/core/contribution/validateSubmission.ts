// Turns a signed submission from anyone into a Contribution, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import { getAddress, isAddress, recoverTypedDataAddress } from "viem";
import type { ContentViolation } from "./contentViolations.ts";
import { contentViolations } from "./contentViolations.ts";
import type { Contribution, ContributionContent } from "./contribution.ts";
import { CONTRIBUTION_KINDS, contributionId } from "./contribution.ts";
import {
  EpochNotOpen,
  type InvalidSubmission,
  LinkNotHttp,
  SubmissionExpired,
  SubmissionFieldMissing,
  SubmissionFieldMistyped,
  SubmissionFieldUnknown,
  SubmissionNotAnObject,
  SubmissionSignatureMismatch,
  SubmissionTextTooLong,
  SubmissionTitleEmpty,
  TooManyLinks,
  TooManyMetrics,
  UnknownContributionKind,
} from "./submissionErrors.ts";
import type { SubmissionFields } from "./submissionTypedData.ts";
import { submissionTypedData } from "./submissionTypedData.ts";

/** What validateSubmission checks a submission against; `now` is passed in so validation is replayable. */
export interface SubmissionContext {
  chainId: number;
  /** The guild's token, which is also its settlement: the EIP-712 verifying contract. */
  verifyingContract: Address;
  /** Unix seconds. */
  now: number;
  /** The epochs that accept submissions now; any other epoch is unknown or closed. */
  openEpochs: ReadonlySet<number> | readonly number[];
}

const FIELDS = [
  "contributor",
  "epochId",
  "kind",
  "title",
  "description",
  "links",
  "metrics",
  "nonce",
  "deadline",
  "signature",
] as const;

const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * Checks a signed submission (parsed JSON, see SignedSubmission) and returns the Contribution it
 * makes: contributor `{ kind: "address" }`, source `{ kind: "signed", signature, nonce }`, and
 * `createdAt = ctx.now` (the time the guild received it; the signature does not cover it).
 *
 * Checks, in this order: the shape (every field present, of its type, no unknown field); the kind and
 * the limits of contribution.ts (non-empty title, title and description length, number of links, links
 * http(s), number of metrics); that the epoch is open; that `ctx.now` is not after the deadline; that
 * the EIP-712 signature over these fields for this chain and verifying contract was made by the
 * contributor (an EOA; ERC-1271 contract wallets are not supported). It does not check that the nonce
 * was never used: the store does, when it records the contribution.
 * @throws InvalidSubmission, as the subclass that names the first problem found (with its values)
 */
export async function validateSubmission(raw: unknown, ctx: SubmissionContext): Promise<Contribution> {
  const fields = readShape(raw);
  const violation = contentViolations(fields.submission, { requireTitle: true })[0];
  if (violation !== undefined) throw violationError(violation);
  const { submission, contributor, signature } = fields;

  const openEpochs = [...ctx.openEpochs];
  if (!openEpochs.includes(submission.epochId)) throw new EpochNotOpen(submission.epochId, openEpochs);
  if (ctx.now > submission.deadline) throw new SubmissionExpired(submission.deadline, ctx.now);

  let signer: Address | null;
  try {
    signer = await recoverTypedDataAddress({
      ...submissionTypedData(contributor, submission, ctx),
      signature,
    });
  } catch {
    signer = null;
  }
  if (signer === null || signer !== contributor) throw new SubmissionSignatureMismatch(contributor, signer);

  const content: ContributionContent = {
    epochId: submission.epochId,
    contributor: { kind: "address", address: contributor },
    kind: submission.kind,
    title: submission.title,
    description: submission.description,
    links: submission.links,
    metrics: submission.metrics,
    createdAt: ctx.now,
  };
  return {
    ...content,
    id: contributionId(content),
    source: { kind: "signed", signature, nonce: submission.nonce },
  };
}

function readShape(raw: unknown): { submission: SubmissionFields; contributor: Address; signature: Hex } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SubmissionNotAnObject(raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw);
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new SubmissionFieldUnknown(key);
  }
  const get = (field: (typeof FIELDS)[number]): unknown => {
    const value = record[field];
    if (value === undefined) throw new SubmissionFieldMissing(field);
    return value;
  };

  const contributorValue = get("contributor");
  if (typeof contributorValue !== "string" || !isAddress(contributorValue)) {
    throw new SubmissionFieldMistyped(
      "contributor",
      "an Ethereum address (0x and 40 hex digits, checksummed if mixed case)",
      contributorValue,
    );
  }
  const epochId = get("epochId");
  if (!isNonNegativeInteger(epochId)) {
    throw new SubmissionFieldMistyped("epochId", "a non-negative integer", epochId);
  }
  const kind = get("kind");
  if (typeof kind !== "string") throw new SubmissionFieldMistyped("kind", "a string", kind);
  const title = get("title");
  if (typeof title !== "string") throw new SubmissionFieldMistyped("title", "a string", title);
  const description = get("description");
  if (typeof description !== "string")
    throw new SubmissionFieldMistyped("description", "a string", description);
  const links = get("links");
  if (!Array.isArray(links)) throw new SubmissionFieldMistyped("links", "an array of strings", links);
  for (const [index, link] of links.entries()) {
    if (typeof link !== "string") throw new SubmissionFieldMistyped(`links[${index}]`, "a string", link);
  }
  const metrics = get("metrics");
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new SubmissionFieldMistyped("metrics", "an object of integer metrics", metrics);
  }
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      throw new SubmissionFieldMistyped(`metrics.${name}`, "a safe integer", value);
    }
  }
  const nonceValue = get("nonce");
  const nonce = readUint256(nonceValue);
  if (nonce === undefined) {
    throw new SubmissionFieldMistyped(
      "nonce",
      "a uint256 as a decimal string or a non-negative integer",
      nonceValue,
    );
  }
  const deadline = get("deadline");
  if (!isNonNegativeInteger(deadline)) {
    throw new SubmissionFieldMistyped("deadline", "a non-negative integer (unix seconds)", deadline);
  }
  const signature = get("signature");
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new SubmissionFieldMistyped("signature", "a 65-byte signature as 0x-prefixed hex", signature);
  }

  return {
    contributor: getAddress(contributorValue),
    signature: signature as Hex,
    submission: {
      epochId,
      // The kind is checked against CONTRIBUTION_KINDS right after the shape.
      kind: kind as SubmissionFields["kind"],
      title,
      description,
      links: links as string[],
      metrics: metrics as Record<string, number>,
      nonce,
      deadline,
    },
  };
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function readUint256(value: unknown): bigint | undefined {
  let n: bigint;
  if (typeof value === "string" && /^(0|[1-9][0-9]*)$/.test(value)) n = BigInt(value);
  else if (isNonNegativeInteger(value)) n = BigInt(value);
  else return undefined;
  return n <= MAX_UINT256 ? n : undefined;
}

function violationError(violation: ContentViolation): InvalidSubmission {
  switch (violation.code) {
    case "unknown-kind":
      return new UnknownContributionKind(violation.kind, CONTRIBUTION_KINDS);
    case "title-empty":
      return new SubmissionTitleEmpty();
    case "text-too-long":
      return new SubmissionTextTooLong(violation.field, violation.length, violation.max);
    case "too-many-links":
      return new TooManyLinks(violation.count, violation.max);
    case "link-not-http":
      return new LinkNotHttp(violation.index, violation.link);
    case "too-many-metrics":
      return new TooManyMetrics(violation.count, violation.max);
    case "metric-not-integer":
      // readShape has already refused non-integer metrics; kept so the switch is total.
      return new SubmissionFieldMistyped(`metrics.${violation.name}`, "a safe integer", violation.value);
  }
}
