// Guild's payout Merkle tree: the root and proofs of OpenZeppelin's StandardMerkleTree, built fast.

import type { Address, Hex } from "viem";
import { AccountIndex } from "./accountIndex.ts";
import { hashesToHex } from "./hashesToHex.ts";
import { deinterleaveLanes, interleaveLanes, keccakF1600 } from "./keccakF1600.ts";
import { PayoutProofs } from "./payoutProofs.ts";
import {
  EmptyPayoutTree,
  InvalidPayoutLeaf,
  PayoutIndexOutOfRange,
  PayoutTreeTooLarge,
  UnknownPayoutAccount,
  UnsupportedPlatform,
} from "./payoutTreeErrors.ts";

/** One payout: what `account` may have claimed in total so far, in the token's smallest unit and in reputation. */
export type PayoutLeaf = {
  readonly account: Address;
  readonly cumulativeAmount: bigint;
  readonly cumulativeReputation: bigint;
};

/** The leaf encoding to give OpenZeppelin's StandardMerkleTree (and the contract) for the same tree. */
export const PAYOUT_LEAF_ENCODING = ["address", "uint256", "uint256"] as const;

/** The most leaves a payout tree accepts (2^24, about 16.7 million). */
export const MAX_PAYOUT_LEAVES = 2 ** 24;

/** A built payout tree. Leaf indices are positions in the array given to `buildPayoutTree`. */
export interface PayoutTree {
  /** The Merkle root, lowercase 0x-prefixed hex, equal to `StandardMerkleTree.of(...).root`. */
  readonly root: Hex;
  /** Number of leaves. */
  readonly length: number;
  /** Index of the leaf of `account` (any letter case), or -1 if there is none or it is not an address. */
  indexOf(account: string): number;
  /** Proof of `account`'s leaf, as `StandardMerkleTree.getProof(leaf)` returns it. Errors: UnknownPayoutAccount. */
  proof(account: string): Hex[];
  /** Proof of leaf `index`, as `StandardMerkleTree.getProof(index)` returns it. Errors: PayoutIndexOutOfRange. */
  proofAt(index: number): Hex[];
  /**
   * Proofs of all leaves, in leaf order, in one buffer (32 bytes per sibling hash, about 32 * log2(length) per
   * leaf). Builds a new buffer on every call; hex only on demand through `PayoutProofs.hexAt`.
   */
  allProofs(): PayoutProofs;
}

const UINT256_LIMIT = 1n << 256n;
const UINT64_MAX = (1n << 64n) - 1n;
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/**
 * Keccak-256 padding of a single block: 0x01 after the message, 0x80 in the last byte of the 136-byte rate.
 * Bit 0 of a lane and bit 63 of lane 16 sit in the same word in plain and interleaved form, so the padding
 * words below are written straight into the interleaved state.
 */
const PAD_END_WORD = 33; // bytes 132..135
const PAD_END = 0x80000000; // byte 135 = 0x80 in a little-endian word

/**
 * Builds the Merkle tree of `leaves` exactly as `StandardMerkleTree.of(values, PAYOUT_LEAF_ENCODING)` of
 * @openzeppelin/merkle-tree 1.x does, where values[i] = [account, cumulativeAmount, cumulativeReputation]:
 * leaf hash = keccak256(keccak256(abi.encode(address, uint256, uint256))), leaves sorted by hash, placed
 * at the end of a (2n - 1)-node array in reverse, parent = keccak256 of its two children sorted as bytes.
 * Accounts are compared case-insensitively; mixed-case checksums are not verified.
 * Errors: EmptyPayoutTree; PayoutTreeTooLarge past MAX_PAYOUT_LEAVES; InvalidPayoutLeaf for a
 * leaf that is not an object, an account that is not 20 bytes of hex, or an amount that is not a bigint in
 * [0, 2^256); DuplicatePayoutAccount if an account appears twice; UnsupportedPlatform on a
 * big-endian machine.
 */
