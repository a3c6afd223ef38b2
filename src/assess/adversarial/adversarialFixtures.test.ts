import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkContribution } from "../checkContribution.ts";
import { scanForInjection } from "../injection/scanForInjection.ts";
import { ADVERSARIAL_CATEGORIES, ADVERSARIAL_FIXTURES } from "./adversarialFixtures.ts";

const textOf = (c: { title: string; description: string }) => `${c.title}\n${c.description}`;

describe("ADVERSARIAL_FIXTURES", () => {
  it("has at least 40 fixtures with unique names, and every category", () => {
    assert.ok(ADVERSARIAL_FIXTURES.length >= 40, `${ADVERSARIAL_FIXTURES.length}`);
    assert.equal(new Set(ADVERSARIAL_FIXTURES.map((f) => f.name)).size, ADVERSARIAL_FIXTURES.length);
    for (const category of ADVERSARIAL_CATEGORIES) {
      const count = ADVERSARIAL_FIXTURES.filter((f) => f.category === category).length;
      assert.ok(count >= 5, `${category}: ${count}`);
    }
  });

  it("holds valid contributions whose twins differ", () => {
    for (const { name, clean, adversarial } of ADVERSARIAL_FIXTURES) {
      checkContribution(clean);
      checkContribution(adversarial);
      assert.notEqual(clean.id, adversarial.id, name);
    }
  });

  it("hides an instruction the scanner finds in every injection twin, and none in the clean twins", () => {
    for (const { name, category, clean, adversarial } of ADVERSARIAL_FIXTURES) {
      assert.deepEqual(scanForInjection(textOf(clean)).findings, [], `${name} (clean)`);
      if (category.startsWith("injection-"))
        assert.ok(scanForInjection(textOf(adversarial)).findings.length > 0, name);
      else assert.deepEqual(scanForInjection(textOf(adversarial)).findings, [], name);
    }
  });

  it("makes every near-duplicate a later copy, by someone else except for the one resubmission", () => {
    for (const { name, category, clean, adversarial } of ADVERSARIAL_FIXTURES) {
      if (category !== "duplicate") continue;
      assert.ok(adversarial.createdAt > clean.createdAt, name);
      const same = JSON.stringify(adversarial.contributor) === JSON.stringify(clean.contributor);
      assert.equal(same, name === "duplicate-same-contributor", name);
    }
  });
});
