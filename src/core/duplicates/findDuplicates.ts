// Finds contributions that copy an earlier one (someone else's or the contributor's own), so that work is paid once.
import { InvalidDuplicateItem, InvalidDuplicatesOptions } from "./duplicatesErrors.ts";
import { mix32, wordShingles } from "./wordShingles.ts";

/** What findDuplicates reads of a contribution. */
export interface DuplicateItem {
  /** Unique among the items (a contribution id). */
  id: string;
  /** Who submitted it: an address, or a source-qualified name; only reported, never used to match. */
  contributorKey: string;
  /** Unix seconds; the earliest of a group of copies is the original (ties: the smaller id). */
  createdAt: number;
  title: string;
  description: string;
}

/** A contribution that copies an earlier one. */
export interface Duplicate {
  id: string;
  /** The earliest contribution it copies, directly or through another copy; never itself a duplicate. */
  originalId: string;
  /**
   * Jaccard similarity, in basis points (0–10,000, rounded down), of its word shingles with the
   * earliest contribution it matched directly: the original itself, or (rarely) a copy of it.
   */
  similarityBps: number;
  /** Whether the original is the same contributor's (a resubmission) rather than someone else's. */
  sameContributor: boolean;
}

export interface FindDuplicatesOptions {
  /** Least Jaccard similarity of word shingles, in basis points, for a near-duplicate; 5,000 by default. */
  thresholdBps?: number;
  /** Words per shingle; 3 by default. */
  shingleWords?: number;
  /**
   * Fewest distinct shingles a text needs to be compared at all; 12 by default (about 14 words). Shorter
   * texts ("Fix typo in README") are too short to tell a copy from a coincidence and are never reported.
   */
  minShingles?: number;
}

/** Bins of the one-permutation MinHash sketch, and its LSH bands of ROWS bins each. */
const BINS = 128;
const BIN_BITS = 7;
const ROWS = 3;
const BANDS = 42;
/** Bands a pair must agree on to be compared. */
const MIN_AGREEING_BANDS = 2;
/** A band bucket of more texts than this is skipped: they share a phrase, and copies meet elsewhere. */
const MAX_BUCKET = 64;
/** In a bucket of many texts, each is compared with at most this many earlier ones of the bucket. */
const MAX_BUCKET_COMPARISONS = 48;
/** Items are packed with their band key into one double, which leaves 21 bits for the index. */
export const MAX_DUPLICATE_ITEMS = 2 ** 21;
const EMPTY = 0xffffffff;
/** Hashed attempts to find a donor for an empty bin before walking along the bins. */
const MAX_ATTEMPTS = 4096;
const SEED = 0x2545f491;

/**
 * For each contribution that copies an earlier one, the earliest contribution it copies.
 *
 * Each text (title and description) becomes the set of its word shingles (`shingleWords` consecutive
 * words after folding case, accents, look-alike letters and invisible characters). Candidates come from
 * a one-permutation MinHash sketch of 128 bins cut into 42 LSH bands of 3 bins (two texts agreeing on two
 * bands), so that the work grows with the number of contributions, not its square; every candidate pair
 * is then checked exactly: two texts are near-duplicates when the Jaccard similarity of their shingle
 * sets is at least `thresholdBps`. A pair at 50% similarity becomes a candidate with probability 97.4%,
 * at 60% 99.95%, at 70% with certainty in practice; a pair at 15% rarely does, and is rejected when it
 * does.
 *
 * Contributions are taken in order of (createdAt, id); each one that matches earlier ones is a
 * duplicate of the earliest original among them, whoever submitted it: a copy of someone else's work
 * and a resubmission of one's own are both duplicates (`sameContributor` tells them apart). Texts with
 * fewer than `minShingles` shingles are skipped. Pure and deterministic: the same items, in any order,
 * give the same result. Returned in order of (createdAt, id).
 * @throws InvalidDuplicateItem for an item with a missing or malformed field, or an id given twice
 * @throws InvalidDuplicatesOptions for an option out of range, or more than MAX_DUPLICATE_ITEMS items
 */
