import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JurorPair } from "./jurorPair.ts";
import { normaliseJurorScales } from "./normaliseJurorScales.ts";

describe("normaliseJurorScales", () => {
  it("puts a juror who answers in squares on the same scale as one who does not", () => {
    const modest: JurorPair[] = [2, 3, 4].map((m, i) => ({
      juror: "modest",
      a: `i${i}`,
      b: `i${i + 1}`,
      winner: "b",
      multiplier: m,
    }));
    const loud: JurorPair[] = modest.map((p) => ({ ...p, juror: "loud", multiplier: p.multiplier ** 2 }));
    const out = normaliseJurorScales([...modest, ...loud]);
    const logs = (juror: string) => out.filter((p) => p.juror === juror).map((p) => Math.log(p.multiplier));
    for (const [i, v] of logs("loud").entries())
      assert.ok(Math.abs(v - (logs("modest")[i] as number)) < 1e-12);
    // Each juror's median goes to the median of all six answers: ln 2, ln 3, ln 4, 2 ln 2, 2 ln 3, 2 ln 4 → ln 4.
    assert.ok(Math.abs((logs("modest")[1] as number) - Math.log(4)) < 1e-12);
  });

  it("keeps winners, a multiplier of 1, jurors with nothing above 1, and the input itself", () => {
    const pairs: JurorPair[] = [
      { juror: "j1", a: "x", b: "y", winner: "a", multiplier: 10 },
      { juror: "j1", a: "y", b: "z", winner: "b", multiplier: 1 },
      { juror: "j2", a: "x", b: "z", winner: "b", multiplier: 1 },
      { juror: "j3", a: "x", b: "y", winner: "b", multiplier: 100 },
    ];
    const before = structuredClone(pairs);
    const out = normaliseJurorScales(pairs);
    assert.deepEqual(pairs, before);
    assert.deepEqual(
      out.map((p) => p.winner),
      pairs.map((p) => p.winner),
    );
    assert.equal(out[1]?.multiplier, 1);
    assert.deepEqual(out[2], pairs[2]);
    assert.ok(Math.abs((out[0]?.multiplier as number) - (out[3]?.multiplier as number)) < 1e-9);
    assert.deepEqual(normaliseJurorScales([]), []);
  });
});
