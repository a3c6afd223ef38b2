// The errors calibration throws: malformed juror pairs, pairs naming unknown items, bad options and inputs.
import { GuildError } from "../errors.ts";

/** A juror pair is malformed: `details.index` is its position in the input, `details.field` the bad field. */
export class InvalidJurorPair extends GuildError {
  constructor(index: number, field: string, value: unknown, reason: string) {
    super(`juror pair ${index}: ${field} ${reason}, got ${String(value)}`, { index, field, value, reason });
  }
}

/** A juror pair (or a set of weights being scored) names an item that is not among the items. */
export class UnknownPairItem extends GuildError {
  constructor(index: number, side: "a" | "b", item: string) {
    super(`juror pair ${index}: item ${side} "${item}" is not among the items`, { index, side, item });
  }
}

/** Two items have the same id. */
export class DuplicateItem extends GuildError {
  constructor(item: string, firstIndex: number, duplicateIndex: number) {
    super(`item "${item}" appears twice, at ${firstIndex} and ${duplicateIndex}`, {
      item,
      firstIndex,
      duplicateIndex,
    });
  }
}

/** An option of a fit or a metric is out of range: `details.name` names it. */
export class InvalidCalibrationOption extends GuildError {
  constructor(name: string, value: unknown, reason: string) {
    super(`${name} ${reason}, got ${String(value)}`, { name, value, reason });
  }
}

/** A feature matrix or a score vector is malformed (wrong length, a value that is not finite). */
export class InvalidCalibrationInput extends GuildError {
  constructor(what: string, value: unknown, reason: string) {
    super(`${what} ${reason}, got ${String(value)}`, { what, value, reason });
  }
}
