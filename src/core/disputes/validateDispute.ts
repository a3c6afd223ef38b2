// Turns a signed dispute from anyone into a Dispute, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import { getAddress, isAddress, isHex, recoverTypedDataAddress } from "viem";
import { textLength } from "../contribution/contentViolations.ts";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import type { DisputeFields } from "./dispute.ts";
import { disputeTypedData, MAX_DISPUTE_REASON_LENGTH, MAX_EVALUATOR_ID_LENGTH } from "./dispute.ts";
import { DisputeExpired, DisputeFieldInvalid, DisputeSignatureMismatch } from "./disputeErrors.ts";

/** A dispute the guild can take: who, which verdict, why, and the signature proving it. */
export interface Dispute extends DisputeFields {
  disputant: Address;
  signature: Hex;
}

const FIELDS = ["disputant", "contributionId", "evaluator", "reason", "nonce", "deadline", "signature"];
const MAX_UINT256 = 2n ** 256n - 1n;

/** Whether `text` is 1 to `max` characters with no blank at either end. */
const isTrimmedText = (text: unknown, max: number): text is string =>
  typeof text === "string" && text !== "" && text.trim() === text && textLength(text) <= max;

/**
 * Checks a signed dispute (parsed JSON, see SignedDispute): its shape, the reason's and the evaluator's
 * length (trimmed: what is signed is what is stored), the deadline against `now`, and the disputant's
 * EIP-712 signature for this guild. The contribution id comes back lowercase. It does not check the
 * nonce (the store does) nor the contribution, its contributor, the verdict and the epoch (the node does).
 * @throws InvalidDispute, as the subclass naming the first problem found
 */
export async function validateDispute(
  raw: unknown,
  ctx: GuildDomainInput & { now: number },
): Promise<Dispute> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new DisputeFieldInvalid("(dispute)", "a JSON object", raw);
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!FIELDS.includes(key)) throw new DisputeFieldInvalid(key, "absent (unknown field)", o[key]);
  }
  if (typeof o.disputant !== "string" || !isAddress(o.disputant))
    throw new DisputeFieldInvalid("disputant", "an address", o.disputant);
  if (typeof o.contributionId !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(o.contributionId))
    throw new DisputeFieldInvalid("contributionId", "a contribution id (32 bytes as hex)", o.contributionId);
  if (!isTrimmedText(o.evaluator, MAX_EVALUATOR_ID_LENGTH)) {
    throw new DisputeFieldInvalid(
      "evaluator",
      `an evaluator id (1 to ${MAX_EVALUATOR_ID_LENGTH} characters, no surrounding blanks)`,
      o.evaluator,
    );
  }
  if (!isTrimmedText(o.reason, MAX_DISPUTE_REASON_LENGTH)) {
    throw new DisputeFieldInvalid(
      "reason",
      `1 to ${MAX_DISPUTE_REASON_LENGTH} characters with no blanks at either end (trim it before signing)`,
      o.reason,
    );
  }
  if (typeof o.nonce !== "string" || !/^\d{1,78}$/.test(o.nonce) || BigInt(o.nonce) > MAX_UINT256)
    throw new DisputeFieldInvalid("nonce", "a uint256 as a decimal string", o.nonce);
  if (!Number.isSafeInteger(o.deadline) || (o.deadline as number) < 0)
    throw new DisputeFieldInvalid("deadline", "unix seconds", o.deadline);
  if (typeof o.signature !== "string" || !isHex(o.signature) || o.signature.length !== 132)
    throw new DisputeFieldInvalid("signature", "65 bytes as hex", o.signature);

  const fields: DisputeFields = {
    contributionId: o.contributionId.toLowerCase() as Hex,
    evaluator: o.evaluator,
    reason: o.reason,
    nonce: BigInt(o.nonce),
    deadline: o.deadline as number,
  };
  if (ctx.now > fields.deadline) throw new DisputeExpired(fields.deadline, ctx.now);
  const disputant = getAddress(o.disputant);
  let signer: Address | undefined;
  try {
    // A wallet signs bytes32, so the id's case does not matter.
    signer = await recoverTypedDataAddress({
      ...disputeTypedData(disputant, fields, ctx),
      signature: o.signature as Hex,
    });
  } catch {
    signer = undefined;
  }
  if (signer !== disputant) {
    throw new DisputeSignatureMismatch("the signature was not made by the disputant over this dispute", {
      disputant,
      signer: signer ?? null,
    });
  }
  return { ...fields, disputant, signature: o.signature as Hex };
}
