// Hex text of 32-byte hashes, made in bulk: where Merkle bytes become strings, and only there.

import type { Hex } from "viem";
import { HashesOutOfBounds } from "./payoutTreeErrors.ts";

const DIGITS = "0123456789abcdef";
/** ASCII code of the first and second hex digit of each byte value. */
const HIGH_DIGIT = new Uint8Array(256);
const LOW_DIGIT = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  HIGH_DIGIT[b] = DIGITS.charCodeAt(b >> 4);
  LOW_DIGIT[b] = DIGITS.charCodeAt(b & 15);
}
const latin1 = new TextDecoder("latin1");

/**
 * Lowercase `0x`-prefixed hex (66 characters each) of `count` consecutive 32-byte hashes in `bytes`,
 * the first starting at byte `offset`: element k is the hex of bytes [offset + 32k, offset + 32k + 32).
 * Encodes all of them into one ASCII buffer and decodes it once, so a proof costs one decode, not one per hash.
 * Errors: HashesOutOfBounds if `offset` or `count` is not a non-negative integer or the hashes run past `bytes`.
 */
export function hashesToHex(bytes: Uint8Array, offset: number, count: number): Hex[] {
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(count) ||
    offset < 0 ||
    count < 0 ||
    offset + 32 * count > bytes.length
  ) {
    throw new HashesOutOfBounds(offset, count, bytes.length);
  }
  const text = new Uint8Array(66 * count);
  let t = 0;
  let b = offset;
  for (let k = 0; k < count; k++) {
    text[t++] = 48; // "0"
    text[t++] = 120; // "x"
    for (let j = 0; j < 32; j++) {
      const byte = bytes[b++] as number;
      text[t++] = HIGH_DIGIT[byte] as number;
      text[t++] = LOW_DIGIT[byte] as number;
    }
  }
  const all = latin1.decode(text);
  const out = new Array<Hex>(count);
  for (let k = 0; k < count; k++) out[k] = all.slice(66 * k, 66 * k + 66) as Hex;
  return out;
}
