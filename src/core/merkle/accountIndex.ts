// An index of 20-byte accounts: parses hex addresses, rejects duplicates, finds an account's position.

import { DuplicatePayoutAccount, InvalidPayoutLeaf, PayoutTreeTooLarge } from "./payoutTreeErrors.ts";

/** Hex digit value of each ASCII code, -1 for anything that is not a hex digit. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  NIBBLE[65 + c] = 10 + c;
  NIBBLE[97 + c] = 10 + c;
}

/** Hex digit value of the character code `code`, -1 if it is not a hex digit. */
function nibble(code: number): number {
  return code < 128 ? (NIBBLE[code] as number) : -1;
}

/**
 * Accounts in insertion order, each stored as 20 bytes, with an open-addressing hash table over them.
 * Accounts compare by their bytes, so `0xAbC…` and `0xabc…` are the same account.
 */
export class AccountIndex {
  /** Account i occupies bytes [20i, 20i + 20), in address order (the ABI encoding's last 20 bytes). */
  readonly bytes: Uint8Array;
  /** The same memory as `bytes`, as 32-bit words: account i is words [5i, 5i + 5). */
  readonly words: Uint32Array;
  /** The most accounts this index accepts. */
  readonly capacity: number;
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #scratch = new Uint32Array(5);
  readonly #scratchBytes = new Uint8Array(this.#scratch.buffer);
  #count = 0;

  /** An empty index for up to `capacity` accounts (a non-negative integer). */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.bytes = new Uint8Array(20 * capacity);
    this.words = new Uint32Array(this.bytes.buffer, 0, 5 * capacity);
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.#slots = new Int32Array(size).fill(-1);
    this.#mask = size - 1;
  }

  /** How many accounts were added. */
  get count(): number {
    return this.#count;
  }

  /**
   * Writes the 20 bytes of `address` (`0x` followed by 40 hex digits, any case, no checksum check) to
   * `out[offset .. offset + 20)`. Returns false, possibly after writing some bytes, if it is not such a string.
   */
  static parse(address: unknown, out: Uint8Array, offset: number): boolean {
    if (typeof address !== "string" || address.length !== 42) return false;
    if (address.charCodeAt(0) !== 48 || address.charCodeAt(1) !== 120) return false;
    for (let j = 0; j < 20; j++) {
      const hi = nibble(address.charCodeAt(2 + 2 * j));
      const lo = nibble(address.charCodeAt(3 + 2 * j));
      if ((hi | lo) < 0) return false;
      out[offset + j] = (hi << 4) | lo;
    }
    return true;
  }

  /**
   * Appends `address` as account number `count`.
   * Errors: InvalidPayoutLeaf (field "account", index `count`) if it is not a 20-byte hex address;
   * DuplicatePayoutAccount if the account was already added; PayoutTreeTooLarge past `capacity`.
   */
  add(address: unknown): void {
    const index = this.#count;
    if (index >= this.capacity) throw new PayoutTreeTooLarge(index + 1, this.capacity);
    if (!AccountIndex.parse(address, this.bytes, 20 * index)) {
      throw new InvalidPayoutLeaf(index, "account", address, "is not a 0x-prefixed 20-byte hex address");
    }
    const words = this.words;
    const w = 5 * index;
    const slot = this.#probe(words, w);
    const found = this.#slots[slot] as number;
    if (found >= 0) throw new DuplicatePayoutAccount(address as string, found, index);
    this.#slots[slot] = index;
    this.#count = index + 1;
  }

  /** Position of `address` among the added accounts, or -1 if it is absent or not an address. */
  indexOf(address: unknown): number {
    if (!AccountIndex.parse(address, this.#scratchBytes, 0)) return -1;
    return this.#slots[this.#probe(this.#scratch, 0)] as number;
  }

  /** The slot holding the account whose words are `key[at .. at + 5)`, or the empty slot where it belongs. */
  #probe(key: Uint32Array, at: number): number {
    const k0 = key[at] as number;
    const k1 = key[at + 1] as number;
    const k2 = key[at + 2] as number;
    const k3 = key[at + 3] as number;
    const k4 = key[at + 4] as number;
    let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ k1 ^ (h >>> 15), 0xc2b2ae35);
    h = Math.imul(h ^ k2 ^ (h >>> 13), 0x85ebca6b);
    h = Math.imul(h ^ k3 ^ (h >>> 16), 0xc2b2ae35);
    h = Math.imul(h ^ k4 ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 16;
    const slots = this.#slots;
    const words = this.words;
    const mask = this.#mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = slots[slot] as number;
      if (i < 0) return slot;
      const o = 5 * i;
      if (
        words[o] === k0 &&
        words[o + 1] === k1 &&
        words[o + 2] === k2 &&
        words[o + 3] === k3 &&
        words[o + 4] === k4
      ) {
        return slot;
      }
    }
  }
}
