// Turns a signed spot-check answer from anyone into a JurorAnswer, or refuses it saying exactly why.
import type { Address, Hex } from "viem";
import { getAddress, isAddress, isHex, recoverTypedDataAddress } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
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
const MAX_UINT256 = 2n ** 256n - 1n;
const isId = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v);

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
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SpotCheckFieldInvalid("(answer)", "a JSON object", raw);
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!FIELDS.includes(key)) throw new SpotCheckFieldInvalid(key, "absent (unknown field)", o[key]);
  }
  if (typeof o.juror !== "string" || !isAddress(o.juror))
    throw new SpotCheckFieldInvalid("juror", "an address", o.juror);
  if (!Number.isSafeInteger(o.epochId) || (o.epochId as number) < 0)
    throw new SpotCheckFieldInvalid("epochId", "a whole number ≥ 0", o.epochId);
  for (const field of ["a", "b", "winner"] as const) {
    if (!isId(o[field]))
      throw new SpotCheckFieldInvalid(field, "a contribution id (32 bytes as hex)", o[field]);
  }
  const m = o.multiplierPermille;
  if (!Number.isSafeInteger(m) || (m as number) < 1_000 || (m as number) > MAX_MULTIPLIER_PERMILLE) {
    throw new SpotCheckFieldInvalid(
      "multiplierPermille",
      `a whole number from 1000 to ${MAX_MULTIPLIER_PERMILLE}`,
      m,
    );
  }
  if (typeof o.nonce !== "string" || !/^\d{1,78}$/.test(o.nonce) || BigInt(o.nonce) > MAX_UINT256)
    throw new SpotCheckFieldInvalid("nonce", "a uint256 as a decimal string", o.nonce);
  if (!Number.isSafeInteger(o.deadline) || (o.deadline as number) < 0)
    throw new SpotCheckFieldInvalid("deadline", "unix seconds", o.deadline);
  if (typeof o.signature !== "string" || !isHex(o.signature) || o.signature.length !== 132)
    throw new SpotCheckFieldInvalid("signature", "65 bytes as hex", o.signature);

  const fields: SpotCheckFields = {
    epochId: o.epochId as number,
    a: (o.a as Hex).toLowerCase() as Hex,
    b: (o.b as Hex).toLowerCase() as Hex,
    winner: (o.winner as Hex).toLowerCase() as Hex,
    multiplierPermille: m as number,
    nonce: BigInt(o.nonce),
    deadline: o.deadline as number,
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
  const juror = getAddress(o.juror);
  let signer: Address | undefined;
  try {
    // Signed over the ids as the juror sent them (a wallet signs bytes32, so case does not matter).
    signer = await recoverTypedDataAddress({
      ...spotCheckTypedData(juror, fields, ctx),
      signature: o.signature as Hex,
    });
  } catch {
    signer = undefined;
  }
  if (signer !== juror) {
    throw new SpotCheckSignatureMismatch("the signature was not made by the juror over this answer", {
      juror,
      signer: signer ?? null,
    });
  }
  return { ...fields, juror, signature: o.signature as Hex };
}
