import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ascendingAmounts, InvalidAmount } from "./ascendingAmounts.ts";

describe("ascendingAmounts", () => {
  it("sorts a copy smallest first and sums exactly", () => {
    const amounts = [3n, 10n ** 30n, 0n, 3n];
    assert.deepEqual(ascendingAmounts(amounts), {
      ascending: [0n, 3n, 3n, 10n ** 30n],
      total: 10n ** 30n + 6n,
    });
    assert.deepEqual(amounts, [3n, 10n ** 30n, 0n, 3n]);
  });

  it("refuses a negative or non-bigint amount, naming its position", () => {
    assert.throws(
      () => ascendingAmounts([1n, -1n]),
      (e: unknown) => e instanceof InvalidAmount && e.details.index === 1,
    );
    assert.throws(
      () => ascendingAmounts([1 as unknown as bigint]),
      (e: unknown) => e instanceof InvalidAmount && e.details.index === 0,
    );
  });
});
