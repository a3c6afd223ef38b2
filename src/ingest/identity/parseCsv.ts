// A small RFC 4180 CSV reader: quoted cells may hold commas, quotes ("") and line breaks.
import { GuildError } from "../../core/errors.ts";

/** The text is not valid CSV; `line` is where the problem is (1-based). */
export class CsvSyntaxError extends GuildError {
  constructor(line: number, reason: string) {
    super(`CSV line ${line}: ${reason}`, { line, reason });
  }
}

/** One record and the line it starts on (1-based), so errors can point at it. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Parses CSV with comma separators, LF or CRLF line ends, and double-quoted cells. Every line is a
 * record, blank lines included (as one empty cell); a final line break does not start a record.
 * @throws CsvSyntaxError for a quote inside an unquoted cell, text after a closing quote, or an
 *   unterminated quoted cell
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = "";
  let i = 0;
  // Whether the current record has any character yet (an empty quoted cell counts).
  let rowOpen = false;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    rowOpen = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (cell !== "") throw new CsvSyntaxError(line, "a quote inside an unquoted cell");
      const start = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(start, "a quoted cell is never closed");
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === "\n") line += 1;
        cell += q;
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && text[i + 1] === "\n")) {
        throw new CsvSyntaxError(line, "text after a closing quote");
      }
      rowOpen = true;
      continue;
    }
    if (c === ",") {
      rowOpen = true;
      cells.push(cell);
      cell = "";
      i += 1;
      continue;
    }
    if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      endRow();
      i += c === "\r" ? 2 : 1;
      line += 1;
      rowLine = line;
      continue;
    }
    rowOpen = true;
    cell += c;
    i += 1;
  }
  if (rowOpen) endRow();
  return rows;
}
