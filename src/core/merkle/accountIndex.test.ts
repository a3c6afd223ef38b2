import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AccountIndex } from "./accountIndex.ts";
import { DuplicatePayoutAccount, InvalidPayoutLeaf, PayoutTreeTooLarge } from "./payoutTreeErrors.ts";

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}`;

describe("AccountIndex", () => {
  it("parses 0x-prefixed 40-digit hex in any case and nothing else", () => {
    const out = new Uint8Array(22);
    assert.ok(AccountIndex.parse("0xAbCdEf0123456789abcdef0123456789ABCDEF01", out, 2));
    assert.equal(hex(out.subarray(2)), "0xabcdef0123456789abcdef0123456789abcdef01");
    for (const bad of [
      "0x",
      "0xabc",
      `0X${"0".repeat(40)}`,
      `0x${"0".repeat(39)}g`,
      `0x${"0".repeat(41)}`,
      1,
      null,
    ]) {
      assert.equal(AccountIndex.parse(bad, out, 0), false, String(bad));
    }
    assert.equal(AccountIndex.parse(`0x${"0".repeat(39)}\u0661`, out, 0), false);
  });

  it("finds every added account, case-insensitively, and nothing else", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uint8Array({ minLength: 20, maxLength: 20 }), {
          minLength: 0,
          maxLength: 200,
          selector: (bytes) => hex(bytes),
        }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        (accounts, probe) => {
          const index = new AccountIndex(accounts.length);
          for (const account of accounts) index.add(hex(account));
          assert.equal(index.count, accounts.length);
          for (const [i, account] of accounts.entries()) {
            assert.equal(index.indexOf(hex(account)), i);
            assert.equal(index.indexOf(hex(account).toUpperCase().replace("0X", "0x")), i);
            assert.deepEqual(index.bytes.subarray(20 * i, 20 * i + 20), account);
          }
          const expected = accounts.findIndex((a) => hex(a) === hex(probe));
          assert.equal(index.indexOf(hex(probe)), expected);
        },
      ),
    );
  });

  it("refuses duplicates, malformed addresses and more than its capacity", () => {
    const index = new AccountIndex(2);
    const a = `0x${"ab".repeat(20)}`;
    index.add(a);
    assert.throws(
      () => index.add(a.toUpperCase().replace("0X", "0x")),
      (error: unknown) =>
        error instanceof DuplicatePayoutAccount &&
        error.details.firstIndex === 0 &&
        error.details.duplicateIndex === 1,
    );
    assert.throws(
      () => index.add("0x12"),
      (error: unknown) => error instanceof InvalidPayoutLeaf && error.details.index === 1,
    );
    index.add(`0x${"cd".repeat(20)}`);
    assert.throws(() => index.add(`0x${"ef".repeat(20)}`), PayoutTreeTooLarge);
    assert.equal(index.indexOf("0x12"), -1);
  });
});
