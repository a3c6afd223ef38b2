import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Contribution,
  contributionId,
  MAX_DESCRIPTION_LENGTH,
} from "../core/contribution/contribution.ts";
import { ContributionIdMismatch, checkContribution, InvalidContribution } from "./checkContribution.ts";
import { arbitraryContribution, contributionOf } from "./testing/contributionOf.ts";

/** The contribution with `field` replaced by `value` (or removed when `value` is undefined), id recomputed. */
function withField(field: string, value: unknown): Contribution {
  const { id: _id, source, ...content } = contributionOf();
  const changed: Record<string, unknown> = { ...content, [field]: value };
  if (value === undefined) delete changed[field];
  let id: string;
  try {
    id = contributionId(changed as never);
  } catch {
    id = `0x${"11".repeat(32)}`;
  }
  return { ...changed, id, source } as Contribution;
}

describe("checkContribution", () => {
  it("returns exactly the content its id covers, for any valid contribution", () => {
    fc.assert(
      fc.property(arbitraryContribution, (contribution) => {
        const content = checkContribution(contribution);
        assert.equal(contributionId(content), contribution.id);
        assert.deepEqual(Object.keys(content).sort(), [
          "contributor",
          "createdAt",
          "description",
          "epochId",
          "kind",
          "links",
          "metrics",
          "title",
        ]);
      }),
    );
  });

  it("names the missing or malformed field", () => {
    const cases: [string, unknown][] = [
      ["kind", undefined],
      ["kind", "poetry"],
      ["title", undefined],
      ["title", "   "],
      ["description", undefined],
      ["description", "x".repeat(MAX_DESCRIPTION_LENGTH + 1)],
      ["links", undefined],
      ["links", ["https://a.org", 3]],
      ["metrics", undefined],
      ["metrics", { stars: 1.5 }],
      ["metrics", { stars: "12" }],
      ["contributor", undefined],
      ["contributor", { kind: "address", address: "0x12" }],
      ["epochId", -1],
      ["createdAt", undefined],
    ];
    for (const [field, value] of cases) {
      assert.throws(
        () => checkContribution(withField(field, value)),
        (error: unknown) =>
          error instanceof InvalidContribution && String(error.details.field).startsWith(field),
        `${field} = ${JSON.stringify(value)?.slice(0, 40)}`,
      );
    }
    const { source: _source, ...unsourced } = contributionOf();
    assert.throws(() => checkContribution(unsourced as Contribution), /contribution source/);
    assert.throws(() => checkContribution(null as never), InvalidContribution);
  });

  it("refuses an id that is not the hash of the content", () => {
    const contribution = contributionOf();
    assert.throws(
      () => checkContribution({ ...contribution, metrics: { stars: 1 } }),
      ContributionIdMismatch,
    );
    assert.throws(() => checkContribution({ ...contribution, id: "0x1234" }), InvalidContribution);
  });
});
