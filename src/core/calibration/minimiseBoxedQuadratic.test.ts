import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { minimiseBoxedQuadratic } from "./minimiseBoxedQuadratic.ts";

describe("minimiseBoxedQuadratic", () => {
  it("meets the optimality (KKT) conditions on random positive definite problems", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((k) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: k, maxLength: k }), {
              minLength: k,
              maxLength: k,
            }),
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
            fc.array(fc.boolean(), { minLength: k, maxLength: k }),
          ),
        ),
        ([m, g, nonnegative]) => {
          const k = g.length;
          // Q = MᵀM + I is symmetric positive definite.
          const q = Array.from({ length: k }, (_, i) =>
            Array.from({ length: k }, (_, j) => {
              let s = i === j ? 1 : 0;
              for (const row of m) s += (row[i] as number) * (row[j] as number);
              return s;
            }),
          );
          const beta = minimiseBoxedQuadratic(q, g, nonnegative);
          for (let j = 0; j < k; j++) {
            // ∂/∂β_j of βᵀQβ − 2gᵀβ, halved.
            let grad = -(g[j] as number);
            for (let l = 0; l < k; l++) grad += (q[j]?.[l] as number) * (beta[l] as number);
            const b = beta[j] as number;
            if (nonnegative[j]) {
              assert.ok(b >= 0);
              assert.ok(
                b > 0 ? Math.abs(grad) < 1e-6 : grad > -1e-6,
                `coordinate ${j}: β ${b}, gradient ${grad}`,
              );
            } else assert.ok(Math.abs(grad) < 1e-6, `coordinate ${j}: gradient ${grad}`);
          }
        },
      ),
    );
  });
});
