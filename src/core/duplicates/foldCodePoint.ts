// Folds one character to the lower-case Latin text it passes for, so that disguised words compare equal.

/** Characters that render as nothing: zero-width, bidirectional controls, variation selectors. */
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/non-joiner/joiner, LRM, RLM
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x2066 && cp <= 0x2069) || // bidi isolates
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Unicode tag characters U+E0000–U+E007F spell ASCII invisibly; they are read as that ASCII. */
function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

/** Cyrillic, Greek and other letters that look like Latin ones, by the Latin letter they pass for. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  А: "a",
  в: "b",
  В: "b",
  Ь: "b",
  с: "c",
  С: "c",
  ԁ: "d",
  е: "e",
  Е: "e",
  ё: "e",
  Ё: "e",
  һ: "h",
  Н: "h",
  н: "h",
  і: "i",
  І: "i",
  ї: "i",
  Ї: "i",
  ӏ: "l",
  Ӏ: "l",
  ј: "j",
  Ј: "j",
  к: "k",
  К: "k",
  м: "m",
  М: "m",
  п: "n",
  о: "o",
  О: "o",
  р: "p",
  Р: "p",
  ԛ: "q",
  г: "r",
  ѕ: "s",
  Ѕ: "s",
  т: "t",
  Т: "t",
  и: "u",
  ѵ: "v",
  ԝ: "w",
  Ԝ: "w",
  х: "x",
  Х: "x",
  у: "y",
  У: "y",
  ү: "y",
  // Greek
  α: "a",
  Α: "a",
  β: "b",
  Β: "b",
  ϲ: "c",
  Ϲ: "c",
  ε: "e",
  Ε: "e",
  Η: "h",
  η: "n",
  ι: "i",
  Ι: "i",
  ϳ: "j",
  κ: "k",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  ν: "v",
  ο: "o",
  Ο: "o",
  ρ: "p",
  Ρ: "p",
  τ: "t",
  Τ: "t",
  υ: "u",
  Υ: "y",
  χ: "x",
  Χ: "x",
  Ζ: "z",
  // Latin look-alikes NFKD leaves alone
  ı: "i",
  ɑ: "a",
  ɡ: "g",
  ɩ: "i",
  ʏ: "y",
  ɪ: "i",
  ᴀ: "a",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ʀ: "r",
  ꜱ: "s",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ᴢ: "z",
};

const COMBINING_MARK = /\p{M}/gu;
const foldCache = new Map<number, string>();

/** A character a reader never sees: zero-width, bidirectional control, variation selector or tag. */
export function isHiddenCodePoint(cp: number): boolean {
  return isInvisible(cp) || isTag(cp);
}

/**
 * The lower-case Latin text the code point `cp` passes for: ASCII lower-cased; a Unicode tag character
 * as the ASCII it encodes; an invisible character as ""; a Cyrillic, Greek or small-capital look-alike
 * as its Latin letter; anything else by compatibility decomposition (NFKD) without combining marks, so
 * fullwidth, mathematical, circled and accented letters fold to plain ones, and unusual spaces to " ".
 * Pure; the result may be empty or longer than one character.
 */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  if (isTag(cp)) return cp >= 0xe0020 && cp <= 0xe007e ? foldCodePoint(cp - 0xe0000) : "";
  if (isInvisible(cp)) return "";
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const char = String.fromCodePoint(cp);
  let out = CONFUSABLES[char];
  if (out === undefined) {
    const decomposed = char.normalize("NFKD").toLowerCase().normalize("NFKD").replace(COMBINING_MARK, "");
    out = "";
    for (const part of decomposed) out += CONFUSABLES[part] ?? part;
    if (out !== "\n" && /^\s+$/u.test(out)) out = " ";
  }
  if (foldCache.size < 10_000) foldCache.set(cp, out);
  return out;
}
