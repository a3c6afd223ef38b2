import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { blendLogWeights } from "./blendLogWeights.ts";
import { InvalidCalibrationInput } from "./calibrationErrors.ts";

describe("blendLogWeights", () => {
  it("averages standardised log-weights, so a wider fit does not outweigh a narrower one", () => {
    const wide = new Map([
      ["a", 0],
      ["b", 10],
      ["c", 20],
    ]);
    const narrow = new Map([
      ["a", 2],
      ["b", 1],
      ["c", 0],
    ]);
    const blend = blendLogWeights([wide, narrow]);
    // Standardised they are exact opposites: the blend is flat.
    for (const v of blend.values()) assert.ok(Math.abs(v) < 1e-12);
    const alone = blendLogWeights([wide]);
    const sd = Math.sqrt(200 / 3);
    assert.ok(Math.abs((alone.get("c") as number) - 10 / sd) < 1e-12);
    assert.ok(Math.abs((alone.get("a") as number) + 10 / sd) < 1e-12);
  });

  it("counts a flat fit as 0 for every item, and refuses no fits or a missing item", () => {
    const flat = new Map([
      ["a", 1],
      ["b", 1],
    ]);
    const order = new Map([
      ["a", 0],
      ["b", 4],
    ]);
    assert.deepEqual(
      blendLogWeights([order, flat]),
      new Map([
        ["a", -0.5],
        ["b", 0.5],
      ]),
    );
    assert.throws(() => blendLogWeights([]), InvalidCalibrationInput);
    assert.throws(() => blendLogWeights([order, new Map([["a", 1]])]), InvalidCalibrationInput);
  });
});