export function buildPayoutTree(leaves: readonly PayoutLeaf[]): PayoutTree {
  if (!IS_LITTLE_ENDIAN) throw new UnsupportedPlatform("payout trees need a little-endian platform");
  const n = leaves.length;
  if (n === 0) throw new EmptyPayoutTree();
  if (n > MAX_PAYOUT_LEAVES) throw new PayoutTreeTooLarge(n, MAX_PAYOUT_LEAVES);

  const accounts = new AccountIndex(n);
  const leafHashes = hashLeaves(leaves, accounts);
  const order = sortByHash(leafHashes, n);

  // Leaf of rank k (k-th smallest hash) goes to node 2n - 2 - k; then parents from the bottom up.
  const nodes = new Uint32Array(8 * (2 * n - 1));
  const treeIndexOf = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const leaf = order[k] as number;
    const node = 2 * n - 2 - k;
    treeIndexOf[leaf] = node;
    for (let w = 0, from = 8 * leaf, to = 8 * node; w < 8; w++)
      nodes[to + w] = leafHashes[from + w] as number;
  }
  hashParents(nodes, n);
  return new BuiltPayoutTree(nodes, treeIndexOf, accounts);
}

/** Checks each leaf and returns its leaf hash, leaf i at words [8i, 8i + 8) (bytes in hash order). */
function hashLeaves(leaves: readonly PayoutLeaf[], accounts: AccountIndex): Uint32Array {
  const n = leaves.length;
  const out = new Uint32Array(8 * n);
  const state = new Uint32Array(50);
  const view = new DataView(state.buffer);
  const accountWords = accounts.words;
  for (let i = 0; i < n; i++) {
    const leaf = leaves[i];
    if (typeof leaf !== "object" || leaf === null) {
      throw new InvalidPayoutLeaf(i, "leaf", leaf, "is not an object");
    }
    accounts.add(leaf.account);
    const amount = leaf.cumulativeAmount;
    const reputation = leaf.cumulativeReputation;
    checkUint256(i, "cumulativeAmount", amount);
    checkUint256(i, "cumulativeReputation", reputation);

    // abi.encode(address, uint256, uint256): 12 zero bytes, the address, then two 32-byte big-endian words.
    state.fill(0);
    const a = 5 * i;
    state[3] = accountWords[a] as number;
    state[4] = accountWords[a + 1] as number;
    state[5] = accountWords[a + 2] as number;
    state[6] = accountWords[a + 3] as number;
    state[7] = accountWords[a + 4] as number;
    writeUint256(view, 32, amount);
    writeUint256(view, 64, reputation);
    interleaveLanes(state, 1, 12); // lane 0 is zero
    state[24] = 0x01; // byte 96, right after the 96-byte message
    state[PAD_END_WORD] = PAD_END;
    keccakF1600(state);

    // Hash the 32-byte digest again: it stays (interleaved) in lanes 0..3, the rest of the block is padding.
    state[8] = 0x01; // byte 32
    for (let w = 9; w < 50; w++) state[w] = 0;
    state[PAD_END_WORD] = PAD_END;
    keccakF1600(state);
    deinterleaveLanes(state, 0, 4);
    const o = 8 * i;
    for (let w = 0; w < 8; w++) out[o + w] = state[w] as number;
  }
  return out;
}

/** Errors: InvalidPayoutLeaf unless `value` is a bigint in [0, 2^256). */
function checkUint256(index: number, field: string, value: unknown): void {
  if (typeof value !== "bigint") throw new InvalidPayoutLeaf(index, field, value, "is not a bigint");
  if (value < 0n) throw new InvalidPayoutLeaf(index, field, value, "is negative");
  if (value >= UINT256_LIMIT) throw new InvalidPayoutLeaf(index, field, value, "does not fit in 256 bits");
}

/** Writes `value` (in [0, 2^256)) big-endian to the 32 zero bytes at `at`. */
function writeUint256(view: DataView, at: number, value: bigint): void {
  if (value <= UINT64_MAX) {
    view.setBigUint64(at + 24, value);
    return;
  }
  for (let k = 3; k >= 0 && value > 0n; k--) {
    view.setBigUint64(at + 8 * k, BigInt.asUintN(64, value));
    value >>= 64n;
  }
}

/** Leaf numbers 0..n-1 ordered by their hash in `hashes` (8 words each), compared as bytes, smallest first. */
function sortByHash(hashes: Uint32Array, n: number): Uint32Array {
  const bytes = new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const prefix = new Uint32Array(n); // first 4 bytes of each hash as a big-endian number
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = 32 * i;
    prefix[i] =
      (((bytes[b] as number) << 24) |
        ((bytes[b + 1] as number) << 16) |
        ((bytes[b + 2] as number) << 8) |
        (bytes[b + 3] as number)) >>>
      0;
    order[i] = i;
  }
  order.sort((x, y) => {
    const d = (prefix[x] as number) - (prefix[y] as number);
    return d !== 0 ? d : compareBytes(bytes, 32 * x + 4, 32 * y + 4, 28);
  });
  return order;
}