export function findDuplicates(
  items: readonly DuplicateItem[],
  options: FindDuplicatesOptions = {},
): Duplicate[] {
  const thresholdBps = options.thresholdBps ?? 5_000;
  const shingleWords = options.shingleWords ?? 3;
  const minShingles = options.minShingles ?? 12;
  if (!Number.isInteger(thresholdBps) || thresholdBps < 1 || thresholdBps > 10_000)
    throw new InvalidDuplicatesOptions(
      "thresholdBps",
      thresholdBps,
      "must be a whole number from 1 to 10,000",
    );
  if (!Number.isInteger(shingleWords) || shingleWords < 1 || shingleWords > 16)
    throw new InvalidDuplicatesOptions("shingleWords", shingleWords, "must be a whole number from 1 to 16");
  if (!Number.isInteger(minShingles) || minShingles < 1)
    throw new InvalidDuplicatesOptions("minShingles", minShingles, "must be a whole number of at least 1");
  if (items.length > MAX_DUPLICATE_ITEMS)
    throw new InvalidDuplicatesOptions("items", items.length, `must be at most ${MAX_DUPLICATE_ITEMS}`);
  checkItems(items);

  // Chronological order: an item's index is its rank, so "earlier" is "smaller index".
  const ordered = [...items].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const n = ordered.length;
  const shingles: (Uint32Array | undefined)[] = ordered.map((item) => {
    const set = wordShingles(shingleWords, item.title, item.description);
    return set.length >= minShingles ? set : undefined;
  });
  const sketches = shingles.map((set) => (set === undefined ? undefined : sketchOf(set)));
  const { originalOf, similarityOf } = resolveCandidates(
    n,
    candidatePairs(sketches),
    (i) => shingles[i],
    thresholdBps,
  );

  const duplicates: Duplicate[] = [];
  for (let j = 0; j < n; j += 1) {
    const root = originalOf[j] ?? -1;
    const item = ordered[j];
    const original = ordered[root];
    if (root < 0 || item === undefined || original === undefined) continue;
    duplicates.push({
      id: item.id,
      originalId: original.id,
      similarityBps: similarityOf[j] ?? 0,
      sameContributor: item.contributorKey === original.contributorKey,
    });
  }
  return duplicates;
}

/** Words per shingle and fewest shingles of a stored sketch: findDuplicates' defaults. */
export const SKETCH_SHINGLE_WORDS = 3;
export const SKETCH_MIN_SHINGLES = 12;
/** Band keys in a sketch. */
export const SKETCH_BANDS = BANDS;

/**
 * The duplicate sketch of a text (title and description), as findDuplicates computes it with its default
 * options: the LSH band keys of its MinHash, or undefined when the text is too short to compare. A
 * sketch is enough to find candidates (`duplicateCandidates`); deciding a candidate needs the two texts.
 */
export function duplicateSketch(title: string, description: string): Uint32Array | undefined {
  const set = wordShingles(SKETCH_SHINGLE_WORDS, title, description);
  return set.length >= SKETCH_MIN_SHINGLES ? sketchOf(set) : undefined;
}

/** A sketched item for duplicateCandidates and resolveDuplicates: its id and sketch, nothing else. */
export interface SketchedItem {
  id: string;
  /** duplicateSketch of its text; undefined for a text too short to compare. */
  sketch: Uint32Array | undefined;
}

/**
 * The pairs worth comparing among `ordered` (items in the order that decides originals: earliest
 * first), from their sketches alone: `[later, earlier]` positions, by later then earlier. Exactly the
 * candidates findDuplicates compares for the same items in the same order.
 * @throws InvalidDuplicatesOptions for more than MAX_DUPLICATE_ITEMS items or a sketch of the wrong size
 */
export function duplicateCandidates(ordered: readonly SketchedItem[]): [number, number][] {
  if (ordered.length > MAX_DUPLICATE_ITEMS)
    throw new InvalidDuplicatesOptions("items", ordered.length, `must be at most ${MAX_DUPLICATE_ITEMS}`);
  for (const item of ordered)
    if (item.sketch !== undefined && item.sketch.length !== BANDS)
      throw new InvalidDuplicatesOptions("sketch", item.sketch.length, `must hold ${BANDS} band keys`);
  const n = ordered.length;
  return Array.from(candidatePairs(ordered.map((item) => item.sketch)), (packed) => [
    Math.floor(packed / n),
    packed % n,
  ]);
}

