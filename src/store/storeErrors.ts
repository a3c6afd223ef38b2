// The errors the store throws, and the one place where database errors become them.
import { GuildError } from "../core/errors.ts";

/** A nonce was already used by this signer: the signed write is a replay. */
export class NonceAlreadyUsed extends GuildError {
  constructor(address: string, nonce: bigint) {
    super(`nonce ${nonce} of ${address} was already used`, { address, nonce });
  }
}

/** A contribution's id is not the hash of its content. */
export class ContributionIdMismatch extends GuildError {
  constructor(id: string, expected: string) {
    super(`contribution id ${id} is not the hash of its content (${expected})`, { id, expected });
  }
}

/** A source name is already mapped to another address. */
export class IdentityConflict extends GuildError {
  constructor(source: string, name: string, address: string, existing: string) {
    super(`${source}:${name} is already mapped to ${existing}, not ${address}`, {
      source,
      name,
      address,
      existing,
    });
  }
}

/** The job is not leased by this owner (it is unknown, queued again, done, or leased by another). */
export class JobNotLeased extends GuildError {
  constructor(jobId: string, owner: string, status: string | undefined, leaseOwner: string | undefined) {
    super(
      status === undefined
        ? `job ${jobId} does not exist`
        : `job ${jobId} is not leased by ${owner} (it is ${status}${leaseOwner === undefined ? "" : `, last leased by ${leaseOwner}`})`,
      { jobId, owner, status, leaseOwner },
    );
  }
}

/** No epoch with this id. */
export class EpochNotFound extends GuildError {
  constructor(epochId: number) {
    super(`epoch ${epochId} does not exist`, { epochId });
  }
}

/** The epoch is not in the state the change expected: another runner moved it first. */
export class EpochStateConflict extends GuildError {
  constructor(epochId: number, expected: string, actual: string, to: string) {
    super(`epoch ${epochId} is ${actual}, not ${expected}: refusing to move it to ${to}`, {
      epochId,
      expected,
      actual,
      to,
    });
  }
}

/** A migration failed; its transaction was rolled back, so nothing of it is left. */
export class MigrationFailed extends GuildError {
  constructor(version: number, name: string, cause: unknown) {
    super(
      `migration ${version} (${name}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { version, name },
      { cause },
    );
  }
}

/** An applied migration's SQL differs from the one this build ships: the database was set up by other code. */
export class MigrationChanged extends GuildError {
  constructor(version: number, name: string, appliedChecksum: string, checksum: string) {
    super(`migration ${version} (${name}) was applied with different SQL`, {
      version,
      name,
      appliedChecksum,
      checksum,
    });
  }
}

/** The migration files are not numbered 1, 2, 3, … in order. */
export class InvalidMigrations extends GuildError {}

/** The database has migrations this build does not know: it was written by a newer Guild. */
export class SchemaTooNew extends GuildError {
  constructor(appliedVersion: number, knownVersion: number) {
    super(`the database is at schema version ${appliedVersion}, this build knows up to ${knownVersion}`, {
      appliedVersion,
      knownVersion,
    });
  }
}

/** Neither a data directory nor a database URL was given. */
export class InvalidStoreOptions extends GuildError {}

/** The store (or the transaction) was used after it was closed (or had ended). */
export class StoreClosed extends GuildError {}

/** Another process (or another store in this one) has the embedded database open. */
export class StoreLocked extends GuildError {
  constructor(dir: string, pid: number) {
    super(`the database in ${dir} is open in process ${pid}`, { dir, pid });
  }
}

/** A juror answered this pair of contributions before. */
export class SpotCheckAlreadyAnswered extends GuildError {}

/** A value the schema refuses: out of range, malformed, missing. */
export class InvalidStoreValue extends GuildError {}

/** A row refers to one that does not exist (a job for an unknown contribution, payouts of an unknown epoch). */
export class MissingReference extends GuildError {}

/** The transaction hit an error that its function caught, so it could not commit; nothing was written. */
export class TransactionAborted extends GuildError {}

/** Retryable: the transaction lost a serialization race or a deadlock; running it again may succeed. */
export class TransactionConflict extends GuildError {}

/** Retryable: the database server could not be reached or dropped the connection. */
export class DatabaseUnavailable extends GuildError {}

/** Any other database error; a bug or a database set up by other code. */
export class DatabaseError extends GuildError {}

interface PostgresErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  detail?: unknown;
  message?: unknown;
  name?: unknown;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"]);

/**
 * Turns an error from either driver (PGlite or node-postgres, which share PostgreSQL's SQLSTATE codes)
 * into a typed store error carrying the code, constraint, table, column and detail. GuildErrors and
 * errors that do not come from the database (a transaction function's own) are returned as they are.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof GuildError || typeof error !== "object" || error === null) return error;
  const e = error as PostgresErrorFields;
  const message = typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "string" ? e.code : undefined;
  if (e.name === "TransactionAbortedError") {
    return new TransactionAborted(`the transaction could not commit: ${message}`, {}, { cause: error });
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new DatabaseUnavailable(`the database is unreachable: ${message}`, { code }, { cause: error });
  }
  if (/^Connection terminated|^Client has encountered a connection error/.test(message)) {
    return new DatabaseUnavailable(`the database connection was lost: ${message}`, {}, { cause: error });
  }
  if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) return error;
  const details: Record<string, unknown> = { code };
  for (const field of ["constraint", "table", "column", "detail"] as const) {
    if (typeof e[field] === "string") details[field] = e[field];
  }
  const options = { cause: error };
  const where = typeof e.constraint === "string" ? ` (${e.constraint})` : "";
  // SQLSTATE classes: 22 data exception, 23 integrity constraint violation, 40 transaction rollback,
  // 08 connection exception, 57P0x operator intervention (server shutting down).
  if (code === "23503") return new MissingReference(`${message}${where}`, details, options);
  if (code.startsWith("22") || code.startsWith("23")) {
    return new InvalidStoreValue(`${message}${where}`, details, options);
  }
  if (code === "40001" || code === "40P01") return new TransactionConflict(message, details, options);
  if (code === "25P02") return new TransactionAborted(message, details, options);
  if (code.startsWith("08") || code.startsWith("57P") || code === "53300") {
    return new DatabaseUnavailable(message, details, options);
  }
  return new DatabaseError(message, details, options);
}
