// Turns a signed endorsement from anyone into an Endorsement, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import {
  addressField,
  contributionIdField,
  signedObject,
  signedTail,
  typedDataSigner,
} from "../contribution/signedFields.ts";
import type { EndorsementFields } from "./endorsement.ts";
import { endorsementTypedData } from "./endorsement.ts";
import {
  EndorsementExpired,
  EndorsementFieldInvalid,
  EndorsementSignatureMismatch,
} from "./endorsementErrors.ts";

/** An endorsement the guild can take: who, which contribution, and the signature proving it. */
export interface Endorsement extends EndorsementFields {
  endorser: Address;
  signature: Hex;
}

const FIELDS = ["endorser", "contributionId", "nonce", "deadline", "signature"];

/**
 * Checks a signed endorsement (parsed JSON, see SignedEndorsement): its shape, the deadline against `now`,
 * and the endorser's EIP-712 signature for this guild. The contribution id comes back lowercase. It does
 * not check the nonce (the store does) nor the contribution, its epoch and the endorser's standing (the
 * node does).
 * @throws InvalidEndorsement, as the subclass naming the first problem found
 */
export async function validateEndorsement(
  raw: unknown,
  ctx: GuildDomainInput & { now: number },
): Promise<Endorsement> {
  const o = signedObject(raw, "(endorsement)", FIELDS, EndorsementFieldInvalid);
  const endorser = addressField(o, "endorser", EndorsementFieldInvalid);
  const contributionId = contributionIdField(o, "contributionId", EndorsementFieldInvalid);
  const { nonce, deadline, signature } = signedTail(o, EndorsementFieldInvalid);
  const fields: EndorsementFields = { contributionId, nonce, deadline };
  if (ctx.now > deadline) throw new EndorsementExpired(deadline, ctx.now);
  const signer = await typedDataSigner(endorsementTypedData(endorser, fields, ctx), signature);
  if (signer !== endorser) {
    throw new EndorsementSignatureMismatch(
      "the signature was not made by the endorser over this endorsement",
      {
        endorser,
        signer: signer ?? null,
      },
    );
  }
  return { ...fields, endorser, signature };
}
