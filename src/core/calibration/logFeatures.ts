// Turns items' raw numeric metrics (many blank) into centred, scaled log-features a fit can weigh.

export interface LogFeatures {
  /** One row per item, one value per kept column: the standardised log-value, 0 (the average) when blank. */
  rows: number[][];
  /** Indices of the input columns kept, in order. */
  kept: number[];
  /** Input columns left out, with why: fewer than two values given, or every value the same. */
  dropped: { column: number; reason: string }[];
}

/**
 * Each column (metric) of `values` (one row per item; undefined for a blank) becomes a log-feature: the
 * value's signed log, sign(v)·ln(1 + |v|), so that a metric's orders of magnitude count rather than its
 * units, then centred and divided by its standard deviation over the items that have it. A blank becomes 0:
 * the average, neither for nor against the item. Columns with fewer than two values, or with no spread,
 * say nothing and are dropped. Values that are not finite count as blank.
 */
export function logFeatures(values: readonly (readonly (number | undefined)[])[]): LogFeatures {
  const width = Math.max(0, ...values.map((row) => row.length));
  const kept: number[] = [];
  const dropped: { column: number; reason: string }[] = [];
  const columns: number[][] = [];
  for (let j = 0; j < width; j++) {
    const logs = values.map((row) => {
      const v = row[j];
      return v === undefined || !Number.isFinite(v) ? undefined : Math.sign(v) * Math.log1p(Math.abs(v));
    });
    const given = logs.filter((v): v is number => v !== undefined);
    if (given.length < 2) {
      dropped.push({ column: j, reason: `${given.length} value(s) given` });
      continue;
    }
    const mean = given.reduce((s, v) => s + v, 0) / given.length;
    const sd = Math.sqrt(given.reduce((s, v) => s + (v - mean) ** 2, 0) / given.length);
    if (!(sd > 1e-12)) {
      dropped.push({ column: j, reason: "every value the same" });
      continue;
    }
    kept.push(j);
    columns.push(logs.map((v) => (v === undefined ? 0 : (v - mean) / sd)));
  }
  return { rows: values.map((_, i) => columns.map((col) => col[i] as number)), kept, dropped };
}
