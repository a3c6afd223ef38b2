// The errors validateSubmission throws: one class per way a signed submission can be wrong.
import type { Address } from "viem";
import { GuildError } from "../errors.ts";

/** A signed submission was refused; the subclass says why and `details` carries the values. */
export class InvalidSubmission extends GuildError {}

/** The submission is not a JSON object. */
export class SubmissionNotAnObject extends InvalidSubmission {
  constructor(actual: string) {
    super(`a submission must be a JSON object, got ${actual}`, { actual });
  }
}

/** A required field is absent. */
export class SubmissionFieldMissing extends InvalidSubmission {
  constructor(field: string) {
    super(`submission field ${field} is missing`, { field });
  }
}

/** A field the submission format does not have (it would not be signed, so it is refused). */
export class SubmissionFieldUnknown extends InvalidSubmission {
  constructor(field: string) {
    super(`submission field ${field} is unknown`, { field });
  }
}

/** A field holds a value of the wrong type or shape; `expected` says what it must be. */
export class SubmissionFieldMistyped extends InvalidSubmission {
  constructor(field: string, expected: string, value: unknown) {
    super(`submission field ${field} must be ${expected}, got ${describeValue(value)}`, {
      field,
      expected,
      value,
    });
  }
}

/** The kind is not one of CONTRIBUTION_KINDS. */
export class UnknownContributionKind extends InvalidSubmission {
  constructor(kind: string, allowed: readonly string[]) {
    super(`kind ${JSON.stringify(kind)} is not one of ${allowed.join(", ")}`, { kind, allowed });
  }
}

/** The title is empty or blank. */
export class SubmissionTitleEmpty extends InvalidSubmission {
  constructor() {
    super("submission title is empty", { field: "title" });
  }
}

/** The title or description is longer than the limit (in Unicode code points); it is refused, not cut. */
export class SubmissionTextTooLong extends InvalidSubmission {
  constructor(field: "title" | "description", length: number, max: number) {
    super(`submission ${field} is ${length} characters, more than the ${max} allowed`, {
      field,
      length,
      max,
    });
  }
}

/** More links than MAX_LINKS. */
export class TooManyLinks extends InvalidSubmission {
  constructor(count: number, max: number) {
    super(`submission has ${count} links, more than the ${max} allowed`, { count, max });
  }
}

/** A link that is not an absolute http or https URL. */
export class LinkNotHttp extends InvalidSubmission {
  constructor(index: number, link: string) {
    super(`submission links[${index}] ${JSON.stringify(link)} is not an http(s) URL`, { index, link });
  }
}

/** More metrics than MAX_METRICS. */
export class TooManyMetrics extends InvalidSubmission {
  constructor(count: number, max: number) {
    super(`submission has ${count} metrics, more than the ${max} allowed`, { count, max });
  }
}

/** The epoch named is unknown or no longer open for submissions. */
export class EpochNotOpen extends InvalidSubmission {
  constructor(epochId: number, openEpochs: readonly number[]) {
    const open = openEpochs.length === 0 ? "none" : openEpochs.join(", ");
    super(`epoch ${epochId} is unknown or closed (open epochs: ${open})`, { epochId, openEpochs });
  }
}

/** The deadline has passed. */
export class SubmissionExpired extends InvalidSubmission {
  constructor(deadline: number, now: number) {
    super(`submission deadline ${deadline} has passed (now ${now})`, { deadline, now });
  }
}

/**
 * The signature was not made by the contributor over these fields for this guild. `signer` is the
 * address it recovers to over these fields (whoever signed them if only the signature is wrong, an
 * unrelated address if the fields were changed after signing), or null when it recovers to none.
 */
export class SubmissionSignatureMismatch extends InvalidSubmission {
  constructor(contributor: Address, signer: Address | null) {
    const recovered = signer === null ? "recovers to no address" : `recovers to ${signer}`;
    super(`submission signature does not verify for contributor ${contributor} (it ${recovered})`, {
      contributor,
      signer,
    });
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `the ${typeof value} ${String(value)}`;
  }
  return `a value of type ${typeof value}`;
}
