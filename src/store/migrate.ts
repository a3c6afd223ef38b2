// Schema migrations: numbered SQL files applied in order, each in its own transaction, and recorded in
// `schema_migrations` with a checksum, so applying them again is a no-op and a changed one is noticed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SqlClient } from "./sqlClient.ts";
import { InvalidMigrations, MigrationChanged, MigrationFailed, SchemaTooNew } from "./storeErrors.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(import.meta.dirname, "migrations");

/** Serializes migrators across processes sharing one PostgreSQL server; a transaction-scoped lock. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('guild.schema_migrations'))";

/**
 * The migrations in `dir`: files named `NNNN_name.sql`, numbered 1, 2, 3, … without gaps.
 * @throws InvalidMigrations when the numbering has a gap or a duplicate
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (match === null) {
        throw new InvalidMigrations(`migration file ${file} is not named NNNN_name.sql`, { dir, file });
      }
      return { version: Number(match[1]), name: match[2] ?? "", sql: readFileSync(join(dir, file), "utf8") };
    });
  checkNumbering(migrations);
  return migrations;
}

/**
 * Applies the migrations `client` has not applied yet, in order, each in its own transaction together
 * with its row in `schema_migrations`: a migration that fails leaves nothing of itself behind, and
 * those before it stay applied. Concurrent migrators (several processes on one server) take turns.
 * @returns how many migrations were applied (0 when the schema was already current)
 * @throws MigrationFailed (with the database's error as its cause), MigrationChanged when an applied
 *   migration's SQL differs from `migrations`', SchemaTooNew when the database has migrations beyond them
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<number> {
  checkNumbering(migrations);
  await client.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  let applied = 0;
  for (const migration of migrations) {
    const checksum = sha256(migration.sql);
    const ran = await client.transaction(async (tx) => {
      await tx.query(LOCK);
      const rows = await tx.query<{ version: number; name: string; checksum: string }>(
        "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
      );
      const newest = rows.at(-1)?.version ?? 0;
      const known = migrations.at(-1)?.version ?? 0;
      if (newest > known) throw new SchemaTooNew(newest, known);
      const done = rows.find((row) => row.version === migration.version);
      if (done !== undefined) {
        if (done.checksum !== checksum) {
          throw new MigrationChanged(migration.version, migration.name, done.checksum, checksum);
        }
        return false;
      }
      try {
        await tx.exec(migration.sql);
      } catch (cause) {
        throw new MigrationFailed(migration.version, migration.name, cause);
      }
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        checksum,
      ]);
      return true;
    });
    if (ran) applied++;
  }
  return applied;
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new InvalidMigrations(
        `migration ${migration.name} has version ${migration.version}, expected ${i + 1}`,
        {
          name: migration.name,
          version: migration.version,
          expected: i + 1,
        },
      );
    }
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
