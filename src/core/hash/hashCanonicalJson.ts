// The keccak256 of a value's canonical JSON, computed in pieces: for lists of a hundred thousand entries.
import type { Hex } from "viem";
import { emitCanonicalJson } from "../report/canonicalJson.ts";
import { Keccak256 } from "./keccak256.ts";

/**
 * keccak256 of canonicalJson(value), without building that string whole (the value's top two levels are
 * serialized an element at a time). Equals keccak256Text(canonicalJson(value)).
 * @throws NotCanonicalizable as canonicalJson does
 */
export function hashCanonicalJson(value: unknown): Hex {
  const hasher = new Keccak256();
  emitCanonicalJson(value, (piece) => hasher.updateText(piece));
  return hasher.digest();
}
