// The errors of importing a grant round: an unreadable file, bad lines, a bad mapping.
import { GuildError } from "../../core/errors.ts";

/** One problem with one line of a round file (1-based line number); `field` when one field is at fault. */
export interface RoundLineProblem {
  line: number;
  field?: string;
  reason: string;
}

/**
 * A round file has bad lines. The import is all or nothing: nothing is imported, and `problems`
 * lists every problem of every bad line (the message shows the first 20).
 */
export class InvalidRoundFile extends GuildError {
  constructor(file: string, problems: readonly RoundLineProblem[]) {
    const lines = new Set(problems.map((p) => p.line)).size;
    const shown = problems
      .slice(0, 20)
      .map((p) => `line ${p.line}: ${p.field === undefined ? "" : `${p.field}: `}${p.reason}`)
      .join("\n  ");
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : "";
    super(`${file} has ${lines} bad line(s); nothing was imported:\n  ${shown}${more}`, { file, problems });
  }
}

/** The round file cannot be read. */
export class RoundFileUnreadable extends GuildError {
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`cannot read round file ${file}: ${reason}`, { file, reason }, options);
  }
}

/** A round mapping is malformed; `field` is the mapping's entry at fault. */
export class InvalidRoundMapping extends GuildError {
  constructor(origin: string, field: string, reason: string, options?: ErrorOptions) {
    super(`round mapping ${origin}: ${field} ${reason}`, { origin, field, reason }, options);
  }
}
