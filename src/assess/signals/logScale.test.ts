import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { logScale, naturalLog } from "./logScale.ts";

describe("naturalLog", () => {
  it("agrees with Math.log to within a few units in the last place", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2 ** 53, noNaN: true }), (n) => {
        const expected = Math.log(n);
        assert.ok(Math.abs(naturalLog(n) - expected) <= 4 * Number.EPSILON * Math.max(1, expected));
      }),
    );
  });
});

describe("logScale", () => {
  it("stays in 0..1000, gives 0 for nothing and 1000 from fullAt on, and never falls as the count rises", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 10 ** 7 }),
        fc.integer({ min: 1, max: 10 ** 5 }),
        (count, fullAt) => {
          const scaled = logScale(count, fullAt);
          assert.ok(Number.isInteger(scaled) && scaled >= 0 && scaled <= 1000);
          assert.ok(logScale(count + 1, fullAt) >= scaled);
          if (count <= 0) assert.equal(scaled, 0);
          if (count >= fullAt) assert.equal(scaled, 1000);
        },
      ),
    );
  });

  it("has diminishing returns: the first test file counts more than the eighth", () => {
    assert.equal(logScale(1, 8), 315);
    assert.equal(logScale(3, 8), 631);
    assert.ok(logScale(1, 8) - logScale(0, 8) > logScale(8, 8) - logScale(7, 8));
  });
});
