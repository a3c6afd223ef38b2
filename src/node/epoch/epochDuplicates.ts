// The near-duplicates of an epoch: its contributions that copy an earlier one, of this epoch or an
// earlier, found from the sketches stored with each contribution; only candidates' texts are read.
import type { Hex } from "viem";
import { contributorKeyOf } from "../../core/duplicates/duplicateItemOf.ts";
import {
  duplicateCandidates,
  duplicateSketch,
  resolveDuplicates,
  SKETCH_SHINGLE_WORDS,
  type SketchedItem,
} from "../../core/duplicates/findDuplicates.ts";
import { sketchFromBytes } from "../../core/duplicates/sketchBytes.ts";
import { wordShingles } from "../../core/duplicates/wordShingles.ts";
import type { Store } from "../../store/store.ts";

/** Contributions whose texts are read at a time. */
const READ_BATCH = 2_000;

/** A contribution of the epoch that copies an earlier one: it is assessed and shown, and not paid. */
export interface EpochDuplicate {
  contributionId: Hex;
  /** The earliest contribution it copies (directly or through a copy): of this epoch or an earlier one. */
  originalId: Hex;
  /** The epoch the original belongs to. */
  originalEpochId: number;
  /** Jaccard similarity of their word shingles, basis points. */
  similarityBps: number;
  /** A resubmission of the contributor's own work rather than a copy of someone else's. */
  sameContributor: boolean;
}

export interface EpochDuplicatesOptions {
  /** Compute every sketch from its text instead of trusting the stored ones (guild verify). */
  recomputeSketches?: boolean;
}

/**
 * The contributions of epoch `epochId` (those of `contributionIds`, its closed snapshot) that copy an
 * earlier contribution: earlier means an earlier epoch, or earlier in this one by (creation time, id).
 * Candidates come from the stored sketches (src/core/duplicates: MinHash band keys), and each is decided
 * on the two texts, so an epoch reads back only its candidates' texts. A contribution stored before
 * sketches were has its sketch computed from its text. Deterministic for the same store: assessEpoch
 * keeps the result in the assessed snapshot and verifyEpoch recomputes it.
 */
export async function epochDuplicates(
  store: Store,
  epochId: number,
  contributionIds: readonly Hex[],
  options: EpochDuplicatesOptions = {},
): Promise<EpochDuplicate[]> {
  const inEpoch = new Set(contributionIds.map((id) => id.toLowerCase()));
  // Kept lean (an epoch of 100,000 holds them all at once): id, sketch and epoch by position.
  const sketched: SketchedItem[] = [];
  const epochAt: number[] = [];
  const unsketched: Hex[] = [];
  for (const row of await store.listDuplicateSketches(epochId)) {
    if (row.epochId >= epochId && !inEpoch.has(row.id.toLowerCase())) continue;
    sketched.push({ id: row.id, sketch: row.sketch === null ? undefined : sketchFromBytes(row.sketch) });
    epochAt.push(row.epochId);
    if (options.recomputeSketches === true || row.sketch === null) unsketched.push(row.id);
  }
  if (unsketched.length > 0) {
    const recomputed = new Map<string, Uint32Array | undefined>();
    await eachContribution(store, unsketched, (c) =>
      recomputed.set(c.id, duplicateSketch(c.title, c.description)),
    );
    for (const item of sketched) if (recomputed.has(item.id)) item.sketch = recomputed.get(item.id);
  }

  const candidates = duplicateCandidates(sketched);
  if (candidates.length === 0) return [];
  const positions = [...new Set(candidates.flat())];
  const named = positions.map((i) => sketched[i]?.id as Hex);
  const epochOf = new Map(positions.map((i) => [sketched[i]?.id, epochAt[i] ?? epochId]));
  const shingles = new Map<string, Uint32Array>();
  const keys = new Map<string, string>();
  await eachContribution(store, named, (c) => {
    shingles.set(c.id, wordShingles(SKETCH_SHINGLE_WORDS, c.title, c.description));
    keys.set(c.id, contributorKeyOf(c.contributor));
  });
  return resolveDuplicates(sketched, candidates, shingles)
    .filter((d) => inEpoch.has(d.id.toLowerCase()))
    .map((d) => ({
      contributionId: d.id as Hex,
      originalId: d.originalId as Hex,
      originalEpochId: epochOf.get(d.originalId) ?? epochId,
      similarityBps: d.similarityBps,
      sameContributor: keys.get(d.id) === keys.get(d.originalId),
    }));
}

async function eachContribution(
  store: Store,
  ids: readonly Hex[],
  visit: (c: {
    id: string;
    title: string;
    description: string;
    contributor: Parameters<typeof contributorKeyOf>[0];
  }) => void,
): Promise<void> {
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    for (const c of await store.getContributions(ids.slice(start, start + READ_BATCH))) visit(c);
  }
}
