import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ADVERSARIAL_FIXTURES, CLEAN_BASES } from "../../assess/adversarial/adversarialFixtures.ts";
import { duplicateItemOf } from "./duplicateItemOf.ts";
import { InvalidDuplicatesOptions } from "./duplicatesErrors.ts";
import {
  type DuplicateItem,
  duplicateCandidates,
  duplicateSketch,
  findDuplicates,
  resolveDuplicates,
  SKETCH_BANDS,
  SKETCH_SHINGLE_WORDS,
  type SketchedItem,
} from "./findDuplicates.ts";
import { sketchFromBytes, sketchToBytes } from "./sketchBytes.ts";
import { wordShingles } from "./wordShingles.ts";

const items: DuplicateItem[] = [
  ...Object.values(CLEAN_BASES),
  ...ADVERSARIAL_FIXTURES.filter((f) => f.category === "duplicate").map((f) => f.adversarial),
].map(duplicateItemOf);

/** findDuplicates' answer found the way the node does: sketches (as stored) first, texts of candidates only. */
function bySketches(all: readonly DuplicateItem[]) {
  const ordered = [...all].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const sketched: SketchedItem[] = ordered.map((item) => ({
    id: item.id,
    sketch: sketchFromBytes(sketchToBytes(duplicateSketch(item.title, item.description))),
  }));
  const candidates = duplicateCandidates(sketched);
  const named = new Set(candidates.flat().map((i) => ordered[i]?.id));
  const shingles = new Map(
    ordered
      .filter((item) => named.has(item.id))
      .map((item) => [item.id, wordShingles(SKETCH_SHINGLE_WORDS, item.title, item.description)]),
  );
  return { found: resolveDuplicates(sketched, candidates, shingles), read: shingles.size };
}

describe("duplicates from stored sketches", () => {
  it("find what findDuplicates finds, reading only the candidates' texts", () => {
    const expected = findDuplicates(items).map(({ sameContributor: _, ...d }) => d);
    assert.ok(expected.length >= 4, "the adversarial suite has copies to find");
    const { found, read } = bySketches(items);
    assert.deepEqual(found, expected);
    assert.ok(read < items.length, `read ${read} of ${items.length} texts`);
  });

  it("round-trip through bytes, and a short text has an empty sketch", () => {
    const sketch = duplicateSketch(items[0]?.title ?? "", items[0]?.description ?? "");
    assert.equal(sketch?.length, SKETCH_BANDS);
    assert.equal(sketchToBytes(sketch).length, SKETCH_BANDS * 4);
    assert.deepEqual(sketchFromBytes(sketchToBytes(sketch)), sketch);
    assert.equal(duplicateSketch("Fix typo", "in the README"), undefined);
    assert.equal(sketchToBytes(undefined).length, 0);
    assert.equal(sketchFromBytes(new Uint8Array(0)), undefined);
    assert.throws(() => sketchFromBytes(new Uint8Array(5)), InvalidDuplicatesOptions);
  });

  it("refuse a malformed sketch and a candidate without its text", () => {
    assert.throws(
      () => duplicateCandidates([{ id: "a", sketch: new Uint32Array(3) }]),
      InvalidDuplicatesOptions,
    );
    const sketched = items.map((item) => ({
      id: item.id,
      sketch: duplicateSketch(item.title, item.description),
    }));
    const candidates = duplicateCandidates(sketched);
    assert.ok(candidates.length > 0);
    assert.throws(() => resolveDuplicates(sketched, candidates, new Map()), InvalidDuplicatesOptions);
  });
});
