// Points of the Lorenz curve of a list of amounts, few enough to chart.
import { GuildError } from "../errors.ts";
import { ascendingAmounts } from "./ascendingAmounts.ts";
import { ratioPpm } from "./ratioPpm.ts";

/** The number of points asked for is not an integer from 2 to `MAX_LORENZ_POINTS`. */
export class InvalidPointCount extends GuildError {}

/** Most points a curve is given with. */
export const MAX_LORENZ_POINTS = 1001;

/** One point: the poorest `holdersPpm` of the holders hold `amountPpm` of the total (both ppm). */
export interface LorenzPoint {
  holdersPpm: number;
  amountPpm: number;
}

/**
 * The Lorenz curve of `amounts` at `pointCount` evenly spaced population shares (default 21: 0%, 5%, …,
 * 100%). Point k is at holders k/(pointCount − 1); its amount share is the cumulative share of the
 * smallest holders there, interpolated linearly inside a holder when the point falls between two
 * (the exact piecewise-linear curve through (i/n, Lᵢ/S)). Both coordinates are ppm, rounded half up. The
 * curve runs from (0, 0) to (1,000,000, 1,000,000), never decreases and never rises above the diagonal.
 * An empty list or a zero total gives the diagonal (nobody holds more than anyone else).
 * @throws InvalidAmount for a negative or non-bigint amount
 * @throws InvalidPointCount when `pointCount` is not an integer from 2 to 1001
 */
export function lorenzCurve(amounts: readonly bigint[], pointCount = 21): LorenzPoint[] {
  if (!Number.isInteger(pointCount) || pointCount < 2 || pointCount > MAX_LORENZ_POINTS) {
    throw new InvalidPointCount(`a Lorenz curve takes 2 to ${MAX_LORENZ_POINTS} points, got ${pointCount}`, {
      pointCount,
    });
  }
  const { ascending, total } = ascendingAmounts(amounts);
  const m = BigInt(pointCount - 1);
  const n = BigInt(ascending.length);
  const cumulative = [0n];
  for (const x of ascending) cumulative.push((cumulative.at(-1) ?? 0n) + x);
  const points: LorenzPoint[] = [];
  for (let k = 0n; k <= m; k++) {
    const holdersPpm = ratioPpm(k, m);
    if (total === 0n) {
      points.push({ holdersPpm, amountPpm: holdersPpm });
      continue;
    }
    // The point is k·n/m holders in: i whole holders and rem/m of the next one.
    const i = (k * n) / m;
    const rem = k * n - i * m;
    const held = m * (cumulative[Number(i)] ?? 0n) + rem * (ascending[Number(i)] ?? 0n);
    points.push({ holdersPpm, amountPpm: ratioPpm(held, m * total) });
  }
  return points;
}
