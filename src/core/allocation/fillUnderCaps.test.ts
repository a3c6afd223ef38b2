import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CapTooLow, fillUnderCaps } from "./fillUnderCaps.ts";
import { InvalidWeights, splitExact } from "./splitExact.ts";

/** capShares' water-filling as it was written before it moved here, with one cap for everyone. */
function uniformReference(budget: bigint, weights: readonly bigint[], cap: bigint): bigint[] {
  const parts = weights.map(() => 0n);
  const capped = new Set<number>();
  let remaining = budget;
  for (;;) {
    const open = weights.map((w, i) => (capped.has(i) ? 0n : w));
    const split = splitExact(remaining, open);
    const over = split.flatMap((part, i) => (part > cap ? [i] : []));
    if (over.length === 0) return parts.map((p, i) => p + (split[i] ?? 0n));
    for (const i of over) {
      capped.add(i);
      parts[i] = cap;
      remaining -= cap;
    }
  }
}

const caseArb = fc
  .array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 9n })), {
    minLength: 1,
    maxLength: 30,
  })
  .chain((rows) => {
    const capacity = rows.reduce((s, [w, cap]) => (w > 0n ? s + cap : s), 0n);
    return fc.tuple(fc.constant(rows), fc.bigInt({ min: 0n, max: capacity }));
  });

describe("fillUnderCaps", () => {
  it("sums exactly, keeps every part under its cap, and holds to the cap only those it marks capped", () => {
    fc.assert(
      fc.property(caseArb, ([rows, amount]) => {
        const weights = rows.map(([w]) => w);
        const caps = rows.map(([, cap]) => cap);
        const { parts, capped } = fillUnderCaps(amount, weights, caps);
        assert.equal(
          parts.reduce((s, p) => s + p, 0n),
          amount,
        );
        for (const [i, part] of parts.entries()) {
          assert.ok(part <= (caps[i] ?? 0n));
          if (capped[i]) assert.equal(part, caps[i]);
          if (weights[i] === 0n) assert.equal(part, 0n);
        }
      }),
    );
  });

  it("with one cap for everyone, splits exactly as capShares always has", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        (budget, weights, capBps) => {
          const cap = (budget * BigInt(capBps)) / 10_000n;
          fc.pre(cap * BigInt(weights.filter((w) => w > 0n).length) >= budget);
          const { parts } = fillUnderCaps(
            budget,
            weights,
            weights.map(() => cap),
          );
          assert.deepEqual(parts, uniformReference(budget, weights, cap));
        },
      ),
    );
  });

  it("fills the others by weight up to their own caps", () => {
    assert.deepEqual(fillUnderCaps(100n, [1n, 1n, 2n], [10n, 100n, 100n]), {
      parts: [10n, 30n, 60n],
      capped: [true, false, false],
    });
  });

  it("refuses caps that cannot take the amount, and mismatched or negative input", () => {
    assert.throws(
      () => fillUnderCaps(100n, [1n, 0n], [60n, 60n]),
      (e: unknown) => e instanceof CapTooLow && e.details.capacity === 60n && e.details.recipients === 1,
    );
    assert.throws(() => fillUnderCaps(1n, [1n], [1n, 1n]), InvalidWeights);
    assert.throws(() => fillUnderCaps(1n, [1n], [-1n]), InvalidWeights);
  });
});
