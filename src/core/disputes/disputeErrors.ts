// The errors validateDispute, the node and the store throw for a dispute: one class per way it can be
// refused, each answered by the API under its own name.
import { GuildError } from "../errors.ts";

/** A dispute was refused; the subclass says why and `details` carries the values. */
export class InvalidDispute extends GuildError {}

/** A field is absent, unknown, or of the wrong type, shape or length. */
export class DisputeFieldInvalid extends InvalidDispute {
  constructor(field: string, expected: string, value: unknown) {
    const shown = typeof value === "string" && value.length > 200 ? `${value.slice(0, 200)}…` : value;
    super(`dispute field ${field} must be ${expected}, got ${JSON.stringify(shown) ?? String(shown)}`, {
      field,
      expected,
      value: shown === undefined ? "undefined" : shown,
    });
  }
}

/** The deadline has passed. */
export class DisputeExpired extends InvalidDispute {
  constructor(deadline: number, now: number) {
    super(`the dispute expired at ${deadline} (now ${now})`, { deadline, now });
  }
}

/** The signature was not made by the disputant over these fields for this guild. */
export class DisputeSignatureMismatch extends InvalidDispute {}

/** The disputant is not the contribution's contributor: only they may dispute its verdicts. */
export class DisputeNotContributor extends InvalidDispute {}

/** No such contribution, or no verdict of the named evaluator on it (yet). */
export class DisputeUnknownVerdict extends InvalidDispute {}

/** Too late: the contribution's epoch is finalized, or its challenge window on chain has ended. */
export class DisputeWindowClosed extends InvalidDispute {}

/** The disputant already disputed this verdict (one dispute per contribution, evaluator and disputant). */
export class DisputeAlreadyFiled extends GuildError {}