/** Sign of the byte-wise comparison of `bytes[x .. x + len)` with `bytes[y .. y + len)`. */
function compareBytes(bytes: Uint8Array, x: number, y: number, len: number): number {
  for (let j = 0; j < len; j++) {
    const d = (bytes[x + j] as number) - (bytes[y + j] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** Fills nodes n-2 .. 0 (8 words each) with keccak256 of their two children, smaller child first. */
function hashParents(nodes: Uint32Array, n: number): void {
  const bytes = new Uint8Array(nodes.buffer, nodes.byteOffset, nodes.byteLength);
  const state = new Uint32Array(50);
  for (let i = n - 2; i >= 0; i--) {
    const left = 8 * (2 * i + 1);
    const right = left + 8;
    let leftFirst = true;
    for (let j = 0, l = 4 * left, r = 4 * right; j < 32; j++, l++, r++) {
      const d = (bytes[l] as number) - (bytes[r] as number);
      if (d !== 0) {
        leftFirst = d < 0;
        break;
      }
    }
    const first = leftFirst ? left : right;
    const second = leftFirst ? right : left;
    for (let w = 0; w < 8; w++) {
      state[w] = nodes[first + w] as number;
      state[8 + w] = nodes[second + w] as number;
    }
    interleaveLanes(state, 0, 8);
    state[16] = 0x01; // byte 64, right after the 64-byte message
    for (let w = 17; w < 50; w++) state[w] = 0;
    state[PAD_END_WORD] = PAD_END;
    keccakF1600(state);
    deinterleaveLanes(state, 0, 4);
    const o = 8 * i;
    for (let w = 0; w < 8; w++) nodes[o + w] = state[w] as number;
  }
}

/** Number of proof hashes of node `node`: its depth, floor(log2(node + 1)). */
function depthOf(node: number): number {
  return 31 - Math.clz32(node + 1);
}

/** Copies the sibling hashes of `node`, leaf to root, to `out` starting at word `at`; returns the next word. */
function writeProof(nodes: Uint32Array, node: number, out: Uint32Array, at: number): number {
  let o = at;
  for (let t = node; t > 0; t = (t - 1) >> 1) {
    const sibling = 8 * (t & 1 ? t + 1 : t - 1);
    for (let w = 0; w < 8; w++) out[o + w] = nodes[sibling + w] as number;
    o += 8;
  }
  return o;
}

/** The PayoutTree that buildPayoutTree returns: all 2n - 1 nodes in one buffer, OpenZeppelin's layout. */
class BuiltPayoutTree implements PayoutTree {
  readonly root: Hex;
  readonly length: number;
  readonly #nodes: Uint32Array;
  readonly #treeIndexOf: Uint32Array;
  readonly #accounts: AccountIndex;

  constructor(nodes: Uint32Array, treeIndexOf: Uint32Array, accounts: AccountIndex) {
    this.#nodes = nodes;
    this.#treeIndexOf = treeIndexOf;
    this.#accounts = accounts;
    this.length = treeIndexOf.length;
    this.root = hashesToHex(new Uint8Array(nodes.buffer, nodes.byteOffset, 32), 0, 1)[0] as Hex;
  }

  indexOf(account: string): number {
    return this.#accounts.indexOf(account);
  }

  proof(account: string): Hex[] {
    const index = this.#accounts.indexOf(account);
    if (index < 0) {
      const reason = AccountIndex.parse(account, new Uint8Array(20), 0)
        ? "it is not in the tree"
        : "it is not a 0x-prefixed 20-byte hex address";
      throw new UnknownPayoutAccount(account, reason);
    }
    return this.proofAt(index);
  }

  proofAt(index: number): Hex[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new PayoutIndexOutOfRange(index, this.length);
    }
    const node = this.#treeIndexOf[index] as number;
    const depth = depthOf(node);
    const words = new Uint32Array(8 * depth);
    writeProof(this.#nodes, node, words, 0);
    return hashesToHex(new Uint8Array(words.buffer), 0, depth);
  }

  allProofs(): PayoutProofs {
    const n = this.length;
    const treeIndexOf = this.#treeIndexOf;
    const offsets = new Uint32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += depthOf(treeIndexOf[i] as number);
      offsets[i + 1] = total;
    }
    const words = new Uint32Array(8 * total);
    const nodes = this.#nodes;
    let at = 0;
    for (let i = 0; i < n; i++) at = writeProof(nodes, treeIndexOf[i] as number, words, at);
    return new PayoutProofs(new Uint8Array(words.buffer), offsets);
  }
}
