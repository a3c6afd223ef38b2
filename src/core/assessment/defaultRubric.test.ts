import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RUBRIC, rubricHash } from "./defaultRubric.ts";

describe("DEFAULT_RUBRIC", () => {
  it("has distinct criteria, each with a question, whose weights sum to 10,000 basis points", () => {
    const ids = DEFAULT_RUBRIC.criteria.map((c) => c.id);
    assert.deepEqual(ids, ["impact", "rigour", "scope", "clarity"]);
    assert.equal(
      DEFAULT_RUBRIC.criteria.reduce((sum, c) => sum + c.weightBps, 0),
      10_000,
    );
    for (const c of DEFAULT_RUBRIC.criteria) assert.ok(c.question.endsWith("?"));
  });

  it("cannot be changed in place by a caller", () => {
    assert.ok(Object.isFrozen(DEFAULT_RUBRIC) && Object.isFrozen(DEFAULT_RUBRIC.criteria));
    assert.ok(DEFAULT_RUBRIC.criteria.every((c) => Object.isFrozen(c)));
  });
});

describe("rubricHash", () => {
  it("is keccak256 of the rubric's canonical JSON: fixed for the default, changed by any weight", () => {
    assert.equal(
      rubricHash(DEFAULT_RUBRIC),
      "0x61865092286215af5499ce5b3df78fa5ffc4945831d280fa8d368c27f3c04327",
    );
    const reweighted = {
      ...DEFAULT_RUBRIC,
      criteria: DEFAULT_RUBRIC.criteria.map((c) => ({ ...c, weightBps: 2500 })),
    };
    assert.notEqual(rubricHash(reweighted), rubricHash(DEFAULT_RUBRIC));
    const reordered = { criteria: DEFAULT_RUBRIC.criteria, version: DEFAULT_RUBRIC.version };
    assert.equal(rubricHash(reordered), rubricHash(DEFAULT_RUBRIC));
  });
});
