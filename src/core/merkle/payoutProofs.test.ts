import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesToHex } from "viem";
import { PayoutProofs } from "./payoutProofs.ts";
import { MalformedPayoutProofs, PayoutIndexOutOfRange } from "./payoutTreeErrors.ts";

describe("PayoutProofs", () => {
  const hashes = Uint8Array.from({ length: 32 * 3 }, (_, i) => i);
  const proofs = new PayoutProofs(hashes, Uint32Array.of(0, 2, 2, 3));

  it("slices each proof out of the shared buffer", () => {
    assert.equal(proofs.length, 3);
    assert.deepEqual(
      [0, 1, 2].map((i) => proofs.siblingCount(i)),
      [2, 0, 1],
    );
    assert.deepEqual(proofs.bytesAt(0), hashes.subarray(0, 64));
    assert.equal(proofs.bytesAt(0).buffer, hashes.buffer);
    assert.deepEqual(proofs.hexAt(0), [
      bytesToHex(hashes.subarray(0, 32)),
      bytesToHex(hashes.subarray(32, 64)),
    ]);
    assert.deepEqual(proofs.hexAt(1), []);
    assert.deepEqual(proofs.hexAt(2), [bytesToHex(hashes.subarray(64, 96))]);
  });

  it("refuses indices outside the proofs", () => {
    for (const index of [-1, 3, 0.5]) {
      assert.throws(() => proofs.bytesAt(index), PayoutIndexOutOfRange);
      assert.throws(() => proofs.siblingCount(index), PayoutIndexOutOfRange);
    }
  });

  it("refuses offsets that do not describe the buffer", () => {
    for (const offsets of [[], [1, 3], [0, 2], [0, 3, 2, 3]]) {
      assert.throws(() => new PayoutProofs(hashes, Uint32Array.from(offsets)), MalformedPayoutProofs);
    }
  });
});
