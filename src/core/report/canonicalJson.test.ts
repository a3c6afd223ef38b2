import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson, emitCanonicalJson, NotCanonicalizable } from "./canonicalJson.ts";

describe("canonicalJson", () => {
  it("does not depend on key order, and round-trips through JSON.parse", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((k) => k !== "__proto__"),
          fc.oneof(fc.integer(), fc.string(), fc.boolean()),
        ),
        (record) => {
          const reversed = Object.fromEntries(Object.entries(record).reverse());
          assert.equal(canonicalJson(record), canonicalJson(reversed));
          assert.deepEqual(JSON.parse(canonicalJson(record)), { ...record });
        },
      ),
    );
  });

  it("writes bigints as decimal strings and sorts keys", () => {
    assert.equal(
      canonicalJson({ b: 10n ** 30n, a: [1, null] }),
      '{"a":[1,null],"b":"1000000000000000000000000000000"}',
    );
  });

  it("refuses values with no canonical form", () => {
    assert.throws(() => canonicalJson({ x: 1.5 }), NotCanonicalizable);
    assert.throws(() => canonicalJson({ f: () => 1 }), NotCanonicalizable);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    assert.throws(() => canonicalJson(cycle), NotCanonicalizable);
  });

  it("names where the offending value sits", () => {
    assert.throws(() => canonicalJson({ a: [1, { b: 0.5 }] }), /\$\.a\[1\]\.b is not a safe integer/);
  });

  it("emits, in pieces at any depth, exactly the canonical JSON", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.integer(),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.bigInt(),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(
          fc.string().filter((k) => k !== "__proto__"),
          tie("value"),
          { maxKeys: 4 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(4), (value, depth) => {
        const pieces: string[] = [];
        emitCanonicalJson(value, (piece) => pieces.push(piece), depth);
        assert.equal(pieces.join(""), canonicalJson(value));
      }),
    );
  });
});
