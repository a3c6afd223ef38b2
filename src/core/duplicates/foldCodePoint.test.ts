import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { foldCodePoint, isHiddenCodePoint } from "./foldCodePoint.ts";

const fold = (text: string): string => [...text].map((c) => foldCodePoint(c.codePointAt(0) ?? 0)).join("");

describe("foldCodePoint", () => {
  it("folds disguised letters to the plain lower-case Latin they pass for", () => {
    assert.equal(fold("Ignore"), "ignore");
    assert.equal(fold("іgnоrе"), "ignore"); // Cyrillic і, о, е
    assert.equal(fold("ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ"), "abehikmnoptxyz"); // Greek capitals
    assert.equal(fold("ｉｇｎｏｒｅ"), "ignore"); // fullwidth
    assert.equal(fold("𝐢𝐠𝐧𝐨𝐫𝐞"), "ignore"); // mathematical bold
    assert.equal(fold("ignóre café"), "ignore cafe");
    assert.equal(fold("ﬁle"), "file");
    assert.equal(fold("a\u00A0b\u2003c"), "a b c");
  });

  it("drops invisible characters and reads tag characters as the ASCII they encode", () => {
    assert.equal(fold("ig\u200Bno\u200Dre\uFEFF\u202E"), "ignore");
    assert.equal(fold(String.fromCodePoint(0xe0049, 0xe0067)), "ig");
    assert.ok(isHiddenCodePoint(0x200b) && isHiddenCodePoint(0xe0041) && !isHiddenCodePoint(0x61));
  });

  it("leaves other scripts alone and is pure", () => {
    assert.equal(fold("東京 ١٢٣"), "東京 ١٢٣".normalize("NFKD"));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x10ffff }), (cp) => {
        assert.equal(foldCodePoint(cp), foldCodePoint(cp));
      }),
    );
  });
});
