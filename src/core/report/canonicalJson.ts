// Canonical JSON: one byte string per value, so that a report's hash is the same wherever it is computed.
import { GuildError } from "../errors.ts";

/** The value holds something canonical JSON cannot represent. */
export class NotCanonicalizable extends GuildError {}

/**
 * Serializes `value` with object keys sorted by code unit, no whitespace, and bigints as decimal
 * strings. Numbers must be safe integers (money is bigint).
 * @throws NotCanonicalizable for undefined, functions, symbols, non-integer or unsafe numbers, and cycles
 */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): string => {
    if (v === null || typeof v === "boolean") return JSON.stringify(v);
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "bigint") return JSON.stringify(v.toString());
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v))
        throw new NotCanonicalizable(`${path} is not a safe integer`, { path, value: v });
      return String(v);
    }
    if (typeof v !== "object") throw new NotCanonicalizable(`${path} is a ${typeof v}`, { path });
    if (seen.has(v)) throw new NotCanonicalizable(`${path} refers back to itself`, { path });
    seen.add(v);
    let out: string;
    if (Array.isArray(v)) {
      out = `[${v.map((item, i) => walk(item, `${path}[${i}]`)).join(",")}]`;
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out = `{${entries.map(([k, item]) => `${JSON.stringify(k)}:${walk(item, `${path}.${k}`)}`).join(",")}}`;
    }
    seen.delete(v);
    return out;
  };
  return walk(value, "$");
}
