// Address mapping files: who is who, as the operator writes it (identity → Ethereum address), in JSON or CSV.
import type { Address } from "viem";
import { getAddress, isAddress } from "viem";
import { InvalidAddressMapping } from "./identityErrors.ts";
import { CsvSyntaxError, parseCsv } from "./parseCsv.ts";

/**
 * Identity → address. Keys are normalized by normalizeIdentityKey: a git author's email or name, a
 * grant application's id (whatever the importer looks up).
 */
export type AddressMapping = ReadonlyMap<string, Address>;

/** How keys are compared: trimmed and lower-cased, so `Alice@Example.org ` finds `alice@example.org`. */
export function normalizeIdentityKey(key: string): string {
  return key.trim().toLowerCase();
}

/**
 * Parses an address mapping.
 *
 * JSON: one object, identity → address: `{ "alice@example.org": "0xAb…", "Bob Builder": "0xCd…" }`.
 *
 * CSV: two columns, identity then address, one mapping a line; an optional first line
 * `identity,address` (recognized by its second cell being `address`); blank lines and lines starting
 * with `#` are skipped; quote a cell that holds a comma (`"Doe, Jane",0x…`).
 *
 * Addresses are 0x and 40 hex digits, with a valid EIP-55 checksum if mixed case. Two keys that
 * normalize alike may repeat only with the same address.
 * @param origin the file name, for errors
 * @throws InvalidAddressMapping naming the line (CSV) or key (JSON) and what is wrong
 */
export function parseAddressMapping(text: string, format: "json" | "csv", origin: string): AddressMapping {
  const mapping = new Map<string, Address>();
  const add = (key: string, value: unknown, where: { line?: number; key?: string }) => {
    if (normalizeIdentityKey(key) === "") throw new InvalidAddressMapping(origin, "empty identity", where);
    if (typeof value !== "string" || !isAddress(value.trim())) {
      throw new InvalidAddressMapping(
        origin,
        `${JSON.stringify(value)} is not an Ethereum address (0x and 40 hex digits, checksummed if mixed case)`,
        where,
      );
    }
    const address = getAddress(value.trim());
    const normalized = normalizeIdentityKey(key);
    const previous = mapping.get(normalized);
    if (previous !== undefined && previous !== address) {
      throw new InvalidAddressMapping(origin, `${key} is mapped to both ${previous} and ${address}`, where);
    }
    mapping.set(normalized, address);
  };

  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new InvalidAddressMapping(origin, `not JSON: ${(cause as Error).message}`, {}, { cause });
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new InvalidAddressMapping(origin, "must be a JSON object of identity → address");
    }
    for (const [key, value] of Object.entries(parsed)) add(key, value, { key });
    return mapping;
  }

  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (cause) {
    if (cause instanceof CsvSyntaxError) {
      throw new InvalidAddressMapping(origin, cause.details.reason as string, {
        line: cause.details.line as number,
      });
    }
    throw cause;
  }
  for (const [index, { line, cells }] of rows.entries()) {
    const first = cells[0] ?? "";
    if (cells.length === 1 && (first.trim() === "" || first.trimStart().startsWith("#"))) continue;
    if (cells.length > 0 && first.trimStart().startsWith("#")) continue;
    if (index === 0 && cells.length === 2 && normalizeIdentityKey(cells[1] ?? "") === "address") continue;
    if (cells.length !== 2) {
      throw new InvalidAddressMapping(origin, `expected 2 cells (identity,address), got ${cells.length}`, {
        line,
      });
    }
    add(first, cells[1], { line });
  }
  return mapping;
}
