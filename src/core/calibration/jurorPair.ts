// A juror's comparison of two items, and the log-ratio it states: the data calibration fits to.

/** One juror's answer to "which of these two deserves more, and how many times more?". */
export interface JurorPair {
  /** Who answered; cross-validation holds out all of one juror's pairs together. */
  juror: string;
  /** The two items compared, by id; they differ. */
  a: string;
  b: string;
  /** The item the juror says deserves more. */
  winner: "a" | "b";
  /** How many times more the winner deserves: finite and ≥ 1 (1 means about the same). */
  multiplier: number;
}

/** Natural-log weights by item id: only differences matter, so a constant added to all changes nothing. */
export type LogWeights = ReadonlyMap<string, number>;

/**
 * The pair's log-ratio, ln w_b − ln w_a as the juror states it: +ln(multiplier) when b wins,
 * −ln(multiplier) when a wins. Deep Funding's cost compares a model's log-weights with this.
 */
export function pairLogRatio(pair: JurorPair): number {
  const magnitude = Math.log(pair.multiplier);
  return pair.winner === "b" ? magnitude : -magnitude;
}
