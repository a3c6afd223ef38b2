import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RUBRIC } from "../core/assessment/defaultRubric.ts";
import type { Rubric } from "../core/assessment/verdict.ts";
import { checkRubric, InvalidRubric } from "./checkRubric.ts";

const [first, ...rest] = DEFAULT_RUBRIC.criteria;
if (first === undefined) throw new Error("the default rubric has criteria");

describe("checkRubric", () => {
  it("accepts the default rubric", () => {
    checkRubric(DEFAULT_RUBRIC);
  });

  it("refuses a rubric no evaluator can score against, naming the problem", () => {
    const cases: [Rubric, RegExp][] = [
      [{ ...DEFAULT_RUBRIC, criteria: [] }, /at least one criterion/],
      [{ ...DEFAULT_RUBRIC, version: "" }, /version/],
      [{ ...DEFAULT_RUBRIC, criteria: [first, first, ...rest] }, /impact appears twice/],
      [{ ...DEFAULT_RUBRIC, criteria: [{ ...first, weightBps: 3499 }, ...rest] }, /sum to 9999 basis points/],
      [{ ...DEFAULT_RUBRIC, criteria: [{ ...first, weightBps: 3500.5 }, ...rest] }, /whole number/],
      [{ ...DEFAULT_RUBRIC, criteria: [{ ...first, question: "" }, ...rest] }, /no question/],
      [{ ...DEFAULT_RUBRIC, criteria: [{ ...first, id: "" }, ...rest] }, /id must be/],
    ];
    for (const [rubric, message] of cases) {
      assert.throws(
        () => checkRubric(rubric),
        (error: unknown) => error instanceof InvalidRubric && message.test(error.message),
        String(message),
      );
    }
  });
});
