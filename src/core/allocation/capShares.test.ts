import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CapTooLow, capShares } from "./capShares.ts";

describe("capShares", () => {
  it("never pays anyone above the cap, and sums to the budget exactly", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        (budget, weights, capBps) => {
          const cap = (budget * BigInt(capBps)) / 10_000n;
          fc.pre(cap * BigInt(weights.length) >= budget);
          const parts = capShares(budget, weights, capBps);
          assert.equal(
            parts.reduce((s, p) => s + p, 0n),
            budget,
          );
          for (const part of parts) assert.ok(part <= cap);
        },
      ),
    );
  });

  it("moves the excess of a capped recipient to the others by weight", () => {
    assert.deepEqual(capShares(1000n, [8n, 1n, 1n], 5000), [500n, 250n, 250n]);
  });

  it("refuses a cap that cannot pay out the budget", () => {
    assert.throws(() => capShares(100n, [1n, 1n], 4000), CapTooLow);
  });
});
