import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatWeight, MissingTemplateValue, renderTemplate } from "./renderTemplate.ts";

describe("renderTemplate", () => {
  it("fills every placeholder in one pass, never expanding what it inserted", () => {
    assert.equal(renderTemplate("{{a}} and {{b}}", { a: "x", b: "{{a}}" }), "x and {{a}}");
    assert.equal(renderTemplate("{{a}}{{a}}", { a: "$& $1" }), "$& $1$& $1");
  });

  it("refuses a placeholder without a value, an inherited one included", () => {
    assert.throws(() => renderTemplate("{{missing}}", {}), MissingTemplateValue);
    assert.throws(() => renderTemplate("{{toString}}", {}), MissingTemplateValue);
  });
});

describe("formatWeight", () => {
  it("writes basis points as a percentage without trailing zeros", () => {
    assert.deepEqual([3500, 3333, 3330, 5, 10_000, 0].map(formatWeight), [
      "35%",
      "33.33%",
      "33.3%",
      "0.05%",
      "100%",
      "0%",
    ]);
  });
});
