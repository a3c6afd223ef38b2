import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson } from "../report/canonicalJson.ts";
import { InvalidAmount } from "./ascendingAmounts.ts";
import { fairnessFigures } from "./fairnessFigures.ts";

describe("fairnessFigures", () => {
  it("gives all four figures for an equal split", () => {
    const figures = fairnessFigures(Array(40).fill(25n));
    assert.equal(figures.giniPpm, 0);
    assert.equal(figures.nakamotoCoefficient, 21);
    assert.equal(figures.top10SharePpm, 250_000);
    assert.equal(figures.lorenzCurve.length, 21);
    for (const p of figures.lorenzCurve) assert.equal(p.amountPpm, p.holdersPpm);
  });

  it("gives all four figures for one holder of everything", () => {
    const figures = fairnessFigures([0n, 0n, 0n, 1000n]);
    assert.deepEqual(
      { ...figures, lorenzCurve: figures.lorenzCurve.filter((_, k) => k % 5 === 0) },
      {
        giniPpm: 750_000,
        nakamotoCoefficient: 1,
        top10SharePpm: 1_000_000,
        lorenzCurve: [
          { holdersPpm: 0, amountPpm: 0 },
          { holdersPpm: 250_000, amountPpm: 0 },
          { holdersPpm: 500_000, amountPpm: 0 },
          { holdersPpm: 750_000, amountPpm: 0 },
          { holdersPpm: 1_000_000, amountPpm: 1_000_000 },
        ],
      },
    );
  });

  it("serializes to canonical JSON (integers only)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 30n }), { maxLength: 30 }), (amounts) => {
        canonicalJson(fairnessFigures(amounts));
      }),
    );
  });

  it("refuses a negative amount", () => {
    assert.throws(() => fairnessFigures([3n, -3n]), InvalidAmount);
  });
});
