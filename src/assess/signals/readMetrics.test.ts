import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readMetrics } from "./readMetrics.ts";

describe("readMetrics", () => {
  it("keeps plausible known metrics, leaves absent ones absent, and ignores unknown names", () => {
    assert.deepEqual(readMetrics({ stars: 12, releases: 0, packageCount: 3 }), {
      values: { stars: 12, releases: 0 },
      implausible: {},
    });
  });

  it("caps negative and absurd values and says what each was counted as", () => {
    const { values, implausible } = readMetrics({ stars: 10 ** 12, forks: -5, ageMonths: 601 });
    assert.deepEqual(values, { stars: 1_000_000, forks: 0, ageMonths: 600 });
    assert.equal(
      implausible.stars,
      "stars 1,000,000,000,000 is implausible (above 1,000,000), counted as 1,000,000",
    );
    assert.equal(implausible.forks, "forks -5 is implausible (below 0), counted as 0");
    assert.equal(implausible.ageMonths, "ageMonths 601 is implausible (above 600), counted as 600");
  });

  it("caps a part above its whole: more test files than files changed", () => {
    const { values, implausible } = readMetrics({ filesChanged: 3, testsTouched: 9, docsTouched: 1 });
    assert.deepEqual(values, { filesChanged: 3, testsTouched: 3, docsTouched: 1 });
    assert.equal(
      implausible.testsTouched,
      "testsTouched 9 is implausible (more than filesChanged 3), counted as 3",
    );
  });
});
