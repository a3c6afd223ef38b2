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

  it("counts negative and absurd values as 0 and says what each was", () => {
    const { values, implausible } = readMetrics({ stars: 10 ** 12, forks: -5, ageMonths: 601 });
    assert.deepEqual(values, { stars: 0, forks: 0, ageMonths: 0 });
    assert.equal(implausible.stars, "stars 1,000,000,000,000 is implausible (above 1,000,000), counted as 0");
    assert.equal(implausible.forks, "forks -5 is implausible (below 0), counted as 0");
    assert.equal(implausible.ageMonths, "ageMonths 601 is implausible (above 600), counted as 0");
    assert.deepEqual(readMetrics({ stars: 1_000_000, ageMonths: 600 }).implausible, {});
  });

  it("counts a part above its believed whole as 0: more test files than files changed", () => {
    const { values, implausible } = readMetrics({ filesChanged: 3, testsTouched: 9, docsTouched: 1 });
    assert.deepEqual(values, { filesChanged: 3, testsTouched: 0, docsTouched: 1 });
    assert.equal(
      implausible.testsTouched,
      "testsTouched 9 is implausible (more than filesChanged 3), counted as 0",
    );
    // A whole that is itself not believed bounds nothing: the false claim is the whole, not the part.
    assert.deepEqual(readMetrics({ filesChanged: -1, testsTouched: 2 }).values, {
      filesChanged: 0,
      testsTouched: 2,
    });
  });

  it("counts more releases than about one a day of the project's age as 0", () => {
    assert.deepEqual(readMetrics({ releases: 62, ageMonths: 1 }).implausible, {});
    const { values, implausible } = readMetrics({ releases: 9000, ageMonths: 16 });
    assert.deepEqual(values, { releases: 0, ageMonths: 16 });
    assert.equal(
      implausible.releases,
      "releases 9,000 is implausible (more than one a day over 16 months), counted as 0",
    );
    assert.deepEqual(readMetrics({ releases: 1, ageMonths: 0 }).implausible, {});
  });
});
