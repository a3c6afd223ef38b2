// Blends several fits' log-weights into one: each put on a common scale, then averaged.
import { InvalidCalibrationInput } from "./calibrationErrors.ts";
import type { LogWeights } from "./jurorPair.ts";

/**
 * The average over `fits` of each fit's log-weights standardised (centred, divided by their standard
 * deviation over the items), so that a fit whose log-weights spread wider (least squares on big
 * multipliers) does not outweigh one whose spread narrower (Bradley–Terry). A fit whose log-weights are
 * all equal adds 0 for every item. Only the items of the first fit are blended; the others must have them.
 * @throws InvalidCalibrationInput for no fits, or a fit lacking an item of the first or with a value that
 *   is not finite
 */
export function blendLogWeights(fits: readonly LogWeights[]): Map<string, number> {
  const first = fits[0];
  if (first === undefined) throw new InvalidCalibrationInput("fits", "[]", "must hold at least one fit");
  const items = [...first.keys()];
  const out = new Map(items.map((item) => [item, 0]));
  for (const [f, fit] of fits.entries()) {
    const values = items.map((item) => {
      const v = fit.get(item);
      if (v === undefined || !Number.isFinite(v))
        throw new InvalidCalibrationInput(`fit ${f}'s log-weight of "${item}"`, v, "must be a finite number");
      return v;
    });
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    if (!(sd > 1e-12)) continue;
    for (const [i, item] of items.entries())
      out.set(item, (out.get(item) as number) + ((values[i] as number) - mean) / sd / fits.length);
  }
  return out;
}
