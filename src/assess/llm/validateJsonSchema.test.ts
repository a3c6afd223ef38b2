import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { type JsonSchema, UnsupportedSchemaKeyword, validateJsonSchema } from "./validateJsonSchema.ts";
import { verdictReplySchema } from "./verdictReply.ts";

const SCORE: JsonSchema = { type: "integer", minimum: 0, maximum: 100 };

describe("validateJsonSchema", () => {
  it("checks types, with integers as whole numbers and numbers including them", () => {
    assert.equal(validateJsonSchema(50, SCORE), null);
    assert.equal(validateJsonSchema(50.0, SCORE), null);
    assert.deepEqual(validateJsonSchema(50.5, SCORE), {
      path: "$",
      keyword: "type",
      reason: "is number, not integer",
    });
    assert.equal(validateJsonSchema(50.5, { type: "number" }), null);
    assert.equal(validateJsonSchema(null, { type: ["string", "null"] }), null);
    assert.equal(validateJsonSchema([], { type: "object" })?.keyword, "type");
    assert.equal(validateJsonSchema({}, { type: "array" })?.keyword, "type");
    assert.equal(validateJsonSchema("5", SCORE)?.keyword, "type");
    assert.equal(validateJsonSchema(true, SCORE)?.keyword, "type");
  });

  it("checks bounds, lengths in code points, enums and consts", () => {
    assert.equal(validateJsonSchema(101, SCORE)?.keyword, "maximum");
    assert.equal(validateJsonSchema(-1, SCORE)?.keyword, "minimum");
    assert.equal(validateJsonSchema(1, { exclusiveMinimum: 1 })?.keyword, "exclusiveMinimum");
    assert.equal(validateJsonSchema(2, { exclusiveMaximum: 2 })?.keyword, "exclusiveMaximum");
    assert.equal(validateJsonSchema("😀😀", { type: "string", maxLength: 2 }), null);
    assert.equal(validateJsonSchema("", { type: "string", minLength: 1 })?.keyword, "minLength");
    assert.equal(validateJsonSchema("B", { enum: ["A", "B"] }), null);
    assert.equal(validateJsonSchema("C", { enum: ["A", "B"] })?.keyword, "enum");
    assert.equal(validateJsonSchema({ a: [1] }, { const: { a: [1] } }), null);
    assert.equal(validateJsonSchema({ a: [2] }, { const: { a: [1] } })?.keyword, "const");
    assert.equal(validateJsonSchema([1, 2, 3], { type: "array", maxItems: 2 })?.keyword, "maxItems");
    assert.equal(validateJsonSchema([], { type: "array", minItems: 1 })?.keyword, "minItems");
  });

  it("names the path of the first violation in nested objects and arrays", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: { list: { type: "array", items: { type: "object", properties: { "odd key": SCORE } } } },
    };
    assert.deepEqual(validateJsonSchema({ list: [{ "odd key": 1 }, { "odd key": 200 }] }, schema), {
      path: '$.list[1]["odd key"]',
      keyword: "maximum",
      reason: "200 is above 100",
    });
  });

  it("checks required and additional properties by own keys, __proto__ included", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: { a: SCORE },
      required: ["a"],
      additionalProperties: false,
    };
    assert.equal(validateJsonSchema({ a: 1 }, schema), null);
    assert.deepEqual(validateJsonSchema({}, schema), {
      path: "$.a",
      keyword: "required",
      reason: "is missing",
    });
    assert.equal(
      validateJsonSchema(JSON.parse('{"a": 1, "__proto__": 2}'), schema)?.keyword,
      "additionalProperties",
    );
    assert.equal(validateJsonSchema(Object.create({ a: 1 }), schema)?.keyword, "required");
    assert.equal(
      validateJsonSchema({ a: 1, b: "x" }, { ...schema, additionalProperties: { type: "string" } }),
      null,
    );
    assert.equal(
      validateJsonSchema({ a: 1, b: 2 }, { ...schema, additionalProperties: { type: "string" } })?.path,
      "$.b",
    );
  });

  it("refuses a schema with a keyword it does not implement, wherever it is", () => {
    assert.throws(() => validateJsonSchema("x", { pattern: "^x$" } as JsonSchema), UnsupportedSchemaKeyword);
    const nested = { type: "object", properties: { a: { type: "string", format: "email" } } } as JsonSchema;
    assert.throws(() => validateJsonSchema({}, nested), /"format" at #\/properties\/a/);
  });

  it("accepts exactly the verdicts the rubric allows", () => {
    const schema = verdictReplySchema(DEFAULT_RUBRIC);
    const reply = fc.record({
      scores: fc.record(
        Object.fromEntries(
          DEFAULT_RUBRIC.criteria.map((c) => [
            c.id,
            fc.record({
              reason: fc.string({ minLength: 1, maxLength: 50 }),
              score: fc.integer({ min: -5, max: 105 }),
            }),
          ]),
        ),
      ),
      flags: fc.array(fc.constantFrom("off-topic", "injection-reported", "insufficient-evidence", "great")),
    });
    fc.assert(
      fc.property(reply, (value) => {
        const allowed =
          Object.values(value.scores).every((s) => s.score >= 0 && s.score <= 100) &&
          !value.flags.includes("great");
        assert.equal(validateJsonSchema(value, schema) === null, allowed);
      }),
      { numRuns: 300 },
    );
  });
});
