// The errors validateSpotCheck and the node throw for a juror's answer: one class per way it can be wrong.
import { GuildError } from "../errors.ts";

/** A spot-check answer was refused; the subclass says why and `details` carries the values. */
export class InvalidSpotCheck extends GuildError {}

/** A field is absent, unknown, or of the wrong type or shape. */
export class SpotCheckFieldInvalid extends InvalidSpotCheck {
  constructor(field: string, expected: string, value: unknown) {
    super(`spot check field ${field} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`, {
      field,
      expected,
      value: value === undefined ? "undefined" : value,
    });
  }
}

/** The pair compares a contribution with itself, or names a winner that is neither of the two. */
export class SpotCheckPairInvalid extends InvalidSpotCheck {}

/** The signature was not made by the juror over these fields for this guild. */
export class SpotCheckSignatureMismatch extends InvalidSpotCheck {}

/** The deadline has passed. */
export class SpotCheckExpired extends InvalidSpotCheck {
  constructor(deadline: number, now: number) {
    super(`the spot check expired at ${deadline} (now ${now})`, { deadline, now });
  }
}

/** The epoch, or a contribution of the pair, is not one the guild can be asked about. */
export class SpotCheckUnknownWork extends InvalidSpotCheck {}

/** A juror may not judge their own work. */
export class SpotCheckOwnWork extends InvalidSpotCheck {}
