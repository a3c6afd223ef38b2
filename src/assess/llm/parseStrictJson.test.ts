import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { MAX_JSON_DEPTH, parseStrictJson } from "./parseStrictJson.ts";

describe("parseStrictJson", () => {
  it("reads every JSON text as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom("", " ", "\n\t "), (text, pad) => {
        const result = parseStrictJson(`${pad}${text}${pad}`);
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.value, JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses what JSON.parse refuses", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (!parses) assert.equal(parseStrictJson(text).ok, false, text);
      }),
      { numRuns: 500 },
    );
    for (const bad of [
      "",
      "{",
      '{"a":1,}',
      "[1,]",
      "01",
      "1.",
      "'a'",
      '"\t"',
      "NaN",
      "{} {}",
      "```json\n{}\n```",
      "1e999",
    ])
      assert.equal(parseStrictJson(bad).ok, false, bad);
  });

  it("refuses a key given twice, at any depth, and says where", () => {
    assert.deepEqual(parseStrictJson('{"score": 0, "score": 100}'), {
      ok: false,
      reason: 'duplicate key "score"',
      index: 13,
    });
    assert.equal(parseStrictJson('{"a": {"b": 1, "\\u0062": 2}}').ok, false);
    assert.equal(parseStrictJson('[{"a": 1}, {"a": 2}]').ok, true);
  });

  it("keeps __proto__ as a plain key and refuses absurd nesting", () => {
    const result = parseStrictJson('{"__proto__": {"polluted": true}}');
    assert.ok(result.ok);
    const value = result.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(
      parseStrictJson(`${"[".repeat(MAX_JSON_DEPTH + 2)}${"]".repeat(MAX_JSON_DEPTH + 2)}`).ok,
      false,
    );
  });
});
