import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { deepFundingCost } from "./deepFundingCost.ts";
import type { JurorPair } from "./jurorPair.ts";

const items = ["p", "q", "r", "s"];
const pairArb = fc
  .tuple(
    fc.constantFrom(...items),
    fc.constantFrom(...items),
    fc.boolean(),
    fc.double({ min: 1, max: 1000, noNaN: true }),
  )
  .filter(([a, b]) => a !== b)
  .map(
    ([a, b, bWins, multiplier]): JurorPair => ({ juror: "j", a, b, winner: bWins ? "b" : "a", multiplier }),
  );
const weightsArb = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 });
const toMap = (w: readonly number[]) => new Map(items.map((it, i) => [it, w[i] as number]));

describe("deepFundingCost", () => {
  it("is Σ (ln w_b − ln w_a − ℓ)² over the pairs", () => {
    const pairs: JurorPair[] = [
      { juror: "j", a: "p", b: "q", winner: "b", multiplier: Math.E }, // ℓ = 1, model says 2: error 1
      { juror: "j", a: "q", b: "r", winner: "b", multiplier: Math.E ** 2 }, // ℓ = 2, model says −1: error 9
    ];
    const result = deepFundingCost(
      new Map([
        ["p", 0],
        ["q", 2],
        ["r", 1],
      ]),
      pairs,
    );
    assert.ok(Math.abs(result.cost - 10) < 1e-12);
    assert.ok(Math.abs(result.meanCost - 5) < 1e-12);
  });

  it("is ≥ 0, 0 for the stated ratios themselves, and unchanged by scaling every weight", () => {
    fc.assert(
      fc.property(
        weightsArb,
        fc.array(pairArb, { minLength: 1, maxLength: 20 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (w, pairs, shift) => {
          const cost = deepFundingCost(toMap(w), pairs).cost;
          assert.ok(cost >= 0);
          const shifted = deepFundingCost(toMap(w.map((v) => v + shift)), pairs).cost;
          assert.ok(Math.abs(shifted - cost) <= 1e-9 * Math.max(1, cost));
        },
      ),
    );
    fc.assert(
      fc.property(
        weightsArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 10 }),
        (w, edges) => {
          const pairs = edges
            .filter(([a, b]) => a !== b)
            .map(([a, b]): JurorPair => {
              const d = (w[b] as number) - (w[a] as number);
              return {
                juror: "j",
                a: items[a] as string,
                b: items[b] as string,
                winner: d >= 0 ? "b" : "a",
                multiplier: Math.exp(Math.abs(d)),
              };
            });
          assert.ok(deepFundingCost(toMap(w), pairs).cost < 1e-12);
        },
      ),
    );
  });
});
