// Diminishing-returns scaling of counts, computed with basic arithmetic only so every engine gets the same bits.

const LN2 = Math.LN2;

/**
 * The natural logarithm of `n` (n ≥ 1), using only +, −, × and ÷, which IEEE 754 and JavaScript define
 * exactly; `Math.log` is left to each engine, and an auditor must be able to recompute a score anywhere.
 */
export function naturalLog(n: number): number {
  let m = n;
  let halvings = 0;
  while (m >= 2) {
    m /= 2;
    halvings += 1;
  }
  // ln m = 2·atanh(s) with s = (m − 1)/(m + 1) in [0, 1/3): the series converges to double precision in 20 terms.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return halvings * LN2 + 2 * sum;
}

/**
 * Scales a count to per mille (0–1000) with diminishing returns: ln(1 + count) / ln(1 + fullAt), so the
 * first few units count most and `fullAt` or more gives 1000. Negative counts give 0. Rounded to a whole
 * per mille so that everything computed from it is exact integer arithmetic.
 */
export function logScale(count: number, fullAt: number): number {
  if (!(count > 0)) return 0;
  if (count >= fullAt) return 1000;
  return Math.round((1000 * naturalLog(1 + count)) / naturalLog(1 + fullAt));
}
