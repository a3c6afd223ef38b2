import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderTable } from "./table.ts";

describe("renderTable", () => {
  it("sizes columns to their content and right-aligns numbers", () => {
    const text = renderTable(
      [
        { header: "who", value: (r: { who: string; paid: string }) => r.who },
        { header: "paid", value: (r) => r.paid, align: "right" },
      ],
      [
        { who: "alice", paid: "3,000.00" },
        { who: "bo", paid: "12.50" },
      ],
    );
    assert.equal(text, ["who        paid", "alice  3,000.00", "bo        12.50"].join("\n"));
  });
});
