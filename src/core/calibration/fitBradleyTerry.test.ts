import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import { fitBradleyTerry } from "./fitBradleyTerry.ts";
import type { JurorPair } from "./jurorPair.ts";
import { itemNames, seededRandom } from "./testing/plantedPairs.ts";

/** `count` pairs of random items, the winner drawn with P(b wins) = σ(truth_b − truth_a). */
function sampledPairs(truth: readonly number[], count: number, seed: number): JurorPair[] {
  const random = seededRandom(seed);
  const n = truth.length;
  const pairs: JurorPair[] = [];
  while (pairs.length < count) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b) continue;
    const pB = 1 / (1 + Math.exp((truth[a] as number) - (truth[b] as number)));
    pairs.push({
      juror: `j${pairs.length % 7}`,
      a: `i${a}`,
      b: `i${b}`,
      winner: random() < pB ? "b" : "a",
      multiplier: 2,
    });
  }
  return pairs;
}

describe("fitBradleyTerry", () => {
  it("recovers planted strengths (up to a constant) from many sampled outcomes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 10 }),
        fc.nat(),
        (truth, seed) => {
          const items = itemNames(truth.length);
          const fit = fitBradleyTerry(items, sampledPairs(truth, 500 * truth.length, seed), { ridge: 0.01 });
          const got = items.map((i) => fit.get(i) as number);
          const centre = (v: number[]) => v.map((x) => x - v.reduce((s, y) => s + y, 0) / v.length);
          const [g, t] = [centre(got), centre([...truth])];
          for (let i = 0; i < g.length; i++)
            assert.ok(Math.abs((g[i] as number) - (t[i] as number)) < 0.4, `item ${i}: ${g[i]} vs ${t[i]}`);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("sets the likelihood's gradient to zero, and treats a multiplier of 1 as a draw", () => {
    const pairs: JurorPair[] = [
      { juror: "j", a: "x", b: "y", winner: "b", multiplier: 3 },
      { juror: "j", a: "x", b: "y", winner: "b", multiplier: 3 },
      { juror: "k", a: "y", b: "x", winner: "b", multiplier: 3 },
      { juror: "k", a: "y", b: "z", winner: "a", multiplier: 1 },
    ];
    const ridge = 0.5;
    const fit = fitBradleyTerry(["x", "y", "z"], pairs, { ridge });
    const x = (id: string) => fit.get(id) as number;
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    // ∂/∂x_y of the penalised log-likelihood: wins minus expected wins minus the ridge's pull.
    const gradY =
      2 * (1 - s(x("y") - x("x"))) - (1 - s(x("x") - x("y"))) - (0.5 - s(x("z") - x("y"))) - ridge * x("y");
    assert.ok(Math.abs(gradY) < 1e-9, `gradient ${gradY}`);
    assert.ok(x("y") > x("x"));
  });

  it("is the same however each pair is written, and stays at the prior with no pairs", () => {
    const pairs: JurorPair[] = [
      { juror: "j", a: "x", b: "y", winner: "b", multiplier: 3 },
      { juror: "j", a: "z", b: "y", winner: "a", multiplier: 2 },
    ];
    const swapped = pairs.map((p) => ({
      ...p,
      a: p.b,
      b: p.a,
      winner: p.winner === "a" ? ("b" as const) : ("a" as const),
    }));
    const one = fitBradleyTerry(["x", "y", "z"], pairs);
    const other = fitBradleyTerry(["x", "y", "z"], swapped);
    for (const id of ["x", "y", "z"])
      assert.ok(Math.abs((one.get(id) as number) - (other.get(id) as number)) < 1e-9);
    assert.deepEqual([...fitBradleyTerry(["x", "y"], [], { prior: [1, -1] }).values()], [1, -1]);
    assert.throws(() => fitBradleyTerry(["x"], [], { ridge: -1 }), InvalidCalibrationOption);
  });
});
