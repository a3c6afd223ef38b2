import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { checkSignalsWeights, DEFAULT_SIGNALS_WEIGHTS, InvalidSignalsWeights } from "./signalsWeights.ts";

describe("signals weights", () => {
  it("the defaults are valid and cover exactly the default rubric's criteria", () => {
    checkSignalsWeights(DEFAULT_SIGNALS_WEIGHTS);
    assert.deepEqual(
      Object.keys(DEFAULT_SIGNALS_WEIGHTS),
      DEFAULT_RUBRIC.criteria.map((c) => c.id),
    );
  });

  it("refuses shares that do not sum to 10,000, unknown signals, and a criterion with no text signal", () => {
    const cases: [unknown, RegExp][] = [
      [{ impact: { adoption: 5000, evidenceLinks: 4000 } }, /impact shares sum to 9000/],
      [{ impact: { vibes: 5000, evidenceLinks: 5000 } }, /unknown signal vibes/],
      [{ impact: { adoption: -1, evidenceLinks: 10_001 } }, /whole basis points/],
      [{ rigour: { testsTouched: 10_000 } }, /rigour gives no weight to any of descriptionSubstance/],
      [{ rigour: 3 }, /rigour is not an object/],
    ];
    for (const [weights, message] of cases) {
      assert.throws(
        () => checkSignalsWeights(weights as never),
        (error: unknown) => error instanceof InvalidSignalsWeights && message.test(error.message),
        String(message),
      );
    }
  });
});
