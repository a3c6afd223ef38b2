import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import type { Address } from "viem";
import { encodeAbiParameters, keccak256, parseAbiParameters } from "viem";
import { GuildError } from "../errors.ts";
import { buildPayoutTree, PAYOUT_LEAF_ENCODING, type PayoutLeaf } from "./payoutTree.ts";
import {
  DuplicatePayoutAccount,
  EmptyPayoutTree,
  InvalidPayoutLeaf,
  PayoutIndexOutOfRange,
  UnknownPayoutAccount,
} from "./payoutTreeErrors.ts";

const ENCODING = [...PAYOUT_LEAF_ENCODING];
const MAX_UINT256 = (1n << 256n) - 1n;

/** Deterministic leaves with a mix of small, 64-bit-crossing and full-width amounts. */
function sampleLeaves(count: number, seed: number): PayoutLeaf[] {
  let x = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
  const next = () => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return x;
  };
  const leaves: PayoutLeaf[] = [];
  for (let i = 0; i < count; i++) {
    const addressBits = (next() << 96n) | (next() << 32n) | (next() >> 32n);
    const account = `0x${addressBits.toString(16).padStart(40, "0")}` as Address;
    const amounts = [0n, next(), next() * next(), (next() << 192n) | next(), MAX_UINT256];
    leaves.push({
      account,
      cumulativeAmount: amounts[i % amounts.length] as bigint,
      cumulativeReputation: amounts[(i * 3 + 1) % amounts.length] as bigint,
    });
  }
  return leaves;
}

function openZeppelinTree(leaves: readonly PayoutLeaf[]) {
  return StandardMerkleTree.of(
    leaves.map((l) => [l.account, l.cumulativeAmount, l.cumulativeReputation]),
    ENCODING,
  );
}

/** Asserts root and every proof (by index, by account, from allProofs) equal OpenZeppelin's, and verify. */
function assertSameAsOpenZeppelin(leaves: readonly PayoutLeaf[]): void {
  const oz = openZeppelinTree(leaves);
  const tree = buildPayoutTree(leaves);
  assert.equal(tree.root, oz.root);
  assert.equal(tree.length, leaves.length);
  const all = tree.allProofs();
  assert.equal(all.length, leaves.length);
  for (const [i, leaf] of leaves.entries()) {
    const expected = oz.getProof(i);
    assert.deepEqual(tree.proofAt(i), expected, `proofAt(${i})`);
    assert.deepEqual(tree.proof(leaf.account), expected, `proof(${leaf.account})`);
    assert.deepEqual(all.hexAt(i), expected, `allProofs().hexAt(${i})`);
    assert.equal(all.bytesAt(i).length, 32 * expected.length);
    assert.equal(all.siblingCount(i), expected.length);
    assert.ok(
      StandardMerkleTree.verify(
        tree.root,
        ENCODING,
        [leaf.account, leaf.cumulativeAmount, leaf.cumulativeReputation],
        tree.proofAt(i),
      ),
      `proof ${i} verifies`,
    );
  }
}

const addressArb = fc
  .tuple(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean())
  .map(([bytes, upper]) => {
    const hex = Buffer.from(bytes).toString("hex");
    return `0x${upper ? hex.toUpperCase() : hex}` as Address;
  });
const amountArb = fc.oneof(
  fc.constantFrom(0n, 1n, (1n << 64n) - 1n, 1n << 64n, MAX_UINT256),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.bigInt({ min: 0n, max: MAX_UINT256 }),
);
const leavesArb = fc.uniqueArray(
  fc.record({ account: addressArb, cumulativeAmount: amountArb, cumulativeReputation: amountArb }),
  { minLength: 1, maxLength: 64, size: "max", selector: (leaf) => leaf.account.toLowerCase() },
);

