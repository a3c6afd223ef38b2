// Splits jurors into k folds of about equal numbers of pairs, for cross-validation by juror.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import type { JurorPair } from "./jurorPair.ts";

/**
 * The jurors of `pairs` in `k` folds: jurors by number of pairs, most first (then by name), each into the
 * fold with the fewest pairs so far (the lowest-numbered on a tie). Deterministic, and no juror is split
 * across folds, so a fold's pairs come from jurors the other folds never saw. Each fold's jurors are sorted.
 * With a `seed`, the jurors are taken in an order shuffled by it instead (the same seed, the same folds):
 * another split as balanced, for measuring how much a figure owes to one split.
 * @throws InvalidCalibrationOption when k is not an integer from 2 to the number of jurors, or the seed is
 *   not a whole number from 0 to 2³² − 1
 */
export function jurorFolds(pairs: readonly JurorPair[], k: number, seed?: number): string[][] {
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair.juror, (counts.get(pair.juror) ?? 0) + 1);
  if (!Number.isInteger(k) || k < 2 || k > counts.size)
    throw new InvalidCalibrationOption(
      "folds",
      k,
      `must be an integer from 2 to the number of jurors (${counts.size})`,
    );
  const jurors = [...counts.entries()].sort(
    (x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0),
  );
  if (seed !== undefined) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff)
      throw new InvalidCalibrationOption("seed", seed, "must be a whole number from 0 to 2^32 - 1");
    shuffle(jurors, seed);
  }
  const folds = Array.from({ length: k }, () => ({ jurors: [] as string[], pairs: 0 }));
  for (const [juror, count] of jurors) {
    let smallest = folds[0] as { jurors: string[]; pairs: number };
    for (const fold of folds) if (fold.pairs < smallest.pairs) smallest = fold;
    smallest.jurors.push(juror);
    smallest.pairs += count;
  }
  return folds.map((f) => f.jurors.sort());
}

/** Fisher–Yates with mulberry32 seeded by `seed`: the same seed, the same order, on every engine. */
function shuffle<T>(items: T[], seed: number): void {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
