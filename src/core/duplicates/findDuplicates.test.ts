import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { ADVERSARIAL_FIXTURES, CLEAN_BASES } from "../../assess/adversarial/adversarialFixtures.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "../../ingest/round/filRetroPgf3Mapping.ts";
import { importRound } from "../../ingest/round/importRound.ts";
import { duplicateItemOf } from "./duplicateItemOf.ts";
import { InvalidDuplicateItem, InvalidDuplicatesOptions } from "./duplicatesErrors.ts";
import {
  type DuplicateItem,
  duplicateCandidates,
  duplicateSketch,
  findDuplicates,
} from "./findDuplicates.ts";

const APPLICATIONS = new URL("../../../../shared/data/grant-round/applications.jsonl", import.meta.url);
const DAY = 86_400;

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` texts of 80–250 words from a 20,000-word vocabulary with a Zipf-like head, and copies of 1%. */
function synthetic(count: number, seed: number): { items: DuplicateItem[]; planted: Map<string, string> } {
  const next = random(seed);
  const syllables = ["ka", "to", "ri", "mu", "sen", "lo", "va", "pi", "dor", "ex", "qua", "ne"];
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
    let word = "";
    let x = i + 1;
    do {
      word += syllables[x % syllables.length];
      x = Math.floor(x / syllables.length);
    } while (x > 0);
    return word;
  });
  const word = () => vocabulary[Math.floor(vocabulary.length * next() ** 3)] ?? "";
  const text = (words: number) => Array.from({ length: words }, word).join(" ");
  const copies = Math.floor(count / 100);
  const items: DuplicateItem[] = [];
  for (let i = 0; i < count - copies; i += 1)
    items.push({
      id: `c${i}`,
      contributorKey: `k${i % 5000}`,
      createdAt: 1_700_000_000 + i,
      title: text(6),
      description: text(80 + Math.floor(next() * 170)),
    });
  const planted = new Map<string, string>();
  for (let p = 0; p < copies; p += 1) {
    const source = items[Math.floor(next() * (count - copies))];
    if (source === undefined) continue;
    // A light edit: a new title and about one word in twenty-five replaced.
    const words = source.description.split(" ").map((w) => (next() < 0.04 ? word() : w));
    planted.set(`d${p}`, source.id);
    items.push({
      id: `d${p}`,
      contributorKey: "mallory",
      createdAt: source.createdAt + 1_000_000 + p,
      title: text(6),
      description: words.join(" "),
    });
  }
  return { items, planted };
}

const bases = Object.values(CLEAN_BASES);
const nearDuplicates = ADVERSARIAL_FIXTURES.filter((f) => f.category === "duplicate");

describe("findDuplicates", () => {
  it("finds every near-duplicate of the adversarial suite, and matches no clean contribution", () => {
    const items = [...bases, ...nearDuplicates.map((f) => f.adversarial)].map(duplicateItemOf);
    const found = findDuplicates(items);
    assert.deepEqual(
      found.map((d) => d.id).sort(),
      nearDuplicates.map((f) => f.adversarial.id).sort(),
      "exactly the copies are duplicates",
    );
    for (const fixture of nearDuplicates) {
      const duplicate = found.find((d) => d.id === fixture.adversarial.id);
      assert.equal(duplicate?.originalId, fixture.clean.id, fixture.name);
      assert.ok((duplicate?.similarityBps ?? 0) >= 5_000, fixture.name);
      assert.equal(duplicate?.sameContributor, fixture.name === "duplicate-same-contributor", fixture.name);
    }
  });

  it("does not mistake the other adversarial twins of different works for copies of each other", () => {
    // One twin per base at most, so that only distinct works are compared.
    const seen = new Set<string>();
    const twins = ADVERSARIAL_FIXTURES.filter((f) => f.category !== "duplicate").flatMap((f) => {
      if (seen.has(f.clean.title)) return [];
      seen.add(f.clean.title);
      return [f.adversarial];
    });
    assert.deepEqual(findDuplicates(twins.map(duplicateItemOf)), []);
  });

  it("finds no duplicates among the 120 real applications of Filecoin RetroPGF round 3, and finds copies of them", async (t) => {
    if (!existsSync(APPLICATIONS)) return t.skip("no ../shared/data");
    const { contributions } = await importRound(fileURLToPath(APPLICATIONS), FIL_RETRO_PGF_3_MAPPING, {
      epochId: 3,
    });
    assert.equal(contributions.length, 120);
    const real = contributions.map(duplicateItemOf);
    assert.deepEqual(findDuplicates(real), []);

    // Ten applications copied a week later by someone else, with a new title and one word in twenty changed.
    const copies = real
      .filter((_, i) => i % 12 === 0)
      .map((item) => ({
        ...item,
        id: `copy-of-${item.id}`,
        contributorKey: "unmapped:round:mallory",
        createdAt: item.createdAt + 7 * DAY,
        title: `${item.title} (community edition)`,
        description: item.description
          .split(" ")
          .map((word, i) => (i % 20 === 19 ? "indeed" : word))
          .join(" "),
      }));
    const found = findDuplicates([...real, ...copies]);
    assert.deepEqual(
      found.map((d) => [d.id, d.originalId]).sort(),
      copies.map((c) => [c.id, c.id.replace("copy-of-", "")]).sort(),
    );
  });

  it("gives the same answer whatever the order of the items", () => {
    const items = [...bases, ...nearDuplicates.map((f) => f.adversarial)].map(duplicateItemOf);
    const expected = findDuplicates(items);
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length }), (shuffled) => {
        assert.deepEqual(findDuplicates(shuffled), expected);
      }),
      { numRuns: 30 },
    );
  });

  it("calls the earliest the original, ties broken by the smaller id, and resolves copies of copies", () => {
    const text = CLEAN_BASES.jurorStudy.description;
    const item = (id: string, createdAt: number, description = text): DuplicateItem => ({
      id,
      contributorKey: id,
      createdAt,
      title: "Juror agreement",
      description,
    });
    assert.deepEqual(
      findDuplicates([item("b", 100), item("a", 100), item("c", 50)]).map((d) => [d.id, d.originalId]),
      [
        ["a", "c"],
        ["b", "c"],
      ],
    );
    assert.deepEqual(
      findDuplicates([item("b", 100), item("a", 100)]).map((d) => [d.id, d.originalId]),
      [["b", "a"]],
    );
    // c copies b, which copies a; c shares too little with a to match it directly.
    const sentence = (k: number) => Array.from({ length: 10 }, (_, w) => `s${k}w${w}`).join(" ");
    const sentences = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `${sentence(from + i)}.`).join(" ");
    const chain = findDuplicates(
      [item("a", 1, sentences(0, 6)), item("b", 2, sentences(2, 8)), item("c", 3, sentences(4, 10))],
      { thresholdBps: 4_000 },
    );
    assert.deepEqual(
      chain.map((d) => [d.id, d.originalId]),
      [
        ["b", "a"],
        ["c", "a"],
      ],
    );
    assert.ok((chain[1]?.similarityBps ?? 0) >= 4_000, "c's similarity is to b, the copy it matched");
  });

  it("skips texts too short to tell a copy from a coincidence", () => {
    const short = (id: string, contributorKey: string): DuplicateItem => ({
      id,
      contributorKey,
      createdAt: 1,
      title: "Fix typo in README",
      description: "",
    });
    assert.deepEqual(findDuplicates([short("a", "ada"), short("b", "bea")]), []);
    assert.equal(findDuplicates([short("a", "ada"), short("b", "bea")], { minShingles: 1 }).length, 1);
  });

  it("refuses malformed items and options, naming the value", () => {
    const good = duplicateItemOf(CLEAN_BASES.retries);
    assert.throws(
      () => findDuplicates([good, { ...good }]),
      (e: unknown) => e instanceof InvalidDuplicateItem && e.details.field === "id" && e.details.index === 1,
    );
    assert.throws(
      () => findDuplicates([{ ...good, createdAt: Number.NaN }]),
      (e: unknown) => e instanceof InvalidDuplicateItem && e.details.field === "createdAt",
    );
    assert.throws(
      () => findDuplicates([{ ...good, description: undefined as unknown as string }]),
      InvalidDuplicateItem,
    );
    assert.throws(
      () => findDuplicates([good], { thresholdBps: 0 }),
      (e: unknown) => e instanceof InvalidDuplicatesOptions && e.details.value === 0,
    );
    assert.throws(() => findDuplicates([good], { shingleWords: 1.5 }), InvalidDuplicatesOptions);
    assert.throws(() => findDuplicates([good], { minShingles: 0 }), InvalidDuplicatesOptions);
  });

  it("scales: 100,000 contributions, every planted copy found, nothing else, few pairs compared", (t) => {
    const { items, planted } = synthetic(100_000, 7);
    const started = performance.now();
    const found = findDuplicates(items);
    t.diagnostic(
      `findDuplicates over ${items.length} contributions: ${Math.round(performance.now() - started)} ms`,
    );
    assert.equal(found.length, planted.size);
    for (const duplicate of found) assert.equal(duplicate.originalId, planted.get(duplicate.id));
    // Not quadratic: the pairs compared exactly are about the copies, not the square of the items.
    const ordered = [...items].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const candidates = duplicateCandidates(
      ordered.map((item) => ({ id: item.id, sketch: duplicateSketch(item.title, item.description) })),
    );
    t.diagnostic(`pairs compared: ${candidates.length}`);
    assert.ok(candidates.length < 10 * planted.size, `${candidates.length} pairs for ${planted.size} copies`);
  });
});
