// The errors of `guild allocate`: an input file that cannot be read, or one with a bad line.
import { GuildError } from "../../core/errors.ts";

/** An input file (items, pairs) cannot be read. */
export class InputFileUnreadable extends GuildError {
  constructor(file: string, role: "items" | "pairs", reason: string, options?: ErrorOptions) {
    super(`cannot read the ${role} file ${file}: ${reason}`, { file, role, reason }, options);
  }
}

/**
 * An input file has a bad line: `line` is 1-based, `column` names the field at fault (a CSV header or a
 * JSON key) and `columnNumber` is its 1-based position in a CSV row (absent for JSON lines).
 */
export class InvalidInputFile extends GuildError {
  constructor(
    file: string,
    role: "items" | "pairs",
    at: { line: number; column?: string; columnNumber?: number },
    reason: string,
    extra: Record<string, unknown> = {},
  ) {
    const where = `${file}:${at.line}${at.columnNumber === undefined ? "" : `:${at.columnNumber}`}`;
    const column = at.column === undefined ? "" : ` (${at.column})`;
    super(`${where}${column}: ${reason}`, {
      file,
      role,
      line: at.line,
      ...(at.column === undefined ? {} : { column: at.column }),
      ...(at.columnNumber === undefined ? {} : { columnNumber: at.columnNumber }),
      reason,
      ...extra,
    });
  }
}

/** The allocation cannot be written to the --out file (nothing is left half-written). */
export class OutputFileUnwritable extends GuildError {
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`cannot write ${file}: ${reason}`, { file, reason }, options);
  }
}
