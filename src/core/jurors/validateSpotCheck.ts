// Turns a signed spot-check answer from anyone into a JurorAnswer, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import {
  addressField,
  contributionIdField,
  signedObject,
  signedTail,
  typedDataSigner,
} from "../contribution/signedFields.ts";
import type { SpotCheckFields } from "./spotCheck.ts";
import { MAX_MULTIPLIER_PERMILLE, spotCheckTypedData } from "./spotCheck.ts";
import {
  SpotCheckExpired,
  SpotCheckFieldInvalid,
  SpotCheckPairInvalid,
  SpotCheckSignatureMismatch,
} from "./spotCheckErrors.ts";

/** An answer the guild accepted: who, about which pair, what they said, and the signature proving it. */
export interface JurorAnswer extends SpotCheckFields {
  juror: Address;
  signature: Hex;
}

const FIELDS = [
  "juror",
  "epochId",
  "a",
  "b",
  "winner",
  "multiplierPermille",
  "nonce",
  "deadline",
  "signature",
];

/**
 * Checks a signed answer (parsed JSON, see SignedSpotCheck): its shape, that the pair is two different
 * contributions and the winner one of them, the multiplier's range, the deadline against `now`, and the
 * juror's EIP-712 signature for this guild. Ids come back lowercase. It does not check the nonce (the
 * store does) nor the epoch and contributions (the node does).
 * @throws InvalidSpotCheck, as the subclass naming the first problem found
 */
export async function validateSpotCheck(
  raw: unknown,
  ctx: GuildDomainInput & { now: number },
): Promise<JurorAnswer> {
  const o = signedObject(raw, "(answer)", FIELDS, SpotCheckFieldInvalid);
  const juror = addressField(o, "juror", SpotCheckFieldInvalid);
  if (!Number.isSafeInteger(o.epochId) || (o.epochId as number) < 0)
    throw new SpotCheckFieldInvalid("epochId", "a whole number ≥ 0", o.epochId);
  const [a, b, winner] = (["a", "b", "winner"] as const).map((field) =>
    contributionIdField(o, field, SpotCheckFieldInvalid),
  ) as [Hex, Hex, Hex];
  const m = o.multiplierPermille;
  if (!Number.isSafeInteger(m) || (m as number) < 1_000 || (m as number) > MAX_MULTIPLIER_PERMILLE) {
    throw new SpotCheckFieldInvalid(
      "multiplierPermille",
      `a whole number from 1000 to ${MAX_MULTIPLIER_PERMILLE}`,
      m,
    );
  }
  const { nonce, deadline, signature } = signedTail(o, SpotCheckFieldInvalid);

  const fields: SpotCheckFields = {
    epochId: o.epochId as number,
    a,
    b,
    winner,
    multiplierPermille: m as number,
    nonce,
    deadline,
  };
  if (fields.a === fields.b)
    throw new SpotCheckPairInvalid("a spot check compares two different contributions", { a: fields.a });
  if (fields.winner !== fields.a && fields.winner !== fields.b) {
    throw new SpotCheckPairInvalid("the winner must be a or b", {
      winner: fields.winner,
      a: fields.a,
      b: fields.b,
    });
  }
  if (ctx.now > fields.deadline) throw new SpotCheckExpired(fields.deadline, ctx.now);
  // Signed over the ids as the juror sent them (a wallet signs bytes32, so case does not matter).
  const signer = await typedDataSigner(spotCheckTypedData(juror, fields, ctx), signature);
  if (signer !== juror) {
    throw new SpotCheckSignatureMismatch("the signature was not made by the juror over this answer", {
      juror,
      signer: signer ?? null,
    });
  }
  return { ...fields, juror, signature };
}
