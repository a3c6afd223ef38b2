import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { contentViolations, describeViolation, isHttpLink, textLength } from "./contentViolations.ts";

const ok = { kind: "code", title: "t", description: "", links: [], metrics: {} };

describe("contentViolations", () => {
  it("finds nothing in content within the limits", () => {
    assert.deepEqual(contentViolations(ok, { requireTitle: true }), []);
  });

  it("lists every violation in field order, each described in words", () => {
    const found = contentViolations(
      {
        kind: "art",
        title: "",
        description: "",
        links: ["mailto:a@example.org"],
        metrics: { a: 0.5 },
      },
      { requireTitle: true },
    );
    assert.deepEqual(
      found.map((v) => v.code),
      ["unknown-kind", "title-empty", "link-not-http", "metric-not-integer"],
    );
    const link = found[2];
    assert.ok(link);
    assert.equal(describeViolation(link), 'links[0] "mailto:a@example.org" is not an http(s) URL');
  });

  it("counts code points, not UTF-16 units", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        assert.equal(textLength(s), Array.from(s).length);
      }),
    );
    assert.equal(textLength("🦀é"), 2);
  });

  it("accepts only absolute http(s) links", () => {
    assert.ok(isHttpLink("https://example.org/a?b#c"));
    assert.ok(isHttpLink("HTTP://EXAMPLE.ORG"));
    for (const bad of ["", "/relative", "example.org", "data:text/html,x", "file:///etc/passwd"]) {
      assert.equal(isHttpLink(bad), false, bad);
    }
  });
});
