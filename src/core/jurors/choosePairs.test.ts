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

  it("asks first about pairs with disputed work, even work valued at zero, then by informativeness", () => {
    const candidates: PairCandidate[] = [
      { id: id(1), contributor: "0x1", valueUnits: 1_000n },
      { id: id(2), contributor: "0x2", valueUnits: 1_010n },
      { id: id(3), contributor: "0x3", valueUnits: 10n, disputed: true },
      { id: id(4), contributor: "0x4", valueUnits: 400n },
      { id: id(5), contributor: "0x5", valueUnits: 0n, disputed: true },
      { id: id(6), contributor: "0x6", valueUnits: 0n },
    ];
    const pairs = choosePairs(candidates, { juror: JUROR, count: 20 });
    const disputed = pairs.filter((p) => p.disputed);
    // Every pair of a disputed contribution (3 and 5 with everyone else eligible, and each other) comes first.
    assert.equal(disputed.length, 7);
    assert.deepEqual(pairs.slice(0, disputed.length), disputed);
    assert.ok(disputed.every((p) => [p.a, p.b].includes(id(3)) || [p.a, p.b].includes(id(5))));
    assert.ok(disputed.every((p, i) => i === 0 || (disputed[i - 1]?.score ?? 0) >= p.score));
    // A pair with zero-valued work scores zero; undisputed zero-valued work is never asked about.
    assert.equal(disputed.find((p) => p.a === id(3) && p.b === id(5))?.score, 0);
    assert.ok(pairs.every((p) => p.a !== id(6) && p.b !== id(6)));
    // After the disputed pairs, the most informative first, as without disputes.
    assert.deepEqual([pairs[disputed.length]?.a, pairs[disputed.length]?.b], [id(1), id(2)]);
    assert.ok(pairs.slice(disputed.length).every((p) => !p.disputed));
    // The disputant judging others' work is never asked about their own disputed work.
    const asDisputant = choosePairs(
      candidates.map((c) => (c.id === id(3) ? { ...c, contributor: JUROR } : c)),
      { juror: JUROR, count: 20 },
    );
    assert.ok(asDisputant.every((p) => p.a !== id(3) && p.b !== id(3)));
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
