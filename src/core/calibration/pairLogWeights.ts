// Looks up the two log-weights a juror pair compares, refusing unknown items and values that are not finite.
import { InvalidCalibrationInput, UnknownPairItem } from "./calibrationErrors.ts";
import type { JurorPair, LogWeights } from "./jurorPair.ts";

/**
 * [ln w_a, ln w_b] of pair `index` under `logWeights`.
 * @throws UnknownPairItem when an item has no log-weight; InvalidCalibrationInput when one is not finite
 *   (a weight of 0 has no logarithm: such a weight cannot be scored)
 */
export function pairLogWeights(logWeights: LogWeights, pair: JurorPair, index: number): [number, number] {
  const a = logWeights.get(pair.a);
  if (a === undefined) throw new UnknownPairItem(index, "a", pair.a);
  const b = logWeights.get(pair.b);
  if (b === undefined) throw new UnknownPairItem(index, "b", pair.b);
  if (!Number.isFinite(a))
    throw new InvalidCalibrationInput(`the log-weight of "${pair.a}"`, a, "must be finite");
  if (!Number.isFinite(b))
    throw new InvalidCalibrationInput(`the log-weight of "${pair.b}"`, b, "must be finite");
  return [a, b];
}
