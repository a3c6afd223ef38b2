// The rows of an epoch report's payout table, from the report's allocation (whose recipients the API
// passes through as the report has them: amounts as decimal strings of base units).
import type { EpochReportSummary } from "../../../src/node/api/apiTypes.ts";

export interface RecipientRow {
  recipient: string;
  valueSharePpm: number;
  payout: bigint;
  capped: boolean;
  belowFloor: boolean;
  carriedOut: bigint;
  explanation: string;
}

const big = (v: unknown): bigint => {
  try {
    return typeof v === "string" || typeof v === "number" || typeof v === "bigint" ? BigInt(v) : 0n;
  } catch {
    return 0n;
  }
};

/** One row per recipient of the report's allocation. */
export function recipientRows(summary: EpochReportSummary): RecipientRow[] {
  return summary.allocation.recipients.map((r) => ({
    recipient: String(r.recipient ?? ""),
    valueSharePpm: Number(r.valueSharePpm ?? 0),
    payout: big(r.payout),
    capped: r.capped === true,
    belowFloor: r.belowFloor === true,
    carriedOut: big(r.carriedOut),
    explanation: String(r.explanation ?? ""),
  }));
}

export type SortKey = "recipient" | "valueSharePpm" | "payout" | "carriedOut";

/** The rows sorted by `key`, ascending or not; ties by recipient so the order is stable. */
export function sortRows(rows: readonly RecipientRow[], key: SortKey, ascending: boolean): RecipientRow[] {
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? sign * order : a.recipient < b.recipient ? -1 : 1;
  });
}

/** The rows as CSV (amounts in base units, exact), with a header line. */
export function rowsToCsv(rows: readonly RecipientRow[]): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [
    "recipient,value_share_ppm,payout_base_units,capped,below_floor,carried_out_base_units,explanation",
  ];
  for (const r of rows) {
    lines.push(
      [
        r.recipient,
        r.valueSharePpm,
        r.payout,
        r.capped,
        r.belowFloor,
        r.carriedOut,
        quote(r.explanation),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
