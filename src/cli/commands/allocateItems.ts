// Reads the items `guild allocate` splits a budget over: CSV or JSON Lines, an id each, numeric metrics.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseCsv } from "./allocateCsv.ts";
import { InputFileUnreadable, InvalidInputFile } from "./allocateErrors.ts";
import { itemKey } from "./allocateItemKey.ts";

export interface ItemTable {
  file: string;
  format: "csv" | "jsonl";
  /** Each item's id as written (trimmed), in file order. */
  ids: string[];
  /** Each item's matching key (itemKey), unique. */
  keys: string[];
  /** The line each item is on. */
  lines: number[];
  /** Every column (CSV header) or key (JSON) seen, in order of first appearance. */
  fields: string[];
  /** Each item's name for people, from the first of LABEL_FIELDS the file has (undefined when none). */
  labels: (string | undefined)[];
  /** The numeric columns: every value given in them is a number (blanks allowed). */
  metricNames: string[];
  /** One row per item, one value per numeric column; undefined where blank. */
  metrics: (number | undefined)[][];
}

/** Columns that name an item for people, in order of preference. */
const LABEL_FIELDS = ["project_name", "name", "title"];
/** Values that mean "not given": empty, null, N/A, NA, none, null, NaN (any case). */
const BLANK = new Set(["", "n/a", "na", "none", "null", "nan"]);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Column names of identifiers, not measurements: `id`, `…_id`, `…Id`. */
const isIdLike = (name: string) => /(?:^|[_\s-])id$/i.test(name) || /[a-z]Id$/.test(name);
/** More digits than a double holds exactly: an identifier written in digits, not a measurement. */
const TOO_MANY_DIGITS = /\d{16,}/;

/**
 * Reads the items file at `file`: JSON Lines when it ends in .jsonl or .ndjson (or, with another ending,
 * when its first character is `{`), otherwise CSV with a header line. Each item needs a non-blank id in
 * `idColumn` (a string or an integer in JSON); ids must be unique after itemKey (so two spellings of one
 * URL are a duplicate). A column is a metric when it has at least one value and every value given is a
 * number (a JSON number or a decimal string of at most 15 digits in a row); blanks (see BLANK) are
 * allowed anywhere. Columns named like identifiers (`id`, `…_id`, `…Id`) are never metrics.
 * @throws InputFileUnreadable; InvalidInputFile naming the line and column of the first problem: a missing
 *   id column, a blank or duplicate id, a line that is not JSON or not an object, a CSV row with the wrong
 *   number of fields, CSV syntax, or no items at all
 */
export async function readItems(file: string, idColumn: string): Promise<ItemTable> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new InputFileUnreadable(file, "items", (cause as Error).message, { cause });
  }
  const extension = extname(file).toLowerCase();
  const jsonl =
    extension === ".jsonl" ||
    extension === ".ndjson" ||
    (extension !== ".csv" &&
      text
        .replace(/^\uFEFF/, "")
        .trimStart()
        .startsWith("{"));
  const rows = jsonl ? jsonRows(text, file, idColumn) : csvRows(text, file, idColumn);
  if (rows.records.length === 0) throw new InvalidInputFile(file, "items", { line: 1 }, "has no items");

  const table: ItemTable = {
    file,
    format: jsonl ? "jsonl" : "csv",
    ids: [],
    keys: [],
    lines: [],
    fields: rows.fields,
    labels: [],
    metricNames: [],
    metrics: [],
  };
  const firstLine = new Map<string, { line: number; id: string }>();
  for (const record of rows.records) {
    const id = record.id;
    const key = itemKey(id);
    const first = firstLine.get(key);
    if (first !== undefined) {
      const spelled = first.id === id ? "" : ` (spelled "${first.id}" there)`;
      throw new InvalidInputFile(
        file,
        "items",
        { line: record.line, column: idColumn, ...columnNumber(rows.fields, idColumn, jsonl) },
        `duplicate id "${id}": first on line ${first.line}${spelled}`,
        { id, firstLine: first.line },
      );
    }
    firstLine.set(key, { line: record.line, id });
    table.ids.push(id);
    table.keys.push(key);
    table.lines.push(record.line);
  }
  const labelField = LABEL_FIELDS.find((f) => f !== idColumn && rows.fields.includes(f));
  table.labels = rows.records.map((r) => {
    const label = labelField === undefined ? undefined : r.values.get(labelField);
    return typeof label === "string" && label.trim() !== "" ? label.trim() : undefined;
  });
  for (const field of rows.fields) {
    if (field === idColumn || isIdLike(field)) continue;
    const values: (number | undefined)[] = [];
    let numeric = true;
    let given = 0;
    for (const record of rows.records) {
      const raw = record.values.get(field);
      const value = numberOf(raw);
      if (value === "blank") values.push(undefined);
      else if (value === "not a number") {
        numeric = false;
        break;
      } else {
        values.push(value);
        given++;
      }
    }
    if (!numeric || given === 0) continue;
    table.metricNames.push(field);
    for (const [i, value] of values.entries()) {
      const row = table.metrics[i] ?? [];
      row.push(value);
      table.metrics[i] = row;
    }
  }
  if (table.metricNames.length === 0) table.metrics = table.ids.map(() => []);
  return table;
}