/**
 * Decides the candidates of duplicateCandidates (the same `ordered` items) from the texts: `shingles`
 * holds wordShingles(SKETCH_SHINGLE_WORDS, title, description) of every item a candidate names. What
 * findDuplicates would report for these items in this order, without `sameContributor`, which the
 * caller knows.
 * @throws InvalidDuplicatesOptions when a candidate's shingles are missing
 */
export function resolveDuplicates(
  ordered: readonly SketchedItem[],
  candidates: readonly (readonly [number, number])[],
  shingles: ReadonlyMap<string, Uint32Array>,
  thresholdBps = 5_000,
): Omit<Duplicate, "sameContributor">[] {
  const n = ordered.length;
  const setOf = (i: number) => {
    const id = ordered[i]?.id ?? "";
    const set = shingles.get(id);
    if (set === undefined) throw new InvalidDuplicatesOptions("shingles", id, "must hold every candidate's");
    return set;
  };
  const packed = Float64Array.from(candidates, ([later, earlier]) => later * n + earlier).sort();
  const { originalOf, similarityOf } = resolveCandidates(n, packed, setOf, thresholdBps);
  const out: Omit<Duplicate, "sameContributor">[] = [];
  for (let j = 0; j < n; j += 1) {
    const root = originalOf[j] ?? -1;
    if (root < 0) continue;
    out.push({
      id: ordered[j]?.id ?? "",
      originalId: ordered[root]?.id ?? "",
      similarityBps: similarityOf[j] ?? 0,
    });
  }
  return out;
}

/** The LSH candidates among sketches (undefined: not compared), packed `later × n + earlier`, sorted. */
function candidatePairs(sketches: readonly (Uint32Array | undefined)[]): Float64Array {
  const n = sketches.length;
  const sketched: number[] = [];
  for (let i = 0; i < n; i += 1) if (sketches[i] !== undefined) sketched.push(i);
  // Pairs by how many bands they agree on.
  const candidates = new Map<number, number>();
  const packed = new Float64Array(sketched.length);
  for (let band = 0; band < BANDS; band += 1) {
    for (const [p, i] of sketched.entries()) packed[p] = (sketches[i]?.[band] ?? 0) * MAX_DUPLICATE_ITEMS + i;
    // Sorted by key, then by index: a run of equal keys is a bucket, in chronological order.
    packed.sort();
    let start = 0;
    let startKey = Math.floor((packed[0] ?? 0) / MAX_DUPLICATE_ITEMS);
    for (let p = 1; p <= packed.length; p += 1) {
      const key = p < packed.length ? Math.floor((packed[p] ?? 0) / MAX_DUPLICATE_ITEMS) : -1;
      if (key === startKey) continue;
      // Pair each text of the bucket with the earliest few before it. A bucket of many texts is a
      // phrase they share (boilerplate), not a copy: a copy agrees with its original on other bands too.
      for (let later = start + 1; later < p && p - start <= MAX_BUCKET; later += 1) {
        const j = (packed[later] ?? 0) % MAX_DUPLICATE_ITEMS;
        const last = Math.min(later, start + MAX_BUCKET_COMPARISONS);
        for (let earlier = start; earlier < last; earlier += 1) {
          const pair = j * n + ((packed[earlier] ?? 0) % MAX_DUPLICATE_ITEMS);
          candidates.set(pair, (candidates.get(pair) ?? 0) + 1);
        }
      }
      start = p;
      startKey = key;
    }
  }
  const agreed: number[] = [];
  for (const [pair, bands] of candidates) if (bands >= MIN_AGREEING_BANDS) agreed.push(pair);
  return Float64Array.from(agreed).sort();
}

/**
 * Checks packed candidates exactly, later item by later item, so that each earlier item's original is
 * known: for each item, the position of its original (−1 for none) and the similarity it matched at.
 */
