// Splits jurors into k folds of about equal numbers of pairs, for cross-validation by juror.
import { InvalidCalibrationOption } from "./calibrationErrors.ts";
import type { JurorPair } from "./jurorPair.ts";

/**
 * The jurors of `pairs` in `k` folds: jurors by number of pairs, most first (then by name), each into the
 * fold with the fewest pairs so far (the lowest-numbered on a tie). Deterministic, and no juror is split
 * across folds, so a fold's pairs come from jurors the other folds never saw. Each fold's jurors are sorted.
 * @throws InvalidCalibrationOption when k is not an integer from 2 to the number of jurors
 */
export function jurorFolds(pairs: readonly JurorPair[], k: number): string[][] {
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
  const folds = Array.from({ length: k }, () => ({ jurors: [] as string[], pairs: 0 }));
  for (const [juror, count] of jurors) {
    let smallest = folds[0] as { jurors: string[]; pairs: number };
    for (const fold of folds) if (fold.pairs < smallest.pairs) smallest = fold;
    smallest.jurors.push(juror);
    smallest.pairs += count;
  }
  return folds.map((f) => f.jurors.sort());
}
