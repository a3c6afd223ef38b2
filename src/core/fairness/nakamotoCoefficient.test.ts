import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidAmount } from "./ascendingAmounts.ts";
import { nakamotoCoefficient } from "./nakamotoCoefficient.ts";

describe("nakamotoCoefficient", () => {
  it("counts the fewest holders with strictly more than half", () => {
    assert.equal(nakamotoCoefficient([1n, 1n, 1n, 1n]), 3); // two hold exactly 50%: not a majority
    assert.equal(nakamotoCoefficient([1n, 1n, 1n]), 2);
    assert.equal(nakamotoCoefficient([5n, 5n]), 2);
    assert.equal(nakamotoCoefficient([51n, 49n]), 1);
    assert.equal(nakamotoCoefficient([0n, 0n, 10n]), 1);
    assert.equal(nakamotoCoefficient([30n, 10n, 25n, 35n]), 2);
  });

  it("is ⌊n/2⌋ + 1 for n equal holders, and 0 when nothing is held", () => {
    for (let n = 1; n <= 12; n++) {
      assert.equal(nakamotoCoefficient(Array(n).fill(3n)), Math.floor(n / 2) + 1);
    }
    assert.equal(nakamotoCoefficient([]), 0);
    assert.equal(nakamotoCoefficient([0n, 0n]), 0);
  });

  it("is minimal: its largest holders hold a majority and one fewer do not", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 20n }), { maxLength: 50 }), (amounts) => {
        const total = amounts.reduce((s, x) => s + x, 0n);
        fc.pre(total > 0n);
        const k = nakamotoCoefficient(amounts);
        const descending = [...amounts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const top = (count: number) => descending.slice(0, count).reduce((s, x) => s + x, 0n);
        assert.ok(k >= 1 && k <= amounts.length);
        assert.ok(2n * top(k) > total);
        assert.ok(2n * top(k - 1) <= total);
        assert.equal(nakamotoCoefficient([...amounts].reverse()), k);
      }),
    );
  });

  it("refuses a negative amount", () => {
    assert.throws(() => nakamotoCoefficient([-1n]), InvalidAmount);
  });
});
