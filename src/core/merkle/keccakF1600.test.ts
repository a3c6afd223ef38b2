import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak_256, keccakP } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { deinterleaveLanes, interleaveLanes, keccakF1600 } from "./keccakF1600.ts";

/** keccak256 of a message shorter than the 136-byte rate, through keccakF1600. */
function keccak256SingleBlock(message: Uint8Array): Uint8Array {
  const state = new Uint32Array(50);
  const bytes = new Uint8Array(state.buffer);
  bytes.set(message);
  bytes[message.length] = (bytes[message.length] as number) ^ 0x01;
  bytes[135] = (bytes[135] as number) ^ 0x80;
  interleaveLanes(state, 0, 25);
  keccakF1600(state);
  deinterleaveLanes(state, 0, 25);
  return bytes.slice(0, 32);
}

/** Bit b of the 64-bit lane (lo, hi). */
const laneBit = (lo: number, hi: number, b: number) => (b < 32 ? (lo >>> b) & 1 : (hi >>> (b - 32)) & 1);

describe("keccakF1600", () => {
  it("interleaves each lane into its even and odd bits, and back", () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 50, maxLength: 50 }), fc.nat(25), fc.nat(25), (words, x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const state = Uint32Array.from(words);
        interleaveLanes(state, from, to);
        for (let i = 0; i < 25; i++) {
          const lo = words[2 * i] as number;
          const hi = words[2 * i + 1] as number;
          for (let b = 0; b < 32; b++) {
            const even = i >= from && i < to ? laneBit(lo, hi, 2 * b) : (lo >>> b) & 1;
            const odd = i >= from && i < to ? laneBit(lo, hi, 2 * b + 1) : (hi >>> b) & 1;
            assert.equal(((state[2 * i] as number) >>> b) & 1, even);
            assert.equal(((state[2 * i + 1] as number) >>> b) & 1, odd);
          }
        }
        deinterleaveLanes(state, from, to);
        assert.deepEqual(state, words);
      }),
      { numRuns: 200 },
    );
  });

  it("permutes any state exactly as @noble/hashes keccakP", () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 50, maxLength: 50 }), (words) => {
        const ours = Uint32Array.from(words);
        const theirs = Uint32Array.from(words);
        interleaveLanes(ours, 0, 25);
        keccakF1600(ours);
        deinterleaveLanes(ours, 0, 25);
        keccakP(theirs, 24);
        assert.deepEqual(ours, theirs);
      }),
      { numRuns: 500 },
    );
  });

  it("gives keccak256 of single-block messages", () => {
    assert.equal(
      Buffer.from(keccak256SingleBlock(new Uint8Array(0))).toString("hex"),
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 135 }), (message) => {
        assert.deepEqual(keccak256SingleBlock(message), keccak_256(message));
      }),
      { numRuns: 300 },
    );
  });
});
