// Value units: the exact integer form of a recipient's value, 1,000,000 units to one unit of value.
import { GuildError } from "../errors.ts";

/** One unit of value (a point of the ensemble's number) is this many value units. */
export const VALUE_UNITS_PER_VALUE = 1_000_000n;

/** A value that cannot be turned into value units: not finite, negative, or too large to convert exactly. */
export class InvalidValue extends GuildError {}

/**
 * `value` (a non-negative number of value, as the assessment produces it) in value units, rounded to the
 * nearest unit (micro-value). Allocation works on value units only, so that its maths is exact: only the
 * ratios between recipients' values matter, and 1e-6 of a point is below anything an evaluator resolves.
 * @throws InvalidValue when `value` is not finite, is negative, or is above 2^53 value units (≈ 9.0e9 value)
 */
export function toValueUnits(value: number): bigint {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidValue(`a value must be a finite number ≥ 0, got ${value}`, { value });
  }
  const units = Math.round(value * Number(VALUE_UNITS_PER_VALUE));
  if (!Number.isSafeInteger(units)) {
    throw new InvalidValue(`value ${value} is too large to convert to value units exactly`, { value });
  }
  return BigInt(units);
}
