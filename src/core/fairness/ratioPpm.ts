// Exact ratios of bigints as integer parts per million, the precision every fairness figure is given in.

/** Parts per million in a whole: a share of 1 is 1,000,000 ppm. */
export const PPM = 1_000_000;

/**
 * `numerator / denominator` in parts per million (6 decimals), rounded half up, as an integer so that it
 * serializes to canonical JSON. Both must be ≥ 0 and the denominator > 0 (callers guarantee it); the
 * result is a safe integer as long as the ratio is below about 9 × 10⁹.
 */
export function ratioPpm(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator * BigInt(PPM) + denominator) / (2n * denominator));
}
