import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidAmount } from "./ascendingAmounts.ts";
import { giniPpm } from "./giniPpm.ts";
import { ratioPpm } from "./ratioPpm.ts";

const amountsArb = fc.array(fc.bigInt({ min: 0n, max: 10n ** 24n }), { minLength: 0, maxLength: 60 });

describe("giniPpm", () => {
  it("is 0 for equal amounts and (n − 1)/n for one holder of everything", () => {
    assert.equal(giniPpm([5n, 5n, 5n, 5n]), 0);
    assert.equal(giniPpm([7n]), 0);
    assert.equal(giniPpm([0n, 0n, 9n]), 666_667); // 2/3
    assert.equal(giniPpm([0n, 100n]), 500_000); // 1/2
    assert.equal(giniPpm([...Array(9).fill(0n), 1n]), 900_000); // 9/10
  });

  it("matches hand-computed values", () => {
    // Pairs of [1,2,3,4] differ by 1,2,3,1,2,1 = 10; 2 × 10 / (2 · 4 · 10) = 1/4.
    assert.equal(giniPpm([1n, 2n, 3n, 4n]), 250_000);
    // [1,1,4]: |diffs| = 0,3,3 → 2 × 6 / (2 · 3 · 6) = 1/3.
    assert.equal(giniPpm([4n, 1n, 1n]), 333_333);
  });

  it("is 0 for no amounts or nothing held", () => {
    assert.equal(giniPpm([]), 0);
    assert.equal(giniPpm([0n, 0n]), 0);
  });

  it("equals the mean absolute difference over twice the mean, exactly", () => {
    fc.assert(
      fc.property(amountsArb, (amounts) => {
        const total = amounts.reduce((s, x) => s + x, 0n);
        fc.pre(total > 0n);
        let differences = 0n;
        for (const a of amounts) for (const b of amounts) differences += a > b ? a - b : b - a;
        assert.equal(giniPpm(amounts), ratioPpm(differences, 2n * BigInt(amounts.length) * total));
      }),
    );
  });

  it("lies in [0, 1] and does not depend on order or on scaling", () => {
    fc.assert(
      fc.property(amountsArb, fc.bigInt({ min: 1n, max: 10n ** 18n }), (amounts, factor) => {
        const g = giniPpm(amounts);
        assert.ok(g >= 0 && g <= 1_000_000);
        assert.equal(giniPpm([...amounts].reverse()), g);
        assert.equal(giniPpm(amounts.map((x) => x * factor)), g);
      }),
    );
  });

  it("refuses a negative amount, naming its position", () => {
    assert.throws(
      () => giniPpm([1n, -2n]),
      (e: unknown) => e instanceof InvalidAmount && e.details.index === 1 && e.details.amount === -2n,
    );
  });
});
