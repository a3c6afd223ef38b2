// Opens the store: PGlite in the data directory by default, a PostgreSQL server when a URL is given,
// with the schema migrated to this build's version either way.
import { join } from "node:path";
import { migrate } from "./migrate.ts";
import { openPgliteClient } from "./pgliteClient.ts";
import { openPostgresClient } from "./postgresClient.ts";
import type { SqlClient } from "./sqlClient.ts";
import { sqlStore } from "./sqlStore.ts";
import type { Store } from "./store.ts";
import { InvalidStoreOptions } from "./storeErrors.ts";

export interface OpenStoreOptions {
  /** The guild's data directory; the embedded database lives in `<dataDir>/store`. */
  dataDir?: string;
  /** A PostgreSQL server (`DATABASE_URL`); when set and not empty it wins over `dataDir`. */
  databaseUrl?: string | undefined;
  /** The clock, in unix seconds, for every time the store writes; the wall clock by default. */
  now?: () => number;
}

/**
 * Opens the store and applies any migrations the database lacks. Close it with `close()`.
 * @throws InvalidStoreOptions when neither `databaseUrl` nor `dataDir` is given; StoreLocked when another
 *   process has the embedded database open; DatabaseUnavailable when the server cannot be used; the
 *   migration errors of `migrate`
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const client = await openSqlClient(options);
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return sqlStore(client, options.now ?? (() => Math.floor(Date.now() / 1000)));
}

/** The raw SQL connection `openStore` would use, without migrating: for migrations and tests. */
export async function openSqlClient(options: OpenStoreOptions): Promise<SqlClient> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
    return openPostgresClient(options.databaseUrl);
  }
  if (options.dataDir !== undefined) return openPgliteClient(join(options.dataDir, "store"));
  throw new InvalidStoreOptions("the store needs a data directory or a database URL", {});
}
