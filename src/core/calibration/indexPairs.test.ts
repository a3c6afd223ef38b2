import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DuplicateItem,
  InvalidCalibrationOption,
  InvalidJurorPair,
  UnknownPairItem,
} from "./calibrationErrors.ts";
import { indexPairs } from "./indexPairs.ts";
import type { JurorPair } from "./jurorPair.ts";

const pair = (over: Partial<JurorPair> = {}): JurorPair => ({
  juror: "j",
  a: "x",
  b: "y",
  winner: "b",
  multiplier: 4,
  ...over,
});

describe("indexPairs", () => {
  it("indexes items, clips log-ratios and marks draws", () => {
    const indexed = indexPairs(
      ["x", "y", "z"],
      [pair(), pair({ a: "z", winner: "a", multiplier: 100 }), pair({ multiplier: 1 })],
      Math.log(10),
    );
    assert.deepEqual([...indexed.a], [0, 2, 0]);
    assert.deepEqual([...indexed.b], [1, 1, 1]);
    assert.deepEqual([...indexed.logRatio], [Math.log(4), -Math.log(10), 0]);
    assert.deepEqual([...indexed.bWins], [1, 0, 0.5]);
  });

  it("refuses duplicate items, unknown items and malformed pairs, naming them", () => {
    assert.throws(
      () => indexPairs(["x", "x"], []),
      (e) => e instanceof DuplicateItem && e.details.item === "x",
    );
    assert.throws(
      () => indexPairs(["x", "y"], [pair(), pair({ b: "w" })]),
      (e) => e instanceof UnknownPairItem && e.details.index === 1 && e.details.side === "b",
    );
    for (const [bad, field] of [
      [{ multiplier: 0.5 }, "multiplier"],
      [{ multiplier: Number.NaN }, "multiplier"],
      [{ multiplier: Number.POSITIVE_INFINITY }, "multiplier"],
      [{ b: "x" }, "b"],
      [{ juror: " " }, "juror"],
      [{ winner: "c" as "a" }, "winner"],
    ] as const) {
      assert.throws(
        () => indexPairs(["x", "y"], [pair(bad)]),
        (e) => e instanceof InvalidJurorPair && e.details.field === field,
      );
    }
    assert.throws(() => indexPairs(["x", "y"], [], 0), InvalidCalibrationOption);
  });
});
