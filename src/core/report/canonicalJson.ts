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
  try {
    return walk(value, new Set());
  } catch (error) {
    // The fast walk keeps no path; walk again, naming where the offending value sits.
    if (error instanceof NotCanonicalizable) explain(value, "$", new Set());
    throw error;
  }
}

/**
 * Emits canonicalJson(value) in pieces, in order: an array's elements (and an object's members) at the
 * top `depth` levels one at a time, so that a document of a hundred megabytes is never one string.
 * Joining the pieces gives exactly canonicalJson(value).
 * @throws NotCanonicalizable as canonicalJson does
 */
export function emitCanonicalJson(value: unknown, emit: (piece: string) => void, depth = 2): void {
  if (depth <= 0 || value === null || typeof value !== "object") {
    emit(canonicalJson(value));
    return;
  }
  if (Array.isArray(value)) {
    emit("[");
    value.forEach((item, i) => {
      if (i > 0) emit(",");
      emitCanonicalJson(item, emit, depth - 1);
    });
    emit("]");
    return;
  }
  emit("{");
  sortedEntries(value as Record<string, unknown>).forEach(([k, item], i) => {
    emit(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`);
    emitCanonicalJson(item, emit, depth - 1);
  });
  emit("}");
}

function sortedEntries(v: Record<string, unknown>): [string, unknown][] {
  return Object.entries(v)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function walk(v: unknown, seen: Set<object>): string {
  if (v === null || typeof v === "boolean") return v === null ? "null" : v ? "true" : "false";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `"${v.toString()}"`;
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new NotCanonicalizable("not a safe integer", {});
    return String(v);
  }
  if (typeof v !== "object") throw new NotCanonicalizable(`a ${typeof v}`, {});
  if (seen.has(v)) throw new NotCanonicalizable("refers back to itself", {});
  seen.add(v);
  let out: string;
  if (Array.isArray(v)) {
    out = "[";
    for (let i = 0; i < v.length; i++) out += (i > 0 ? "," : "") + walk(v[i], seen);
    out += "]";
  } else {
    out = "{";
    let first = true;
    for (const [k, item] of sortedEntries(v as Record<string, unknown>)) {
      out += `${first ? "" : ","}${JSON.stringify(k)}:${walk(item, seen)}`;
      first = false;
    }
    out += "}";
  }
  seen.delete(v);
  return out;
}

/** The slow walk: throws the NotCanonicalizable that names the path of the first offending value. */
function explain(v: unknown, path: string, seen: Set<object>): void {
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "bigint") return;
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v))
      throw new NotCanonicalizable(`${path} is not a safe integer`, { path, value: v });
    return;
  }
  if (typeof v !== "object") throw new NotCanonicalizable(`${path} is a ${typeof v}`, { path });
  if (seen.has(v)) throw new NotCanonicalizable(`${path} refers back to itself`, { path });
  seen.add(v);
  if (Array.isArray(v)) {
    for (const [i, item] of v.entries()) explain(item, `${path}[${i}]`, seen);
  } else
    for (const [k, item] of sortedEntries(v as Record<string, unknown>)) explain(item, `${path}.${k}`, seen);
  seen.delete(v);
}
