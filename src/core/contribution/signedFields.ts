// The field checks every signed message a guild takes shares (disputes, spot checks, endorsements): its
// object, its signer, its ids, nonce, deadline and signature, each refused with the message's own error.
import type { Address, Hex, TypedDataDefinition } from "viem";
import { getAddress, isAddress, isHex, recoverTypedDataAddress } from "viem";

/** The message's error for a field that is absent, unknown, or of the wrong type or shape. */
export type FieldInvalid = new (field: string, expected: string, value: unknown) => Error;

const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * `raw` as the object of a signed message whose fields are all among `fields`.
 * @param what how the error names the whole message (`(dispute)`, `(answer)`, …)
 * @throws Invalid(what) when it is not a JSON object, Invalid(key) for a field it does not know
 */
export function signedObject(
  raw: unknown,
  what: string,
  fields: readonly string[],
  Invalid: FieldInvalid,
): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Invalid(what, "a JSON object", raw);
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!fields.includes(key)) throw new Invalid(key, "absent (unknown field)", o[key]);
  }
  return o;
}

/** `o[field]` as a checksummed address. @throws Invalid(field) */
export function addressField(o: Record<string, unknown>, field: string, Invalid: FieldInvalid): Address {
  const value = o[field];
  if (typeof value !== "string" || !isAddress(value)) throw new Invalid(field, "an address", value);
  return getAddress(value);
}

/** `o[field]` as a contribution id, lowercase (a wallet signs bytes32, so its case does not matter). @throws Invalid(field) */
export function contributionIdField(o: Record<string, unknown>, field: string, Invalid: FieldInvalid): Hex {
  const value = o[field];
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new Invalid(field, "a contribution id (32 bytes as hex)", value);
  return value.toLowerCase() as Hex;
}

/**
 * The nonce (a uint256 as a decimal string), the deadline (unix seconds) and the signature (65 bytes as
 * hex), checked in that order. @throws Invalid naming the first that is wrong
 */
export function signedTail(
  o: Record<string, unknown>,
  Invalid: FieldInvalid,
): { nonce: bigint; deadline: number; signature: Hex } {
  if (typeof o.nonce !== "string" || !/^\d{1,78}$/.test(o.nonce) || BigInt(o.nonce) > MAX_UINT256)
    throw new Invalid("nonce", "a uint256 as a decimal string", o.nonce);
  if (!Number.isSafeInteger(o.deadline) || (o.deadline as number) < 0)
    throw new Invalid("deadline", "unix seconds", o.deadline);
  if (typeof o.signature !== "string" || !isHex(o.signature) || o.signature.length !== 132)
    throw new Invalid("signature", "65 bytes as hex", o.signature);
  return { nonce: BigInt(o.nonce), deadline: o.deadline as number, signature: o.signature };
}

/** Who signed `typedData`, or undefined when the signature recovers to no address. */
export async function typedDataSigner(
  typedData: TypedDataDefinition,
  signature: Hex,
): Promise<Address | undefined> {
  try {
    return await recoverTypedDataAddress({ ...typedData, signature });
  } catch {
    return undefined;
  }
}
