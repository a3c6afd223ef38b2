// The errors of reading identities: address mapping files, identity claim files, conflicting identities.
import { GuildError } from "../../core/errors.ts";

/** An address mapping file cannot be read or is malformed; `line` (CSV) or `key` (JSON) points at it. */
export class InvalidAddressMapping extends GuildError {
  constructor(
    origin: string,
    reason: string,
    where: { line?: number; key?: string } = {},
    options?: ErrorOptions,
  ) {
    const at =
      where.line !== undefined
        ? ` line ${where.line}`
        : where.key !== undefined
          ? ` key ${JSON.stringify(where.key)}`
          : "";
    super(`address mapping ${origin}${at}: ${reason}`, { origin, reason, ...where }, options);
  }
}

/** An identity claims file cannot be read, is not a JSON array, or holds a claim that does not verify. */
export class InvalidIdentityClaims extends GuildError {
  constructor(origin: string, reason: string, index?: number, options?: ErrorOptions) {
    const at = index === undefined ? "" : ` claim ${index}`;
    super(`identity claims ${origin}${at}: ${reason}`, { origin, reason, index }, options);
  }
}

/** Two sources of identity (claims, mapping) give one source of work two different addresses. */
export class IdentityConflict extends GuildError {
  constructor(
    source: string,
    first: { address: string; from: string },
    second: { address: string; from: string },
  ) {
    super(
      `${source} is ${first.address} by ${first.from} but ${second.address} by ${second.from}; remove one`,
      { source, first, second },
    );
  }
}
