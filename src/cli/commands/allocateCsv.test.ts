import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseCsv } from "./allocateCsv.ts";

/** A field as a careful writer quotes it. */
const encode = (field: string) =>
  /[",\r\n]/.test(field) || field === "" ? `"${field.replace(/"/g, '""')}"` : field;

describe("parseCsv", () => {
  it("reads back any rows written with RFC 4180 quoting, with their starting lines", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", " ", "é") }), {
            minLength: 1,
            maxLength: 4,
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.boolean(),
        (rows, crlf) => {
          const text = rows.map((r) => r.map(encode).join(",")).join(crlf ? "\r\n" : "\n");
          const parsed = parseCsv(text);
          assert.ok("records" in parsed);
          assert.deepEqual(
            parsed.records.map((r) => r.fields),
            rows,
          );
          let line = 1;
          for (const [i, row] of rows.entries()) {
            assert.equal(parsed.records[i]?.line, line);
            line += 1 + row.join("").split("\n").length - 1;
          }
        },
      ),
    );
  });

  it("skips blank lines and a byte-order mark, and names where quoting goes wrong", () => {
    const ok = parseCsv('\uFEFFid,n\n\na,"1"\r\n');
    assert.deepEqual(ok, {
      records: [
        { line: 1, fields: ["id", "n"] },
        { line: 3, fields: ["a", "1"] },
      ],
    });
    assert.deepEqual(parseCsv('id\n"open\n'), {
      problem: { line: 2, columnNumber: 1, reason: "a quoted field never closes" },
    });
    assert.deepEqual(parseCsv('a,"b"c\n'), {
      problem: { line: 1, columnNumber: 2, reason: "text after a closing quote (quote the whole field)" },
    });
  });
});
