import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import { spearman } from "./spearman.ts";

const vectors = fc
  .integer({ min: 2, max: 30 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    ),
  );

describe("spearman", () => {
  it("matches known values (scipy.stats.spearmanr), with and without ties", () => {
    assert.ok(Math.abs(spearman([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]) - 0.8285714285714287) < 1e-12);
    assert.ok(Math.abs(spearman([1, 2, 2, 3, 4], [1, 3, 2, 2, 5]) - 0.7631578947368421) < 1e-12);
  });

  it("lies in [−1, 1], is symmetric, 1 against itself and −1 against its reverse; NaN when constant", () => {
    fc.assert(
      fc.property(vectors, ([x, y]) => {
        const rho = spearman(x, y);
        if (new Set(x).size < 2 || new Set(y).size < 2) return assert.ok(Number.isNaN(rho));
        assert.ok(rho >= -1 && rho <= 1);
        assert.equal(rho, spearman(y, x));
        assert.ok(Math.abs(spearman(x, x) - 1) < 1e-12);
        assert.ok(
          Math.abs(
            spearman(
              x,
              x.map((v) => -v),
            ) + 1,
          ) < 1e-12,
        );
      }),
    );
  });

  it("refuses vectors of different lengths or with values that are not finite", () => {
    assert.throws(() => spearman([1, 2], [1]), InvalidCalibrationInput);
    assert.throws(() => spearman([1, Number.NaN], [1, 2]), InvalidCalibrationInput);
  });
});
