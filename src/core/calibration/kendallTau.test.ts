import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import { kendallTau } from "./kendallTau.ts";

const vectors = fc
  .integer({ min: 2, max: 30 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    ),
  );

describe("kendallTau", () => {
  it("matches known values (scipy.stats.kendalltau, tau-b), with and without ties", () => {
    assert.ok(Math.abs(kendallTau([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]) - 0.6) < 1e-12);
    assert.ok(Math.abs(kendallTau([1, 2, 2, 3, 4], [1, 3, 2, 2, 5]) - 0.6666666666666666) < 1e-12);
  });

  it("lies in [−1, 1], is symmetric, 1 against itself and −1 against its reverse; NaN when constant", () => {
    fc.assert(
      fc.property(vectors, ([x, y]) => {
        const tau = kendallTau(x, y);
        if (new Set(x).size < 2 || new Set(y).size < 2) return assert.ok(Number.isNaN(tau));
        assert.ok(tau >= -1 && tau <= 1);
        assert.equal(tau, kendallTau(y, x));
        assert.ok(Math.abs(kendallTau(x, x) - 1) < 1e-12);
        assert.ok(
          Math.abs(
            kendallTau(
              x,
              x.map((v) => -v),
            ) + 1,
          ) < 1e-12,
        );
      }),
    );
  });

  it("refuses vectors of different lengths", () => {
    assert.throws(() => kendallTau([1, 2], [1]), InvalidCalibrationInput);
  });
});
