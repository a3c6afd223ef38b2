// Caps each recipient's share of a budget and hands the excess to the others in proportion to their weights.
import { CapTooLow, fillUnderCaps } from "./fillUnderCaps.ts";

export { CapTooLow };

/**
 * Splits `budget` (base units) by `weights`, no part above `capBps` basis points of the budget; what a
 * capped recipient would have had beyond the cap goes to the uncapped ones by weight, repeatedly, until
 * nobody is over (water-filling, see `fillUnderCaps`). Parts sum to `budget` exactly.
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
  return fillUnderCaps(
    budget,
    weights,
    weights.map(() => cap),
  ).parts;
}
