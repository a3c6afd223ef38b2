// Splits an amount by weights with a cap per recipient, handing what a capped recipient cannot take to the others.
import { GuildError } from "../errors.ts";
import { InvalidWeights, splitExact } from "./splitExact.ts";

/** The caps cannot be honoured: the recipients with weight cannot take the whole amount between them. */
export class CapTooLow extends GuildError {}

/** A split under caps: `parts[i]` for weight `i`, and whether recipient `i`'s cap bound them. */
export interface CappedSplit {
  parts: bigint[];
  /** `capped[i]` is true when recipient `i` would have had more than `caps[i]` and was held to it. */
  capped: boolean[];
}

/**
 * Splits `amount` (base units) by `weights` with `splitExact`, no part above its recipient's cap
 * (`caps[i]`, base units): a recipient whose part would exceed their cap gets the cap, and the rest is
 * split again over the uncapped ones by weight, until nobody is over (water-filling). Recipients with
 * weight 0 get 0. Parts sum to `amount` exactly.
 * @throws CapTooLow when the caps of the recipients with weight sum to less than `amount`
 * @throws InvalidWeights when the lengths differ, a cap or weight is negative, or `amount` is negative
 */
export function fillUnderCaps(
  amount: bigint,
  weights: readonly bigint[],
  caps: readonly bigint[],
): CappedSplit {
  if (caps.length !== weights.length) {
    throw new InvalidWeights(`${weights.length} weights but ${caps.length} caps`, {
      weights: weights.length,
      caps: caps.length,
    });
  }
  let capacity = 0n;
  for (const [index, cap] of caps.entries()) {
    if (cap < 0n) throw new InvalidWeights(`cap ${index} is negative`, { index, cap });
    if ((weights[index] ?? 0n) > 0n) capacity += cap;
  }
  if (capacity < amount) {
    throw new CapTooLow(`the caps of the recipients with weight take ${capacity} of ${amount}`, {
      amount,
      capacity,
      recipients: weights.filter((w) => w > 0n).length,
    });
  }
  const parts = weights.map(() => 0n);
  const capped = weights.map(() => false);
  let remaining = amount;
  for (;;) {
    const open = weights.map((w, i) => (capped[i] ? 0n : w));
    const split = splitExact(remaining, open);
    const over = split.flatMap((part, i) => (part > (caps[i] ?? 0n) ? [i] : []));
    if (over.length === 0) {
      for (const [i, part] of split.entries()) parts[i] = (parts[i] ?? 0n) + part;
      return { parts, capped };
    }
    // Each round caps at least one more recipient, and the capped take less than their split did, so
    // `remaining` stays non-negative and the loop ends within `weights.length` rounds.
    for (const i of over) {
      const cap = caps[i] ?? 0n;
      capped[i] = true;
      parts[i] = cap;
      remaining -= cap;
    }
  }
}
