// Puts every juror's multipliers on one scale: some say "3 times more" where others say "300 times".
import type { JurorPair } from "./jurorPair.ts";

/**
 * The pairs with each juror's log-multipliers rescaled so that the juror's median ln(multiplier) (over
 * their pairs with a multiplier above 1) becomes the median over every such pair: a juror whose typical
 * answer is 300× and one whose typical answer is 3× then state the same typical log-ratio, and the
 * order of each juror's own answers is kept. Winners do not change; a multiplier of 1 stays 1, and a
 * juror with no multiplier above 1 is left as is. Pure: the pairs given are not modified.
 */
export function normaliseJurorScales(pairs: readonly JurorPair[]): JurorPair[] {
  const logs = new Map<string, number[]>();
  const all: number[] = [];
  for (const p of pairs) {
    if (!(p.multiplier > 1)) continue;
    const value = Math.log(p.multiplier);
    all.push(value);
    logs.set(p.juror, [...(logs.get(p.juror) ?? []), value]);
  }
  if (all.length === 0) return pairs.map((p) => ({ ...p }));
  const overall = median(all);
  const factor = new Map([...logs].map(([juror, values]) => [juror, overall / median(values)]));
  return pairs.map((p) => {
    const f = factor.get(p.juror);
    return f === undefined || !(p.multiplier > 1)
      ? { ...p }
      : { ...p, multiplier: Math.exp(Math.log(p.multiplier) * f) };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
