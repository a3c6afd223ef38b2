// The server backend: a PostgreSQL server through node-postgres, a pool of connections from `DATABASE_URL`.
import pg from "pg";
import { GuildError } from "../core/errors.ts";
import type { SqlClient, SqlParam, SqlRow, SqlSession } from "./sqlClient.ts";
import { transactionClient, translated } from "./sqlClient.ts";
import {
  DatabaseUnavailable,
  StoreClosed,
  TransactionAborted,
  translateDatabaseError,
} from "./storeErrors.ts";

export interface PostgresClientOptions {
  /** Most connections the pool opens at once. */
  maxConnections?: number;
}

/**
 * Connects a pool to the PostgreSQL server at `databaseUrl` and checks that it answers.
 * @throws DatabaseUnavailable when the server cannot be reached
 */
export async function openPostgresClient(
  databaseUrl: string,
  options: PostgresClientOptions = {},
): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection dropped by the server: the pool replaces it, and the next query reports trouble.
  pool.on("error", () => undefined);
  let closed = false;
  const guard = () => {
    if (closed) throw new StoreClosed("the store is closed");
  };
  const session = (on: pg.Pool | pg.PoolClient): SqlSession => ({
    query: async (sql: string, params: readonly SqlParam[]) =>
      (await on.query<SqlRow>(sql, params as SqlParam[])).rows,
    exec: async (sql: string) => {
      await on.query(sql);
    },
  });
  const top = session(pool);
  const client: SqlClient = {
    kind: "postgres",
    query: async <Row extends SqlRow>(sql: string, params: readonly SqlParam[] = []) => {
      guard();
      return (await translated(top.query(sql, params))) as Row[];
    },
    exec: async (sql) => {
      guard();
      await translated(top.exec(sql));
    },
    transaction: async (fn) => {
      guard();
      const connection = await translated(pool.connect());
      let broken = false;
      let open = true;
      try {
        await translated(connection.query("BEGIN"));
        const result = await fn(transactionClient("postgres", session(connection), () => open));
        open = false;
        // PostgreSQL answers COMMIT of a transaction that hit an error with ROLLBACK, and no error.
        const commit = await translated(connection.query("COMMIT"));
        if (commit.command === "ROLLBACK") {
          throw new TransactionAborted(
            "the transaction could not commit: one of its statements failed and the error was caught",
          );
        }
        return result;
      } catch (error) {
        open = false;
        await connection.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        open = false;
        connection.release(broken);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  try {
    await client.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = translateDatabaseError(error);
    const url = redactUrl(databaseUrl);
    throw new DatabaseUnavailable(
      `cannot use the database at ${url}: ${reason instanceof Error ? reason.message : String(reason)}`,
      { url, ...(reason instanceof GuildError ? reason.details : {}) },
      { cause: error },
    );
  }
  return client;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unparsable URL)";
  }
}