function resolveCandidates(
  n: number,
  pairs: Float64Array,
  shinglesOf: (i: number) => Uint32Array | undefined,
  thresholdBps: number,
): { originalOf: Int32Array; similarityOf: Int32Array } {
  const originalOf = new Int32Array(n).fill(-1);
  const similarityOf = new Int32Array(n);
  for (let p = 0; p < pairs.length; ) {
    const j = Math.floor((pairs[p] ?? 0) / n);
    let bestRoot = -1;
    let bestBps = 0;
    for (; p < pairs.length && Math.floor((pairs[p] ?? 0) / n) === j; p += 1) {
      const i = (pairs[p] ?? 0) % n;
      const bps = similarityBps(shinglesOf(i), shinglesOf(j));
      if (bps < thresholdBps) continue;
      const root = (originalOf[i] ?? -1) >= 0 ? (originalOf[i] ?? i) : i;
      // Partners come in increasing i; the earliest root wins, and for it the closest partner.
      if (bestRoot < 0 || root < bestRoot || (root === bestRoot && bps > bestBps)) {
        bestRoot = root;
        bestBps = bps;
      }
    }
    if (bestRoot >= 0) {
      originalOf[j] = bestRoot;
      similarityOf[j] = bestBps;
    }
  }
  return { originalOf, similarityOf };
}

/** The band keys of a shingle set. */
function sketchOf(set: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  bandKeys(set, keys, 0);
  return keys;
}

/**
 * Writes the BANDS band keys of `set` into `keys` from `offset`. The sketch is a one-permutation
 * MinHash: each shingle hash, mixed again, falls into one of BINS bins by its low bits, and a bin keeps
 * the least of its high bits. An empty bin borrows the value of a non-empty bin chosen by hashing the
 * empty bin's index with an attempt number until one lands on a non-empty bin (Shrivastava's optimal
 * densification), so that two sets agree on a bin with probability their Jaccard similarity. (Borrowing
 * from the next bin along instead made short texts that share one common phrase agree on every band
 * just before it: a flood of candidates on a small vocabulary.) A band key is the hash of ROWS
 * consecutive bins.
 */
function bandKeys(set: Uint32Array, keys: Uint32Array, offset: number): void {
  const bins = new Uint32Array(BINS).fill(EMPTY);
  for (const shingle of set) {
    const h = mix32(shingle ^ SEED);
    const bin = h & (BINS - 1);
    const value = h >>> BIN_BITS;
    if (value < (bins[bin] ?? EMPTY)) bins[bin] = value;
  }
  const dense = new Uint32Array(BINS);
  for (let bin = 0; bin < BINS; bin += 1) {
    let value = bins[bin] ?? EMPTY;
    for (let attempt = 1; value === EMPTY; attempt += 1) {
      // The set is never empty (callers sketch only texts with shingles), so an attempt lands soon;
      // past MAX_ATTEMPTS (never seen) the next non-empty bin along is taken, still deterministic.
      const donor =
        attempt <= MAX_ATTEMPTS
          ? mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) & (BINS - 1)
          : (bin + attempt - MAX_ATTEMPTS) & (BINS - 1);
      value = bins[donor] ?? EMPTY;
    }
    dense[bin] = value;
  }
  for (let band = 0; band < BANDS; band += 1) {
    let key = band + 1;
    for (let r = 0; r < ROWS; r += 1) key = (Math.imul(key, 0x01000193) + (dense[band * ROWS + r] ?? 0)) | 0;
    keys[offset + band] = mix32(key);
  }
}

/** Jaccard similarity of two sorted sets of hashes, in basis points rounded down. */
function similarityBps(a: Uint32Array | undefined, b: Uint32Array | undefined): number {
  if (a === undefined || b === undefined) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      common += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  const union = a.length + b.length - common;
  return union === 0 ? 0 : Math.floor((common * 10_000) / union);
}

function checkItems(items: readonly DuplicateItem[]): void {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (typeof item !== "object" || item === null)
      throw new InvalidDuplicateItem(index, "itself", item, "is not an object");
    if (typeof item.id !== "string" || item.id === "")
      throw new InvalidDuplicateItem(index, "id", item.id, "must be a non-empty string");
    if (seen.has(item.id)) throw new InvalidDuplicateItem(index, "id", item.id, "is given twice");
    seen.add(item.id);
    if (typeof item.contributorKey !== "string")
      throw new InvalidDuplicateItem(index, "contributorKey", item.contributorKey, "must be a string");
    if (!Number.isFinite(item.createdAt))
      throw new InvalidDuplicateItem(index, "createdAt", item.createdAt, "must be a finite number");
    if (typeof item.title !== "string")
      throw new InvalidDuplicateItem(index, "title", item.title, "must be a string");
    if (typeof item.description !== "string")
      throw new InvalidDuplicateItem(index, "description", item.description, "must be a string");
  }
}
