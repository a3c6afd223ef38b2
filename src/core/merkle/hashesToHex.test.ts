import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bytesToHex } from "viem";
import { hashesToHex } from "./hashesToHex.ts";
import { HashesOutOfBounds } from "./payoutTreeErrors.ts";

describe("hashesToHex", () => {
  it("gives viem's hex of each 32-byte slice", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 400 }),
        fc.nat(400),
        fc.nat(13),
        (bytes, rawOffset, rawCount) => {
          const offset = Math.min(rawOffset, bytes.length);
          const count = Math.min(rawCount, Math.floor((bytes.length - offset) / 32));
          const hex = hashesToHex(bytes, offset, count);
          assert.equal(hex.length, count);
          for (let k = 0; k < count; k++) {
            assert.equal(hex[k], bytesToHex(bytes.subarray(offset + 32 * k, offset + 32 * k + 32)));
          }
        },
      ),
    );
  });

  it("refuses hashes past the end and bad offsets or counts", () => {
    const bytes = new Uint8Array(64);
    for (const [offset, count] of [
      [0, 3],
      [1, 2],
      [-1, 1],
      [0, -1],
      [0.5, 1],
    ] as const) {
      assert.throws(
        () => hashesToHex(bytes, offset, count),
        (error: unknown) =>
          error instanceof HashesOutOfBounds &&
          error.details.offset === offset &&
          error.details.count === count,
      );
    }
  });
});
