import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidAmount } from "./ascendingAmounts.ts";
import { InvalidPointCount, lorenzCurve } from "./lorenzCurve.ts";

const pairs = (amounts: bigint[], points?: number) =>
  lorenzCurve(amounts, points).map((p) => [p.holdersPpm, p.amountPpm]);

describe("lorenzCurve", () => {
  it("gives the cumulative share of the smallest holders at evenly spaced points", () => {
    assert.deepEqual(pairs([4n, 1n, 3n, 2n], 5), [
      [0, 0],
      [250_000, 100_000],
      [500_000, 300_000],
      [750_000, 600_000],
      [1_000_000, 1_000_000],
    ]);
  });

  it("interpolates inside a holder when a point falls between two", () => {
    // 3 holders, 5 points: 0.75, 1.5 and 2.25 holders in.
    assert.deepEqual(pairs([0n, 0n, 3n], 5), [
      [0, 0],
      [250_000, 0],
      [500_000, 0],
      [750_000, 250_000],
      [1_000_000, 1_000_000],
    ]);
    // 2 holders, 4 points: 2/3 of the smaller (2/9 of 3), then it and 1/3 of the larger (5/9).
    assert.deepEqual(pairs([1n, 2n], 4), [
      [0, 0],
      [333_333, 222_222],
      [666_667, 555_556],
      [1_000_000, 1_000_000],
    ]);
  });

  it("is the diagonal for equal amounts, no amounts, or nothing held", () => {
    const diagonal = Array.from({ length: 21 }, (_, k) => [k * 50_000, k * 50_000]);
    assert.deepEqual(pairs(Array(7).fill(2n)), diagonal);
    assert.deepEqual(pairs([]), diagonal);
    assert.deepEqual(pairs([0n, 0n]), diagonal);
  });

  it("runs from (0, 0) to (1, 1), never decreasing and never above the diagonal, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 24n }), { maxLength: 80 }),
        fc.integer({ min: 2, max: 101 }),
        (amounts, pointCount) => {
          const curve = lorenzCurve(amounts, pointCount);
          assert.equal(curve.length, pointCount);
          assert.deepEqual(curve[0], { holdersPpm: 0, amountPpm: 0 });
          assert.deepEqual(curve.at(-1), { holdersPpm: 1_000_000, amountPpm: 1_000_000 });
          for (const [k, point] of curve.entries()) {
            assert.ok(point.amountPpm <= point.holdersPpm);
            const previous = curve[k - 1];
            if (previous) {
              assert.ok(point.holdersPpm > previous.holdersPpm);
              assert.ok(point.amountPpm >= previous.amountPpm);
            }
          }
          assert.deepEqual(lorenzCurve([...amounts].reverse(), pointCount), curve);
        },
      ),
    );
  });

  it("refuses a bad point count or a negative amount", () => {
    for (const pointCount of [1, 0, 2.5, 1002]) {
      assert.throws(
        () => lorenzCurve([1n], pointCount),
        (e: unknown) => e instanceof InvalidPointCount && e.details.pointCount === pointCount,
      );
    }
    assert.throws(() => lorenzCurve([-1n]), InvalidAmount);
  });
});
