// Exact decimal text to an integer in a smaller unit ("0.25" with 2 decimals → 25), never through floats.

/**
 * The integer `text × 10^decimals` when `text` is a plain decimal (`16`, `-3`, `0.2`, `+1.50`) with no
 * more significant decimals than `decimals` and the result is a safe integer; otherwise undefined.
 * Refuses rather than rounds: `0.25` with 1 decimal is undefined.
 */
export function scaledInteger(text: string, decimals: number): number | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = "", whole = "", fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > decimals) return undefined;
  const scaled = BigInt(`${whole}${significant.padEnd(decimals, "0")}`) * (sign === "-" ? -1n : 1n);
  const value = Number(scaled);
  return Number.isSafeInteger(value) && BigInt(value) === scaled ? value + 0 : undefined;
}
