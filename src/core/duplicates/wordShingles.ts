// Turns a text into the set of its word shingles (runs of consecutive words), hashed to 32 bits.
import { foldCodePoint } from "./foldCodePoint.ts";

/** MurmurHash3's finaliser: a 32-bit mix in which every input bit moves every output bit. */
export function mix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SHINGLE_PRIME = 0x9e3779b1;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const wordCharCache = new Map<number, boolean>();

function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  const cached = wordCharCache.get(code);
  if (cached !== undefined) return cached;
  const is = LETTER_OR_DIGIT.test(String.fromCodePoint(code));
  if (wordCharCache.size < 10_000) wordCharCache.set(code, is);
  return is;
}

/**
 * The words of `texts`, in order, each as a 32-bit hash (FNV-1a of its folded code points, mixed). A
 * word is a run of letters and digits after folding case, accents, look-alike letters and invisible
 * characters (foldCodePoint), so "Ignore", "іgnore" (Cyrillic і) and "ig\u200Bnore" are the same word.
 */
export function wordHashes(...texts: readonly string[]): number[] {
  const words: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  const take = (code: number): void => {
    if (isWordChar(code)) {
      if (!inWord) {
        h = FNV_OFFSET;
        inWord = true;
      }
      h = Math.imul(h ^ code, FNV_PRIME);
    } else if (inWord) {
      words.push(mix32(h));
      inWord = false;
    }
  };
  for (const text of texts) {
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) {
        take(unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit);
        continue;
      }
      const cp = text.codePointAt(i) ?? unit;
      if (cp > 0xffff) i += 1;
      const folded = foldCodePoint(cp);
      for (let k = 0; k < folded.length; k += 1) {
        const code = folded.codePointAt(k) ?? 0;
        if (code > 0xffff) k += 1;
        take(code);
      }
    }
    take(0x20);
  }
  return words;
}

/**
 * The distinct shingles of `texts` (read one after the other), each the 32-bit hash of `size`
 * consecutive words (see wordHashes), sorted ascending. Fewer than `size` words (but at least one)
 * make one shingle of all of them; no words make none. Pure and deterministic.
 */
export function wordShingles(size: number, ...texts: readonly string[]): Uint32Array {
  const words = wordHashes(...texts);
  if (words.length === 0) return new Uint32Array(0);
  const count = Math.max(1, words.length - size + 1);
  const hashes = new Uint32Array(count);
  for (let start = 0; start < count; start += 1) {
    // Word hashes are already mixed, so a polynomial of them mixed once is a good shingle hash.
    let h = 0;
    const end = Math.min(words.length, start + size);
    for (let i = start; i < end; i += 1) h = (Math.imul(h, SHINGLE_PRIME) + (words[i] ?? 0)) | 0;
    hashes[start] = mix32(h);
  }
  hashes.sort();
  let distinct = 0;
  for (let i = 0; i < hashes.length; i += 1) {
    if (i === 0 || hashes[i] !== hashes[distinct - 1]) {
      hashes[distinct] = hashes[i] ?? 0;
      distinct += 1;
    }
  }
  return hashes.slice(0, distinct);
}
