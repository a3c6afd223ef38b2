// The errors validateEndorsement, the node and the store throw for an endorsement: one class per way it
// can be refused, each answered by the API under its own name.
import { GuildError } from "../errors.ts";

/** An endorsement was refused; the subclass says why and `details` carries the values. */
export class InvalidEndorsement extends GuildError {}

/** A field is absent, unknown, or of the wrong type or shape. */
export class EndorsementFieldInvalid extends InvalidEndorsement {
  constructor(field: string, expected: string, value: unknown) {
    super(`endorsement field ${field} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`, {
      field,
      expected,
      value: value === undefined ? "undefined" : value,
    });
  }
}

/** The deadline has passed. */
export class EndorsementExpired extends InvalidEndorsement {
  constructor(deadline: number, now: number) {
    super(`the endorsement expired at ${deadline} (now ${now})`, { deadline, now });
  }
}

/** The signature was not made by the endorser over these fields for this guild. */
export class EndorsementSignatureMismatch extends InvalidEndorsement {}

/** There is no such contribution. */
export class EndorsementUnknownContribution extends InvalidEndorsement {}

/** The endorser is the contribution's contributor: no one endorses their own work. */
export class EndorsementOwnWork extends InvalidEndorsement {}

/** The endorser holds no reputation: only members who have done paid work for the guild endorse. */
export class EndorserNotMember extends InvalidEndorsement {}

/** The contribution's epoch is closed: its endorsements were fixed when it closed, for its assessment. */
export class EndorsementWindowClosed extends InvalidEndorsement {}

/** The endorser endorsed this contribution before (one endorsement per contribution and endorser). */
export class EndorsementAlreadyGiven extends GuildError {}
