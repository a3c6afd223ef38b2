import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { solveRidgeLaplacian } from "./solveRidgeLaplacian.ts";

describe("solveRidgeLaplacian", () => {
  it("solves (L + diag(ridge)) x = rhs to the tolerance", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0, max: 5, noNaN: true })), { maxLength: 80 }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (n, edges, ridge, values) => {
          const a = Int32Array.from(edges, ([i]) => i % n);
          const b = Int32Array.from(edges, ([, j]) => j % n);
          const weights = Float64Array.from(edges, ([, , w]) => w);
          const rhs = Float64Array.from(values.slice(0, n));
          const x = solveRidgeLaplacian({ size: n, a, b, weights, ridge }, rhs);
          const product = Array.from(x, (xi) => ridge * xi);
          for (let p = 0; p < a.length; p++) {
            const i = a[p] as number;
            const j = b[p] as number;
            const d = (weights[p] as number) * ((x[i] as number) - (x[j] as number));
            product[i] = (product[i] as number) + d;
            product[j] = (product[j] as number) - d;
          }
          const scale = Math.max(1, ...Array.from(rhs, Math.abs));
          for (let i = 0; i < n; i++)
            assert.ok(Math.abs((product[i] as number) - (rhs[i] as number)) < 1e-7 * scale);
        },
      ),
    );
  });

  it("refuses a ridge that is not > 0", () => {
    const none = new Int32Array(0);
    assert.throws(
      () => solveRidgeLaplacian({ size: 1, a: none, b: none, ridge: 0 }, new Float64Array(1)),
      InvalidCalibrationOption,
    );
  });
});
