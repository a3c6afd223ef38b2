// Reputation decay off chain, as the Reputation contract computes it: value · 2^(−seconds / half-life).
import { GuildError } from "../errors.ts";

/** A decay was asked for a negative time or a half-life that is not positive. */
export class InvalidDecay extends GuildError {}

const SCALE = 10n ** 18n;

/**
 * `value` (base units) after `seconds` of decay with a half-life of `halfLifeSeconds`, rounded down.
 * Whole half-lives are exact shifts; the fraction goes through a double, so the result is within about
 * 1e-15 of the contract's fixed-point `exp2` (which the contract tolerates: see Reputation.sol).
 * @throws InvalidDecay when `seconds` is negative or `halfLifeSeconds` is not positive
 */
export function decayReputation(value: bigint, seconds: bigint, halfLifeSeconds: bigint): bigint {
  if (seconds < 0n) throw new InvalidDecay("cannot decay backwards in time", { seconds });
  if (halfLifeSeconds <= 0n) throw new InvalidDecay("the half-life must be positive", { halfLifeSeconds });
  const whole = seconds / halfLifeSeconds;
  if (whole >= 256n) return 0n;
  const fraction = Number(seconds % halfLifeSeconds) / Number(halfLifeSeconds);
  const factor = BigInt(Math.round(2 ** -fraction * 1e18));
  return ((value >> whole) * factor) / SCALE;
}
