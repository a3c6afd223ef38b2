// Reads juror pairs in Deep Funding's CSV format for `guild allocate`, matched to the items by itemKey.
import { readFile } from "node:fs/promises";
import type { JurorPair } from "../../core/calibration/jurorPair.ts";
import { parseCsv } from "./allocateCsv.ts";
import { InputFileUnreadable, InvalidInputFile } from "./allocateErrors.ts";
import { itemKey } from "./allocateItemKey.ts";

/** The columns a pairs file must have; others (timestamp, parent, …) are read past. */
export const PAIR_COLUMNS = ["juror", "repo_a", "repo_b", "choice", "multiplier"] as const;

/** Juror pairs over item keys, and what was read. */
export interface PairTable {
  file: string;
  /** a and b are item keys (itemKey) of items in the items file. */
  pairs: JurorPair[];
  jurors: number;
}

/**
 * Reads the pairs file at `file`: CSV with a header naming at least PAIR_COLUMNS, as Deep Funding's
 * `timestamp,juror,repo_a,repo_b,parent,choice,multiplier`. `choice` 1 means repo_a deserves more, 2 means
 * repo_b; `multiplier` (a number ≥ 1) is how many times more. repo_a and repo_b must name items of the
 * items file, compared by itemKey (`known`: the items' keys).
 * @param itemsFile the items file's name, for messages
 * @throws InputFileUnreadable; InvalidInputFile naming the line and column of the first problem: a missing
 *   column, a blank juror, an item not in the items file, a pair of one item with itself, a choice other than
 *   1 or 2, a multiplier that is not a number ≥ 1, CSV syntax, or no pairs at all
 */
export async function readJurorPairs(
  file: string,
  known: ReadonlySet<string>,
  itemsFile: string,
): Promise<PairTable> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new InputFileUnreadable(file, "pairs", (cause as Error).message, { cause });
  }
  const parsed = parseCsv(text);
  if ("problem" in parsed) {
    const { line, columnNumber, reason } = parsed.problem;
    throw new InvalidInputFile(file, "pairs", { line, columnNumber }, reason);
  }
  const records = parsed.records.filter((r) => !(r.fields.length === 1 && (r.fields[0] ?? "").trim() === ""));
  const header = records[0];
  if (header === undefined)
    throw new InvalidInputFile(file, "pairs", { line: 1 }, "is empty: no header, no pairs");
  const columns = header.fields.map((f) => f.trim());
  const at = Object.fromEntries(PAIR_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<
    (typeof PAIR_COLUMNS)[number],
    number
  >;
  const missing = PAIR_COLUMNS.filter((c) => at[c] < 0);
  if (missing.length > 0) {
    throw new InvalidInputFile(
      file,
      "pairs",
      { line: header.line, column: missing[0] as string },
      `no ${missing.map((c) => `"${c}"`).join(", ")} column: a pairs file has ${PAIR_COLUMNS.join(", ")} (the columns are ${columns.join(", ")})`,
      { columns },
    );
  }
  const pairs: JurorPair[] = [];
  for (const record of records.slice(1)) {
    const line = record.line;
    if (record.fields.length !== columns.length)
      throw new InvalidInputFile(
        file,
        "pairs",
        { line },
        `has ${record.fields.length} field(s), the header has ${columns.length}`,
      );
    const field = (name: (typeof PAIR_COLUMNS)[number]) => (record.fields[at[name]] ?? "").trim();
    const bad = (name: (typeof PAIR_COLUMNS)[number], reason: string): never => {
      throw new InvalidInputFile(file, "pairs", { line, column: name, columnNumber: at[name] + 1 }, reason, {
        value: field(name),
      });
    };
    const juror = field("juror");
    if (juror === "") bad("juror", "the juror is blank");
    const a = itemKey(field("repo_a"));
    const b = itemKey(field("repo_b"));
    for (const [name, key] of [
      ["repo_a", a],
      ["repo_b", b],
    ] as const) {
      if (field(name) === "") bad(name, "the item is blank");
      if (!known.has(key)) bad(name, `"${field(name)}" is not an item of ${itemsFile}`);
    }
    if (a === b) bad("repo_b", `compares "${field("repo_a")}" with itself`);
    const choice = field("choice");
    if (choice !== "1" && choice !== "2")
      bad("choice", `choice must be 1 (repo_a) or 2 (repo_b), got "${choice}"`);
    const multiplierText = field("multiplier");
    const multiplier = Number(multiplierText);
    if (multiplierText === "" || !Number.isFinite(multiplier) || multiplier < 1)
      bad("multiplier", `the multiplier must be a number ≥ 1 (how many times more), got "${multiplierText}"`);
    pairs.push({ juror, a, b, winner: choice === "1" ? "a" : "b", multiplier });
  }
  if (pairs.length === 0) throw new InvalidInputFile(file, "pairs", { line: header.line }, "has no pairs");
  return { file, pairs, jurors: new Set(pairs.map((p) => p.juror)).size };
}