describe("buildPayoutTree", () => {
  for (const size of [1, 2, 3, 7, 100, 1000]) {
    it(`matches StandardMerkleTree root and every proof with ${size} leaves`, () => {
      assertSameAsOpenZeppelin(sampleLeaves(size, size));
    });
  }

  it("matches StandardMerkleTree on random leaf sets of 1 to 64 leaves", () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => assertSameAsOpenZeppelin(leaves)),
      { numRuns: 150 },
    );
  });

  it("orders leaves whose hashes share their first 4 bytes by the remaining bytes", () => {
    // Found by search: with zero amounts, the leaf hashes of these two accounts both start 0xe49d9b07.
    const a = `0x${(77519).toString(16).padStart(40, "0")}` as Address;
    const b = `0x${(110690).toString(16).padStart(40, "0")}` as Address;
    const leafHash = (account: Address) =>
      keccak256(
        keccak256(encodeAbiParameters(parseAbiParameters("address, uint256, uint256"), [account, 0n, 0n])),
      );
    assert.equal(leafHash(a).slice(0, 10), leafHash(b).slice(0, 10));
    assert.notEqual(leafHash(a), leafHash(b));
    const pair = [a, b].map((account) => ({ account, cumulativeAmount: 0n, cumulativeReputation: 0n }));
    const others = sampleLeaves(5, 11);
    assertSameAsOpenZeppelin(pair);
    assertSameAsOpenZeppelin([...pair].reverse());
    assertSameAsOpenZeppelin([...others, ...pair]);
    assertSameAsOpenZeppelin([pair[1] as PayoutLeaf, ...others, pair[0] as PayoutLeaf]);
  });

  it("finds accounts in any letter case and reports absent ones as -1", () => {
    const leaves = sampleLeaves(10, 3);
    const tree = buildPayoutTree(leaves);
    const account = (leaves[4] as PayoutLeaf).account;
    assert.equal(tree.indexOf(account), 4);
    assert.equal(tree.indexOf(`0x${account.slice(2).toUpperCase()}`), 4);
    assert.equal(tree.indexOf("0x0000000000000000000000000000000000000001"), -1);
    assert.equal(tree.indexOf("not an address"), -1);
  });

  it("gives proofs that fail to verify a changed amount", () => {
    const leaves = sampleLeaves(50, 9);
    const tree = buildPayoutTree(leaves);
    const leaf = leaves[7] as PayoutLeaf;
    const proof = tree.proof(leaf.account);
    const changed = [leaf.account, leaf.cumulativeAmount + 1n, leaf.cumulativeReputation];
    assert.equal(StandardMerkleTree.verify(tree.root, ENCODING, changed, proof), false);
  });

  it("refuses an empty list", () => {
    assert.throws(() => buildPayoutTree([]), EmptyPayoutTree);
  });

  it("refuses accounts that are not 20 bytes of hex, naming the leaf", () => {
    const good = sampleLeaves(3, 1);
    const bad = [
      "0x123",
      "0x00000000000000000000000000000000000000000", // 41 digits
      "1234567890123456789012345678901234567890ab", // no 0x
      "0xg000000000000000000000000000000000000000",
      "0X0000000000000000000000000000000000000001",
      42,
      undefined,
    ];
    for (const account of bad) {
      const leaves = [...good, { ...good[0], account } as unknown as PayoutLeaf];
      assert.throws(
        () => buildPayoutTree(leaves),
        (error: unknown) =>
          error instanceof InvalidPayoutLeaf &&
          error instanceof GuildError &&
          error.details.index === 3 &&
          error.details.field === "account" &&
          error.details.value === account,
      );
    }
  });

  it("refuses amounts that are negative, too large or not bigints", () => {
    const [first] = sampleLeaves(1, 2) as [PayoutLeaf];
    const cases: [string, unknown][] = [
      ["cumulativeAmount", -1n],
      ["cumulativeReputation", -5n],
      ["cumulativeAmount", 1n << 256n],
      ["cumulativeReputation", 1],
      ["cumulativeAmount", "1"],
    ];
    for (const [field, value] of cases) {
      const leaf = { ...first, [field]: value } as unknown as PayoutLeaf;
      assert.throws(
        () => buildPayoutTree([leaf]),
        (error: unknown) =>
          error instanceof InvalidPayoutLeaf &&
          error.details.index === 0 &&
          error.details.field === field &&
          error.details.value === value,
      );
    }
    assert.throws(() => buildPayoutTree([null as unknown as PayoutLeaf]), InvalidPayoutLeaf);
  });

  it("refuses a duplicate account, in any letter case, naming it and both leaves", () => {
    const leaves = sampleLeaves(5, 4);
    const account = (leaves[1] as PayoutLeaf).account;
    const upper = `0x${account.slice(2).toUpperCase()}` as Address;
    const withDuplicate = [...leaves, { account: upper, cumulativeAmount: 1n, cumulativeReputation: 0n }];
    assert.throws(
      () => buildPayoutTree(withDuplicate),
      (error: unknown) =>
        error instanceof DuplicatePayoutAccount &&
        error.details.account === upper &&
        error.details.firstIndex === 1 &&
        error.details.duplicateIndex === 5 &&
        error.message.includes(upper),
    );
  });

  it("refuses proofs for unknown accounts and out-of-range indices", () => {
    const tree = buildPayoutTree(sampleLeaves(4, 5));
    const absent = "0x0000000000000000000000000000000000000001";
    assert.throws(
      () => tree.proof(absent),
      (error: unknown) => error instanceof UnknownPayoutAccount && error.details.account === absent,
    );
    assert.throws(() => tree.proof("0xnope"), UnknownPayoutAccount);
    for (const index of [-1, 4, 1.5, Number.NaN]) {
      assert.throws(
        () => tree.proofAt(index),
        (error: unknown) => error instanceof PayoutIndexOutOfRange && Object.is(error.details.index, index),
      );
      assert.throws(() => tree.allProofs().hexAt(index), PayoutIndexOutOfRange);
    }
  });
});
