import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidValue, toValueUnits, VALUE_UNITS_PER_VALUE } from "./toValueUnits.ts";

describe("toValueUnits", () => {
  it("counts a millionth of a value as one unit, rounded to the nearest", () => {
    assert.equal(VALUE_UNITS_PER_VALUE, 1_000_000n);
    assert.equal(toValueUnits(0), 0n);
    assert.equal(toValueUnits(1), 1_000_000n);
    assert.equal(toValueUnits(12.5), 12_500_000n);
    assert.equal(toValueUnits(0.0000014), 1n);
    assert.equal(toValueUnits(0.0000016), 2n);
  });

  it("refuses values that are negative, not finite, or too large to convert exactly", () => {
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e10]) {
      assert.throws(
        () => toValueUnits(value),
        (e: unknown) => e instanceof InvalidValue && Object.is(e.details.value, value),
      );
    }
  });
});
