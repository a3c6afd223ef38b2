// The errors a payout Merkle tree throws: bad input leaves, duplicates, unknown accounts, bad indices.

import { GuildError } from "../errors.ts";

/** A payout leaf is malformed: `details.index` is its position, `details.field` the bad field. */
export class InvalidPayoutLeaf extends GuildError {
  constructor(index: number, field: string, value: unknown, reason: string) {
    super(`payout leaf ${index}: ${field} ${reason}`, { index, field, value, reason });
  }
}

/** Two payout leaves name the same account (compared case-insensitively). */
export class DuplicatePayoutAccount extends GuildError {
  constructor(account: string, firstIndex: number, duplicateIndex: number) {
    super(`account ${account} appears twice, at leaves ${firstIndex} and ${duplicateIndex}`, {
      account,
      firstIndex,
      duplicateIndex,
    });
  }
}

/** A payout tree needs at least one leaf. */
export class EmptyPayoutTree extends GuildError {
  constructor() {
    super("a payout tree needs at least one leaf", { leafCount: 0 });
  }
}

/** More leaves than a payout tree supports. */
export class PayoutTreeTooLarge extends GuildError {
  constructor(leafCount: number, maxLeafCount: number) {
    super(`a payout tree holds at most ${maxLeafCount} leaves, got ${leafCount}`, {
      leafCount,
      maxLeafCount,
    });
  }
}

/** A proof was asked for an account that is not a leaf of the tree (or is not an address at all). */
export class UnknownPayoutAccount extends GuildError {
  constructor(account: unknown, reason: string) {
    super(`no payout leaf for account ${String(account)}: ${reason}`, { account, reason });
  }
}

/** A leaf index outside [0, length). */
export class PayoutIndexOutOfRange extends GuildError {
  constructor(index: number, length: number) {
    super(`payout leaf index ${index} is outside [0, ${length})`, { index, length });
  }
}

/** The platform stores integers big-endian; the tree's word-level hashing assumes little-endian. */
export class UnsupportedPlatform extends GuildError {
  constructor(reason: string) {
    super(`unsupported platform: ${reason}`, { reason });
  }
}

/** Offsets that do not describe a buffer of 32-byte proof hashes. */
export class MalformedPayoutProofs extends GuildError {
  constructor(reason: string, details: Record<string, unknown>) {
    super(`malformed payout proofs: ${reason}`, details);
  }
}

/** A request for 32-byte hashes that do not lie inside the given bytes. */
export class HashesOutOfBounds extends GuildError {
  constructor(offset: number, count: number, byteLength: number) {
    super(`${count} hashes at byte ${offset} do not fit in ${byteLength} bytes`, {
      offset,
      count,
      byteLength,
    });
  }
}
