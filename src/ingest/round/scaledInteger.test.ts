import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { scaledInteger } from "./scaledInteger.ts";

describe("scaledInteger", () => {
  it("scales exact decimals into integers", () => {
    assert.equal(scaledInteger("16", 0), 16);
    assert.equal(scaledInteger(" 0.2 ", 1), 2);
    assert.equal(scaledInteger("14.30", 1), 143);
    assert.equal(scaledInteger("-3", 2), -300);
    assert.equal(scaledInteger("+1.5", 3), 1500);
    assert.equal(Object.is(scaledInteger("-0", 0), 0), true);
  });

  it("refuses what is not a plain decimal, needs rounding, or is not a safe integer", () => {
    for (const text of ["", "N/A", "1e3", "1,948", "0x10", ".5", "5.", "~20", "1 2"])
      assert.equal(scaledInteger(text, 2), undefined, text);
    assert.equal(scaledInteger("0.25", 1), undefined);
    assert.equal(scaledInteger("9007199254740992", 0), undefined);
  });

  it("agrees with the integer it was written from", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.integer({ min: 0, max: 3 }),
        (n, decimals) => {
          const magnitude = String(Math.abs(n)).padStart(decimals + 1, "0");
          const text = `${n < 0 ? "-" : ""}${decimals === 0 ? magnitude : `${magnitude.slice(0, -decimals)}.${magnitude.slice(-decimals)}`}`;
          assert.equal(scaledInteger(text, decimals), n);
        },
      ),
    );
  });
});
