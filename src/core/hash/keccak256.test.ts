import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { keccak256, stringToBytes } from "viem";
import { Keccak256, keccak256Bytes, keccak256Text } from "./keccak256.ts";

describe("keccak256", () => {
  it("gives viem's digest for known inputs, including the empty one and block boundaries", () => {
    for (const length of [0, 1, 31, 32, 135, 136, 137, 271, 272, 273, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      assert.equal(keccak256Bytes(bytes), keccak256(bytes), `length ${length}`);
    }
    assert.equal(keccak256Text(""), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  });

  it("gives viem's digest for any bytes, fed in any pieces", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.array(fc.nat(700)), (bytes, cuts) => {
        const hasher = new Keccak256();
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          const to = Math.min(cut, bytes.length);
          if (to <= at) continue;
          hasher.update(bytes.subarray(at, to));
          at = to;
        }
        hasher.update(bytes.subarray(at));
        assert.equal(hasher.digest(), keccak256(bytes));
      }),
    );
  });

  it("hashes text as its UTF-8 bytes, astral characters and long text included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        assert.equal(keccak256Text(text), keccak256(stringToBytes(text)));
      }),
    );
    const long = "é😀a".repeat(20_000); // longer than one encoding slice, with pairs at its edges
    assert.equal(keccak256Text(long), keccak256(stringToBytes(long)));
  });

  it("refuses to be used after its digest", () => {
    const hasher = new Keccak256();
    hasher.digest();
    assert.throws(() => hasher.update(new Uint8Array(1)));
    assert.throws(() => hasher.digest());
  });

  it("starts over on reset, as a new hasher", () => {
    const hasher = new Keccak256().updateText("something else");
    hasher.digest();
    assert.equal(hasher.reset().updateText("abc").digest(), keccak256Text("abc"));
    assert.equal(keccak256Text("abc"), keccak256(stringToBytes("abc")));
  });
});
