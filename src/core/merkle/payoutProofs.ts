// Every proof of a payout tree in one buffer: 32-byte sibling hashes, proof after proof, in leaf order.

import type { Hex } from "viem";
import { hashesToHex } from "./hashesToHex.ts";
import { MalformedPayoutProofs, PayoutIndexOutOfRange } from "./payoutTreeErrors.ts";

/**
 * The Merkle proofs of all leaves of a payout tree, stored compactly: proof i is the sibling hashes
 * `hashes[32 * offsets[i] .. 32 * offsets[i + 1])`, leaf-to-root, 32 bytes each, exactly the hashes
 * (and order) of OpenZeppelin's `StandardMerkleTree.getProof(i)`. Leaf i is the i-th leaf given to the tree.
 */
export class PayoutProofs {
  /** Number of proofs (= leaves). */
  readonly length: number;
  /** All sibling hashes, 32 bytes each, proof after proof. */
  readonly hashes: Uint8Array;
  /** length + 1 positions in `hashes`, counted in hashes (not bytes); offsets[0] = 0. */
  readonly offsets: Uint32Array;

  /**
   * Wraps `hashes` and `offsets` without copying them.
   * Errors: MalformedPayoutProofs if `offsets` is empty, does not start at 0, decreases, or does not end at the last hash.
   */
  constructor(hashes: Uint8Array, offsets: Uint32Array) {
    const length = offsets.length - 1;
    if (length < 0 || offsets[0] !== 0 || 32 * (offsets[length] as number) !== hashes.length) {
      throw new MalformedPayoutProofs("offsets must run from 0 to the number of hashes", {
        offsetCount: offsets.length,
        firstOffset: offsets[0],
        lastOffset: offsets[length],
        hashBytes: hashes.length,
      });
    }
    for (let i = 0; i < length; i++) {
      if ((offsets[i] as number) > (offsets[i + 1] as number)) {
        throw new MalformedPayoutProofs("offsets must not decrease", { index: i, offset: offsets[i] });
      }
    }
    this.length = length;
    this.hashes = hashes;
    this.offsets = offsets;
  }

  /** Number of sibling hashes in proof `index`. Errors: PayoutIndexOutOfRange. */
  siblingCount(index: number): number {
    this.#check(index);
    return (this.offsets[index + 1] as number) - (this.offsets[index] as number);
  }

  /** Proof `index` as concatenated 32-byte hashes: a view into `hashes`, not a copy. Errors: PayoutIndexOutOfRange. */
  bytesAt(index: number): Uint8Array {
    this.#check(index);
    return this.hashes.subarray(
      32 * (this.offsets[index] as number),
      32 * (this.offsets[index + 1] as number),
    );
  }

  /** Proof `index` as lowercase hex hashes, the form `StandardMerkleTree.getProof` returns. Errors: PayoutIndexOutOfRange. */
  hexAt(index: number): Hex[] {
    this.#check(index);
    const start = this.offsets[index] as number;
    return hashesToHex(this.hashes, 32 * start, (this.offsets[index + 1] as number) - start);
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new PayoutIndexOutOfRange(index, this.length);
    }
  }
}
