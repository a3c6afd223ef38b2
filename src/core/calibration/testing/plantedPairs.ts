// Test helpers for calibration: planted log-weights and the juror pairs they imply.
import type { JurorPair } from "../jurorPair.ts";

/** Items "i0", "i1", …. */
export const itemNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `i${i}`);

/**
 * Noise-free pairs of `truth` (log-weights by index): for each [a, b] the juror states exactly
 * e^(truth_b − truth_a), the winner being the larger (b on a tie, multiplier 1). Pair p is juror `j{p mod jurors}`'s.
 */
export function plantedPairs(
  truth: readonly number[],
  edges: readonly (readonly [number, number])[],
  jurors = 3,
): JurorPair[] {
  return edges.map(([a, b], p) => {
    const d = (truth[b] as number) - (truth[a] as number);
    return {
      juror: `j${p % jurors}`,
      a: `i${a}`,
      b: `i${b}`,
      winner: d >= 0 ? "b" : "a",
      multiplier: Math.exp(Math.abs(d)),
    };
  });
}

/** A path through every item plus `extra` more edges: a connected comparison graph. */
export function connectedEdges(n: number, extra: readonly (readonly [number, number])[]): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 1; i < n; i++) edges.push([i - 1, i]);
  for (const [a, b] of extra) if (a % n !== b % n) edges.push([a % n, b % n]);
  return edges;
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
