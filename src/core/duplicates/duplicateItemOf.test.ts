import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contributionOf } from "../../assess/testing/contributionOf.ts";
import { duplicateItemOf } from "./duplicateItemOf.ts";

describe("duplicateItemOf", () => {
  it("keys a contributor by lower-case address, or by source and name when unmapped", () => {
    const known = contributionOf({
      contributor: { kind: "address", address: "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01" },
    });
    assert.deepEqual(duplicateItemOf(known), {
      id: known.id,
      contributorKey: "address:0xabcdef0123456789abcdef0123456789abcdef01",
      createdAt: known.createdAt,
      title: known.title,
      description: known.description,
    });
    const unmapped = contributionOf({ contributor: { kind: "unmapped", source: "git", name: "ada@x.org" } });
    assert.equal(duplicateItemOf(unmapped).contributorKey, "unmapped:git:ada@x.org");
  });
});
