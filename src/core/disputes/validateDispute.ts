// Turns a signed dispute from anyone into a Dispute, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import { textLength } from "../contribution/contentViolations.ts";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import {
  addressField,
  contributionIdField,
  signedObject,
  signedTail,
  typedDataSigner,
} from "../contribution/signedFields.ts";
import type { DisputeFields } from "./dispute.ts";
import { disputeTypedData, MAX_DISPUTE_REASON_LENGTH, MAX_EVALUATOR_ID_LENGTH } from "./dispute.ts";
import { DisputeExpired, DisputeFieldInvalid, DisputeSignatureMismatch } from "./disputeErrors.ts";

/** A dispute the guild can take: who, which verdict, why, and the signature proving it. */
export interface Dispute extends DisputeFields {
  disputant: Address;
  signature: Hex;
}

const FIELDS = ["disputant", "contributionId", "evaluator", "reason", "nonce", "deadline", "signature"];

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
  const o = signedObject(raw, "(dispute)", FIELDS, DisputeFieldInvalid);
  const disputant = addressField(o, "disputant", DisputeFieldInvalid);
  const contributionId = contributionIdField(o, "contributionId", DisputeFieldInvalid);
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
  const { nonce, deadline, signature } = signedTail(o, DisputeFieldInvalid);

  const fields: DisputeFields = { contributionId, evaluator: o.evaluator, reason: o.reason, nonce, deadline };
  if (ctx.now > fields.deadline) throw new DisputeExpired(fields.deadline, ctx.now);
  const signer = await typedDataSigner(disputeTypedData(disputant, fields, ctx), signature);
  if (signer !== disputant) {
    throw new DisputeSignatureMismatch("the signature was not made by the disputant over this dispute", {
      disputant,
      signer: signer ?? null,
    });
  }
  return { ...fields, disputant, signature };
}
