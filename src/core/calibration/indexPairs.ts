// Checks juror pairs against a list of items and turns them into index arrays the fits work on.
import {
  DuplicateItem,
  InvalidCalibrationOption,
  InvalidJurorPair,
  UnknownPairItem,
} from "./calibrationErrors.ts";
import type { JurorPair } from "./jurorPair.ts";
import { pairLogRatio } from "./jurorPair.ts";

/** Pairs as parallel arrays over item indices: pair p compares item a[p] with item b[p]. */
export interface IndexedPairs {
  /** Item id → its index in the items given. */
  index: ReadonlyMap<string, number>;
  a: Int32Array;
  b: Int32Array;
  /** ln w_b − ln w_a as stated, clipped to ±maxLogRatio. */
  logRatio: Float64Array;
  /** 1 when b wins, 0 when a wins, 0.5 when the multiplier is 1 (about the same). */
  bWins: Float64Array;
}

/**
 * Indexes `pairs` over `items`, clipping each stated log-ratio to ±`maxLogRatio` (Infinity: no clip).
 * @throws DuplicateItem when an item id repeats; InvalidJurorPair for a pair with a blank juror, equal
 *   items, a winner other than "a" or "b", or a multiplier that is not a finite number ≥ 1;
 *   UnknownPairItem when a pair names an item not in `items`; InvalidCalibrationOption when
 *   `maxLogRatio` is not > 0
 */
export function indexPairs(
  items: readonly string[],
  pairs: readonly JurorPair[],
  maxLogRatio = Number.POSITIVE_INFINITY,
): IndexedPairs {
  if (!(maxLogRatio > 0)) throw new InvalidCalibrationOption("maxLogRatio", maxLogRatio, "must be > 0");
  const index = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const first = index.get(item);
    if (first !== undefined) throw new DuplicateItem(item, first, i);
    index.set(item, i);
  }
  const n = pairs.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const logRatio = new Float64Array(n);
  const bWins = new Float64Array(n);
  for (const [p, pair] of pairs.entries()) {
    if (typeof pair.juror !== "string" || pair.juror.trim() === "")
      throw new InvalidJurorPair(p, "juror", pair.juror, "must be a non-blank string");
    if (pair.winner !== "a" && pair.winner !== "b")
      throw new InvalidJurorPair(p, "winner", pair.winner, 'must be "a" or "b"');
    if (!Number.isFinite(pair.multiplier) || pair.multiplier < 1)
      throw new InvalidJurorPair(p, "multiplier", pair.multiplier, "must be a finite number ≥ 1");
    if (pair.a === pair.b) throw new InvalidJurorPair(p, "b", pair.b, "must differ from a");
    const ia = index.get(pair.a);
    if (ia === undefined) throw new UnknownPairItem(p, "a", pair.a);
    const ib = index.get(pair.b);
    if (ib === undefined) throw new UnknownPairItem(p, "b", pair.b);
    a[p] = ia;
    b[p] = ib;
    const stated = pairLogRatio(pair);
    logRatio[p] = Math.max(-maxLogRatio, Math.min(maxLogRatio, stated));
    bWins[p] = pair.multiplier === 1 ? 0.5 : pair.winner === "b" ? 1 : 0;
  }
  return { index, a, b, logRatio, bWins };
}
