// Chooses the spot checks worth a juror's time: disputed work first, then uncertain or high-stakes pairs,
// never the juror's own work.
import type { Hex } from "viem";

/** A contribution as pair choice sees it: its value (value units) and who may not judge it. */
export interface PairCandidate {
  id: Hex;
  /** The contributor's address, lowercase; undefined when not yet mapped. */
  contributor: string | undefined;
  valueUnits: bigint;
  /** Its contributor disputed a verdict on it: pairs with it are asked first. */
  disputed?: boolean;
}

export interface ChosenPair {
  a: Hex;
  b: Hex;
  /** Why this pair: its informativeness, the higher the earlier it is asked (see choosePairs). */
  score: number;
  /** One of the two is disputed: such pairs are asked before any other, whatever their score. */
  disputed: boolean;
}

export interface ChoosePairsOptions {
  /** The juror (lowercase address): pairs with their own work are never chosen. */
  juror: string;
  count: number;
  /** Pairs (a:b, either order) the juror already answered. */
  answered?: ReadonlySet<string>;
  /** Candidates each contribution is paired with among its neighbours by value; 8 by default. */
  neighbours?: number;
}

/** The key of a pair, the same in either order. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * The `count` most informative pairs for the juror. A pair informs most when the ensemble is least sure
 * which is worth more (their values are close: the log-ratio is near zero) and when much money rides
 * on it (their values are large): score = (share of the largest value the pair holds) / (1 + |ln(va/vb)|).
 * Each contribution is paired with its `neighbours` nearest in value (so the work grows with the number
 * of contributions, not its square). Pairs with a disputed contribution come first (by score among
 * them): a contributor says the verdict is wrong, and the jurors' answers are what can show it. A
 * contribution valued at zero is left out unless disputed (its pairs then score zero). Pairs touching the
 * juror's own work, or already answered, are left out. Deterministic: ties by the pair's ids.
 */
export function choosePairs(candidates: readonly PairCandidate[], options: ChoosePairsOptions): ChosenPair[] {
  const juror = options.juror.toLowerCase();
  const neighbours = options.neighbours ?? 8;
  const eligible = candidates
    .filter((c) => c.contributor?.toLowerCase() !== juror && (c.valueUnits > 0n || c.disputed === true))
    .sort((x, y) =>
      x.valueUnits < y.valueUnits ? -1 : x.valueUnits > y.valueUnits ? 1 : x.id < y.id ? -1 : 1,
    );
  const largest = Math.max(1, Number(eligible.at(-1)?.valueUnits ?? 1n));
  const seen = new Set<string>();
  const pairs: ChosenPair[] = [];
  for (let i = 0; i < eligible.length; i++) {
    const x = eligible[i] as PairCandidate;
    for (let j = i + 1; j <= Math.min(eligible.length - 1, i + neighbours); j++) {
      const y = eligible[j] as PairCandidate;
      const key = pairKey(x.id, y.id);
      if (seen.has(key) || options.answered?.has(key)) continue;
      seen.add(key);
      const vx = Number(x.valueUnits);
      const vy = Number(y.valueUnits);
      const stakes = (vx + vy) / (2 * largest);
      const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
      const score = vx === 0 || vy === 0 ? 0 : stakes / (1 + Math.abs(Math.log(vx / vy)));
      pairs.push({ a, b, score, disputed: x.disputed === true || y.disputed === true });
    }
  }
  return pairs
    .sort(
      (p, q) =>
        Number(q.disputed) - Number(p.disputed) ||
        q.score - p.score ||
        (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1),
    )
    .slice(0, options.count);
}
