import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidWeights, splitExact } from "./splitExact.ts";

describe("splitExact", () => {
  it("sums to the amount exactly and stays within a unit of each exact share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 24n }), { minLength: 1, maxLength: 50 }),
        (amount, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const parts = splitExact(amount, weights);
          const total = weights.reduce((s, w) => s + w, 0n);
          assert.equal(
            parts.reduce((s, p) => s + p, 0n),
            amount,
          );
          for (const [i, part] of parts.entries()) {
            const exactTimesTotal = amount * (weights[i] ?? 0n);
            const diff = part * total - exactTimesTotal;
            assert.ok(diff > -total && diff < total, `part ${i} is a unit or more off its share`);
          }
        },
      ),
    );
  });

  it("gives leftover units to the largest remainders, ties to the first", () => {
    assert.deepEqual(splitExact(10n, [1n, 1n, 1n]), [4n, 3n, 3n]);
    assert.deepEqual(splitExact(100n, [1n, 2n]), [33n, 67n]);
  });

  it("refuses negative weights and all-zero weights", () => {
    assert.throws(() => splitExact(1n, [1n, -1n]), InvalidWeights);
    assert.throws(() => splitExact(1n, [0n, 0n]), InvalidWeights);
    assert.deepEqual(splitExact(0n, [0n, 0n]), [0n, 0n]);
  });
});
