import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Hex } from "viem";
import type { PairCandidate } from "./choosePairs.ts";
import { choosePairs, pairKey } from "./choosePairs.ts";

const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const JUROR = "0x00000000000000000000000000000000000000aa";

describe("choosePairs", () => {
  it("asks first about close values with much riding on them", () => {
    const candidates: PairCandidate[] = [
      { id: id(1), contributor: "0x1", valueUnits: 1_000n },
      { id: id(2), contributor: "0x2", valueUnits: 1_010n },
      { id: id(3), contributor: "0x3", valueUnits: 10n },
      { id: id(4), contributor: "0x4", valueUnits: 11n },
      { id: id(5), contributor: "0x5", valueUnits: 400n },
    ];
    const [first, second] = choosePairs(candidates, { juror: JUROR, count: 10 });
    assert.deepEqual([first?.a, first?.b], [id(1), id(2)]); // close and large
    assert.ok((second?.score ?? 0) < (first?.score ?? 0));
  });

  it("never asks a juror about their own work, nor a pair already answered", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ who: fc.integer({ min: 0, max: 5 }), value: fc.bigInt({ min: 0n, max: 10n ** 24n }) }),
          {
            maxLength: 40,
          },
        ),
        fc.integer({ min: 1, max: 30 }),
        (rows, count) => {
          const candidates = rows.map((r, i) => ({
            id: id(i + 1),
            contributor: r.who === 0 ? JUROR : `0x${r.who}`,
            valueUnits: r.value,
          }));
          const first = choosePairs(candidates, { juror: JUROR.toUpperCase().replace("0X", "0x"), count });
          const own = new Set(candidates.filter((c) => c.contributor === JUROR).map((c) => c.id));
          assert.ok(first.length <= count);
          for (const p of first) {
            assert.ok(!own.has(p.a) && !own.has(p.b));
            assert.ok(p.a < p.b);
          }
          const answered = new Set(first.map((p) => pairKey(p.b, p.a)));
          const again = choosePairs(candidates, { juror: JUROR, count, answered });
          assert.ok(again.every((p) => !answered.has(pairKey(p.a, p.b))));
          // Deterministic whatever the order of the candidates.
          assert.deepEqual(choosePairs([...candidates].reverse(), { juror: JUROR, count }), first);
        },
      ),
    );
  });
});
