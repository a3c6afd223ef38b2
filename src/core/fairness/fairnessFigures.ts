// The fairness figures a report gives for payouts and for voting power.
import { giniPpm } from "./giniPpm.ts";
import type { LorenzPoint } from "./lorenzCurve.ts";
import { lorenzCurve } from "./lorenzCurve.ts";
import { nakamotoCoefficient } from "./nakamotoCoefficient.ts";
import { topSharePpm } from "./topSharePpm.ts";

/** How concentrated a list of amounts is. Shares are integer parts per million (6 decimals). */
export interface FairnessFigures {
  /** Gini coefficient, ppm: 0 equal, (n − 1)/n one holder of everything. */
  giniPpm: number;
  /** Fewest holders with strictly more than 50% of the total. */
  nakamotoCoefficient: number;
  /** Share of the total held by the 10 largest holders, ppm. */
  top10SharePpm: number;
  /** 21 points, 0% to 100% of holders in steps of 5%, poorest first. */
  lorenzCurve: LorenzPoint[];
}

/**
 * The Gini coefficient, Nakamoto coefficient, top-10 share and a 21-point Lorenz curve of `amounts`
 * (payouts in base units, or voting power): see each function for its definition and its value on an
 * empty list or a zero total.
 * @throws InvalidAmount for a negative or non-bigint amount
 */
export function fairnessFigures(amounts: readonly bigint[]): FairnessFigures {
  return {
    giniPpm: giniPpm(amounts),
    nakamotoCoefficient: nakamotoCoefficient(amounts),
    top10SharePpm: topSharePpm(amounts, 10),
    lorenzCurve: lorenzCurve(amounts, 21),
  };
}
