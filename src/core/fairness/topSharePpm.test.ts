import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidAmount } from "./ascendingAmounts.ts";
import { InvalidHolderCount, topSharePpm } from "./topSharePpm.ts";

describe("topSharePpm", () => {
  it("gives the share of the ten largest holders", () => {
    assert.equal(topSharePpm(Array(20).fill(1n)), 500_000);
    assert.equal(topSharePpm(Array(30).fill(7n)), 333_333);
    assert.equal(topSharePpm([...Array(10).fill(9n), 1n, 0n, 0n, 0n]), 989_011); // 90/91
    assert.equal(topSharePpm([1n, 2n, 3n]), 1_000_000);
    assert.equal(topSharePpm([5n, 1n, 4n], 1), 500_000);
  });

  it("is 0 when nothing is held", () => {
    assert.equal(topSharePpm([]), 0);
    assert.equal(topSharePpm([0n]), 0);
  });

  it("lies between the holders' head count share and 1, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 1, maxLength: 40 }),
        (amounts) => {
          const share = topSharePpm(amounts);
          assert.ok(share <= 1_000_000);
          assert.ok(share >= Math.floor((Math.min(10, amounts.length) / amounts.length) * 1_000_000) - 1);
          assert.equal(topSharePpm([...amounts].reverse()), share);
        },
      ),
    );
  });

  it("refuses a negative amount or a holder count that is not a positive integer", () => {
    assert.throws(() => topSharePpm([1n, -1n]), InvalidAmount);
    for (const holders of [0, -1, 1.5]) {
      assert.throws(
        () => topSharePpm([1n], holders),
        (e: unknown) => e instanceof InvalidHolderCount && e.details.holders === holders,
      );
    }
  });
});
