import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAddressMapping } from "./addressMapping.ts";
import { InvalidAddressMapping } from "./identityErrors.ts";
import { readAddressMapping } from "./readAddressMapping.ts";

const A = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const B = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("parseAddressMapping", () => {
  it("reads JSON: identity → address, keys trimmed and lower-cased, addresses checksummed", () => {
    const mapping = parseAddressMapping(
      JSON.stringify({ " Alice@Example.org": A.toLowerCase(), "Bob Builder": B }),
      "json",
      "m.json",
    );
    assert.deepEqual(
      [...mapping],
      [
        ["alice@example.org", A],
        ["bob builder", B],
      ],
    );
  });

  it("reads CSV with an optional header, comments, blank lines and quoted names", () => {
    const csv = `identity,address\n# the core team\nalice@example.org,${A}\n\n"Builder, Bob",${B}\r\nALICE@example.org , ${A}\n`;
    assert.deepEqual(
      [...parseAddressMapping(csv, "csv", "m.csv")],
      [
        ["alice@example.org", A],
        ["builder, bob", B],
      ],
    );
    assert.equal(parseAddressMapping(`a,${A}`, "csv", "m.csv").get("a"), A);
  });

  it("refuses bad addresses, conflicting and empty identities, and malformed files, naming where", () => {
    const refuses = (text: string, format: "json" | "csv", where: Record<string, unknown>) =>
      assert.throws(
        () => parseAddressMapping(text, format, "m"),
        (error: unknown) => {
          assert.ok(error instanceof InvalidAddressMapping);
          for (const [key, value] of Object.entries(where)) assert.equal(error.details[key], value, key);
          return true;
        },
      );
    refuses(`a,${A}\nb,0x1234\n`, "csv", { line: 2 });
    refuses(`a,${A.replace("f39F", "f39f")}\n`, "csv", { line: 1 }); // bad checksum
    refuses(`a,${A}\nA,${B}\n`, "csv", { line: 2 });
    refuses(`a,${A},extra\n`, "csv", { line: 1 });
    refuses(`a\n`, "csv", { line: 1 });
    refuses(` ,${A}\n`, "csv", { line: 1 });
    refuses(`a,"${A}\n`, "csv", { line: 1 });
    refuses(JSON.stringify({ a: 7 }), "json", { key: "a" });
    refuses(JSON.stringify([A]), "json", { origin: "m" });
    refuses("{", "json", { origin: "m" });
  });
});

describe("readAddressMapping", () => {
  it("reads .json and .csv files and refuses other names and missing files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guild-mapping-"));
    try {
      writeFileSync(join(dir, "m.json"), JSON.stringify({ a: A }));
      writeFileSync(join(dir, "m.CSV"), `b,${B}\n`);
      writeFileSync(join(dir, "m.txt"), `b,${B}\n`);
      assert.equal((await readAddressMapping(join(dir, "m.json"))).get("a"), A);
      assert.equal((await readAddressMapping(join(dir, "m.CSV"))).get("b"), B);
      await assert.rejects(readAddressMapping(join(dir, "m.txt")), InvalidAddressMapping);
      await assert.rejects(readAddressMapping(join(dir, "missing.json")), InvalidAddressMapping);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
