// Checks a vector given per item (a prior, a score) and copies it into a Float64Array.
import { InvalidCalibrationInput } from "./calibrationErrors.ts";

/**
 * `values` as a Float64Array of `size` finite numbers; zeros when `values` is undefined.
 * @param what the vector's name, for errors ("prior")
 * @throws InvalidCalibrationInput when the length is not `size` or a value is not finite
 */
export function checkedVector(
  what: string,
  size: number,
  values: readonly number[] | undefined,
): Float64Array {
  if (values === undefined) return new Float64Array(size);
  if (values.length !== size)
    throw new InvalidCalibrationInput(
      `${what}'s length`,
      values.length,
      `must be one value per item (${size})`,
    );
  for (const [i, value] of values.entries()) {
    if (!Number.isFinite(value)) throw new InvalidCalibrationInput(`${what}[${i}]`, value, "must be finite");
  }
  return Float64Array.from(values);
}
