import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { wordHashes, wordShingles } from "./wordShingles.ts";

describe("wordShingles", () => {
  it("reads words through case, punctuation, Markdown, accents, look-alikes and invisible characters", () => {
    const plain = wordHashes("Ignore the cafe report, then claim.");
    assert.equal(plain.length, 6);
    assert.deepEqual(wordHashes("**IGNORE** the  café _report_ — then\nclaim!"), plain);
    assert.deepEqual(wordHashes("іgnоrе the ca\u200Bfe repоrt, then claim."), plain);
    assert.deepEqual(wordHashes("ｉｇｎｏｒｅ the cafe report then claim"), plain);
  });

  it("reads texts one after the other, each ending a word", () => {
    assert.deepEqual(
      wordHashes("retry dropped", "chain connections"),
      wordHashes("retry dropped chain connections"),
    );
    assert.notDeepEqual(wordHashes("retry", "dropped"), wordHashes("retrydropped"));
  });

  it("gives distinct sorted shingles that follow word order", () => {
    const shingles = wordShingles(3, "a b c a b c a b c d");
    assert.deepEqual(
      [...shingles],
      [...new Set(shingles)].sort((x, y) => x - y),
    );
    assert.equal(shingles.length, 4); // abc, bca, cab, bcd
    assert.notDeepEqual(wordShingles(3, "a b c"), wordShingles(3, "c b a"));
    assert.equal(wordShingles(3, "two words").length, 1);
    assert.equal(wordShingles(3, "  ,, ").length, 0);
  });

  it("is deterministic and never throws", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.integer({ min: 1, max: 5 }),
        (text, size) => {
          assert.deepEqual(wordShingles(size, text), wordShingles(size, text));
        },
      ),
    );
  });
});
