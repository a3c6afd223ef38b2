import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CsvSyntaxError, parseCsv } from "./parseCsv.ts";

const quote = (cell: string) =>
  /[",\r\n]/.test(cell) || cell === "" ? `"${cell.replaceAll('"', '""')}"` : cell;

describe("parseCsv", () => {
  it("reads back any table written with quoting, with LF or CRLF line ends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        fc.constantFrom("\n", "\r\n"),
        (rows, eol) => {
          const text =
            rows.map((cells) => cells.map(quote).join(",")).join(eol) + (rows.length > 0 ? eol : "");
          assert.deepEqual(
            parseCsv(text).map((row) => row.cells),
            rows,
          );
        },
      ),
    );
  });

  it("gives the line each record starts on, counting line breaks inside quotes", () => {
    assert.deepEqual(parseCsv('a,"b\nc"\n\nd,e'), [
      { line: 1, cells: ["a", "b\nc"] },
      { line: 3, cells: [""] },
      { line: 4, cells: ["d", "e"] },
    ]);
  });

  it("refuses stray quotes and unclosed quoted cells, naming the line", () => {
    assert.throws(() => parseCsv('a,b\nc"d,e'), {
      name: "CsvSyntaxError",
      details: { line: 2, reason: "a quote inside an unquoted cell" },
    });
    assert.throws(() => parseCsv('"a"b,c'), CsvSyntaxError);
    assert.throws(() => parseCsv('a\n"b,c\n'), {
      details: { line: 2, reason: "a quoted cell is never closed" },
    });
  });
});
