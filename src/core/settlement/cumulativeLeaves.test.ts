import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Address } from "viem";
import { cumulativeLeaves, InvalidLeafInput } from "./cumulativeLeaves.ts";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
const DAY = 86_400n;

describe("cumulativeLeaves", () => {
  it("adds this epoch's earnings to the previous leaves, decaying only the reputation", () => {
    const leaves = cumulativeLeaves(
      [{ account: A, cumulativeAmount: 100n, cumulativeReputation: 1000n }],
      1_000n,
      [
        { account: A, amount: 5n, reputation: 10n },
        { account: B, amount: 7n, reputation: 3n },
      ],
      1_000n + 180n * DAY,
      180n * DAY,
    );
    assert.deepEqual(
      leaves.map((l) => [l.account.toLowerCase(), l.cumulativeAmount, l.cumulativeReputation]),
      [
        [A, 105n, 510n],
        [B, 7n, 3n],
      ],
    );
  });

  it("never lowers a cumulative amount, and the new total is the old plus this epoch's", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 0n, max: 10n ** 24n })), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.bigInt({ min: 0n, max: 365n * DAY }),
        (rows, elapsed) => {
          const accounts = rows.map((_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);
          const previous = rows.map(([amount, rep], i) => ({
            account: accounts[i] as Address,
            cumulativeAmount: amount,
            cumulativeReputation: rep,
          }));
          const earnings = rows.map(([amount], i) => ({
            account: accounts[i] as Address,
            amount,
            reputation: 0n,
          }));
          const leaves = cumulativeLeaves(previous, 0n, earnings, elapsed, 90n * DAY);
          const total = leaves.reduce((s, l) => s + l.cumulativeAmount, 0n);
          assert.equal(total, 2n * rows.reduce((s, [amount]) => s + amount, 0n));
          for (const leaf of leaves) {
            const prev = previous.find((p) => p.account === leaf.account.toLowerCase());
            assert.ok(prev === undefined || leaf.cumulativeReputation <= prev.cumulativeReputation);
          }
        },
      ),
    );
  });

  it("refuses time going backwards, negative and repeated entries", () => {
    assert.throws(() => cumulativeLeaves([], 10n, [], 9n, DAY), InvalidLeafInput);
    assert.throws(
      () => cumulativeLeaves([], 0n, [{ account: A, amount: -1n, reputation: 0n }], 1n, DAY),
      InvalidLeafInput,
    );
    assert.throws(
      () =>
        cumulativeLeaves(
          [],
          0n,
          [
            { account: A, amount: 1n, reputation: 0n },
            { account: A, amount: 1n, reputation: 0n },
          ],
          1n,
          DAY,
        ),
      InvalidLeafInput,
    );
  });
});
