import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { logFeatures } from "./logFeatures.ts";

describe("logFeatures", () => {
  it("standardises each column's signed logs over the items that have it; blanks are 0", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: undefined }), {
            minLength: 3,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (values) => {
          const result = logFeatures(values);
          assert.equal(result.kept.length + result.dropped.length, 3);
          for (const [c, j] of result.kept.entries()) {
            const given = values.map((row, i) => ({ v: row[j], f: result.rows[i]?.[c] as number }));
            for (const { v, f } of given) if (v === undefined) assert.equal(f, 0);
            const present = given.filter((g) => g.v !== undefined).map((g) => g.f);
            const mean = present.reduce((s, f) => s + f, 0) / present.length;
            const variance = present.reduce((s, f) => s + (f - mean) ** 2, 0) / present.length;
            assert.ok(Math.abs(mean) < 1e-9 && Math.abs(variance - 1) < 1e-9);
            // Order-preserving: a larger metric never gets a smaller feature.
            for (const x of given)
              for (const y of given)
                if (x.v !== undefined && y.v !== undefined && x.v < y.v) assert.ok(x.f <= y.f);
          }
        },
      ),
    );
  });

  it("drops columns with fewer than two values or no spread", () => {
    const result = logFeatures([
      [1, 5, undefined, 10],
      [2, 5, undefined, undefined],
      [undefined, 5, 3, 1000],
    ]);
    assert.deepEqual(result.kept, [0, 3]);
    assert.deepEqual(result.dropped, [
      { column: 1, reason: "every value the same" },
      { column: 2, reason: "1 value(s) given" },
    ]);
    assert.equal(result.rows[1]?.[1], 0);
  });
});
