// Caps each recipient's share of a budget and hands the excess to the others in proportion to their weights.
import { GuildError } from "../errors.ts";
import { splitExact } from "./splitExact.ts";

/** The cap cannot be honoured: fewer recipients than a full budget needs under that cap. */
export class CapTooLow extends GuildError {}

/**
 * Splits `budget` (base units) by `weights`, no part above `capBps` basis points of the budget; what a
 * capped recipient would have had beyond the cap goes to the uncapped ones by weight, repeatedly, until
 * nobody is over (water-filling). Parts sum to `budget` exactly.
 * @throws CapTooLow when even equal parts would exceed the cap (too few recipients with weight)
 */
export function capShares(budget: bigint, weights: readonly bigint[], capBps: number): bigint[] {
  const cap = (budget * BigInt(capBps)) / 10_000n;
  const eligible = weights.filter((w) => w > 0n).length;
  if (cap * BigInt(eligible) < budget) {
    throw new CapTooLow(`a cap of ${capBps / 100}% cannot pay out the budget over ${eligible} recipients`, {
      capBps,
      recipients: eligible,
    });
  }
  const parts = weights.map(() => 0n);
  const capped = new Set<number>();
  let remaining = budget;
  for (;;) {
    const open = weights.map((w, i) => (capped.has(i) ? 0n : w));
    const split = splitExact(remaining, open);
    const over = split.flatMap((part, i) => (part > cap ? [i] : []));
    if (over.length === 0) {
      for (const [i, part] of split.entries()) parts[i] = (parts[i] ?? 0n) + part;
      return parts;
    }
    for (const i of over) {
      capped.add(i);
      parts[i] = cap;
      remaining -= cap;
    }
  }
}
