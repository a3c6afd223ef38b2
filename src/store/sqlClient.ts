// The narrow SQL connection both backends provide (PGlite and node-postgres): the store's SQL is the
// same on both, and only how a connection is made differs.
import { StoreClosed, translateDatabaseError } from "./storeErrors.ts";

/**
 * A query parameter. Only these, so that both drivers send the same text: money and other bigints go
 * as decimal strings, JSON as a string cast with `::jsonb`, times as unix seconds in `to_timestamp()`.
 */
export type SqlParam = string | number | boolean | null;

/** A result row. Both drivers give int4 and float8 as number, numeric as string, jsonb parsed, timestamptz as Date. */
export type SqlRow = Record<string, unknown>;

export interface SqlClient {
  readonly kind: "pglite" | "postgres";
  /** Runs one statement; errors are already the store's typed errors. */
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs a script of statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction on one connection and commits if it returns, rolls back if it throws.
   * Inside, `transaction` nests as a savepoint. Use only `tx` inside `fn`: on PGlite the outer client
   * waits for the transaction to end, so using it there deadlocks.
   * @throws TransactionAborted when `fn` caught a database error and returned: nothing was written
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One connection's raw statements, as a driver runs them. */
export interface SqlSession {
  query(sql: string, params: readonly SqlParam[]): Promise<SqlRow[]>;
  exec(sql: string): Promise<void>;
}

/**
 * The client of an open transaction on `session`: every error translated, `transaction` as a
 * savepoint, and refused once `isOpen()` turns false (a transaction object kept past its end).
 */
export function transactionClient(
  kind: SqlClient["kind"],
  session: SqlSession,
  isOpen: () => boolean,
  depth = 1,
): SqlClient {
  const guard = () => {
    if (!isOpen()) throw new StoreClosed("the transaction has already ended; use the store instead");
  };
  const client: SqlClient = {
    kind,
    query: async <Row extends SqlRow>(sql: string, params: readonly SqlParam[] = []) => {
      guard();
      return (await translated(session.query(sql, params))) as Row[];
    },
    exec: async (sql) => {
      guard();
      await translated(session.exec(sql));
    },
    transaction: async (fn) => {
      guard();
      const name = `guild_savepoint_${depth}`;
      await client.exec(`SAVEPOINT ${name}`);
      let open = true;
      const inner = transactionClient(kind, session, () => open && isOpen(), depth + 1);
      try {
        const result = await fn(inner);
        open = false;
        await client.exec(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        open = false;
        // If even this fails, the outer transaction cannot commit either; the first error says why.
        if (isOpen()) await client.exec(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        throw error;
      }
    },
    close: async () => {
      throw new StoreClosed("a transaction cannot close its store");
    },
  };
  return client;
}

/** Awaits `promise`, rethrowing its error as the store's typed error. */
export async function translated<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