interface RawRecord {
  line: number;
  id: string;
  values: Map<string, unknown>;
}

function columnNumber(fields: readonly string[], column: string, jsonl: boolean): { columnNumber?: number } {
  const index = fields.indexOf(column);
  return jsonl || index < 0 ? {} : { columnNumber: index + 1 };
}

function numberOf(raw: unknown): number | "blank" | "not a number" {
  if (raw === undefined || raw === null) return "blank";
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : "not a number";
  if (typeof raw !== "string") return "not a number";
  const text = raw.trim();
  if (BLANK.has(text.toLowerCase())) return "blank";
  return NUMBER.test(text) && !TOO_MANY_DIGITS.test(text) ? Number(text) : "not a number";
}

function csvRows(text: string, file: string, idColumn: string): { fields: string[]; records: RawRecord[] } {
  const parsed = parseCsv(text);
  if ("problem" in parsed) {
    const { line, columnNumber: at, reason } = parsed.problem;
    throw new InvalidInputFile(file, "items", { line, columnNumber: at }, reason);
  }
  const records = parsed.records.filter((r) => !(r.fields.length === 1 && (r.fields[0] ?? "").trim() === ""));
  const header = records[0];
  if (header === undefined)
    throw new InvalidInputFile(file, "items", { line: 1 }, "is empty: no header, no items");
  const fields = header.fields.map((f) => f.trim());
  const idIndex = fields.indexOf(idColumn);
  if (idIndex < 0) {
    throw new InvalidInputFile(
      file,
      "items",
      { line: header.line, column: idColumn },
      `no "${idColumn}" column: the columns are ${fields.join(", ")} (name the id column with --id-column)`,
      { columns: fields },
    );
  }
  const out: RawRecord[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== fields.length) {
      throw new InvalidInputFile(
        file,
        "items",
        { line: record.line },
        `has ${record.fields.length} field(s), the header has ${fields.length}`,
      );
    }
    const id = (record.fields[idIndex] ?? "").trim();
    if (id === "")
      throw new InvalidInputFile(
        file,
        "items",
        { line: record.line, column: idColumn, columnNumber: idIndex + 1 },
        "the id is blank",
      );
    out.push({ line: record.line, id, values: new Map(fields.map((f, i) => [f, record.fields[i]])) });
  }
  return { fields, records: out };
}

function jsonRows(text: string, file: string, idColumn: string): { fields: string[]; records: RawRecord[] } {
  const fields: string[] = [];
  const seen = new Set<string>();
  const out: RawRecord[] = [];
  for (const [index, rawLine] of text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .entries()) {
    const line = index + 1;
    const source = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (source.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (cause) {
      throw new InvalidInputFile(file, "items", { line }, `not JSON: ${(cause as Error).message}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new InvalidInputFile(file, "items", { line }, "not a JSON object");
    const record = value as Record<string, unknown>;
    const rawId = record[idColumn];
    const id =
      typeof rawId === "string"
        ? rawId.trim()
        : typeof rawId === "number" && Number.isSafeInteger(rawId)
          ? String(rawId)
          : "";
    if (id === "") {
      const keys = Object.keys(record);
      throw new InvalidInputFile(
        file,
        "items",
        { line, column: idColumn },
        rawId === undefined
          ? `no "${idColumn}" key: the keys are ${keys.slice(0, 12).join(", ")}${keys.length > 12 ? ", …" : ""} (name the id key with --id-column)`
          : `the id must be a non-blank string or an integer, got ${JSON.stringify(rawId)}`,
      );
    }
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
    }
    out.push({ line, id, values: new Map(Object.entries(record)) });
  }
  return { fields, records: out };
}
