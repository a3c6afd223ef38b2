// Reads CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows that remember their line numbers.

/** One record: its fields, and the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The text is not valid CSV: where, and why. */
export interface CsvSyntaxProblem {
  line: number;
  columnNumber: number;
  reason: string;
}

/**
 * The records of `text`, blank lines skipped, a leading byte-order mark ignored. A field is quoted when it
 * starts with `"`; inside, `""` is a quote and commas and line breaks are text. Fields are not trimmed.
 * @returns the records, or the first syntax problem (a quote that never closes, text after a closing quote)
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { problem: CsvSyntaxProblem } {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    // A blank line is no record.
    if (source[i] === "\n" || (source[i] === "\r" && source[i + 1] === "\n")) {
      i += source[i] === "\r" ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (source[i] === '"') {
        const openedLine = line;
        i++;
        for (;;) {
          if (i >= source.length)
            return {
              problem: {
                line: openedLine,
                columnNumber: fields.length + 1,
                reason: "a quoted field never closes",
              },
            };
          const c = source[i] as string;
          if (c === '"') {
            if (source[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        const next = source[i];
        if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && source[i + 1] === "\n"))
          return {
            problem: {
              line,
              columnNumber: fields.length + 1,
              reason: "text after a closing quote (quote the whole field)",
            },
          };
      } else {
        while (
          i < source.length &&
          source[i] !== "," &&
          source[i] !== "\n" &&
          !(source[i] === "\r" && source[i + 1] === "\n")
        ) {
          field += source[i];
          i++;
        }
      }
      fields.push(field);
      if (source[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (source[i] === "\r") i++;
    if (source[i] === "\n") {
      i++;
      line++;
    }
    records.push({ line: start, fields });
  }
  return { records };
}
