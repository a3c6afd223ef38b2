// keccak256 of a value's canonical JSON, remembered for values frozen all the way down (the governed
// rubric and weights), which every verdict of an epoch names.
import type { Hex } from "viem";
import { canonicalJson } from "../report/canonicalJson.ts";
import { keccak256Text } from "./keccak256.ts";

const frozenHashes = new WeakMap<object, Hex>();

/** keccak256Text(canonicalJson(value)); computed once per object when the object is deeply frozen. */
export function hashOfFrozen(value: object): Hex {
  const known = frozenHashes.get(value);
  if (known !== undefined) return known;
  const hash = keccak256Text(canonicalJson(value));
  if (deeplyFrozen(value)) frozenHashes.set(value, hash);
  return hash;
}

function deeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}
