// The store suite on a PostgreSQL server: the one at DATABASE_URL when it is set (each group of tests
// gets its own database there, dropped afterwards), otherwise a throwaway server started from the
// machine's PostgreSQL binaries. No PostgreSQL at all is a failure, not a skip: CI installs it.
import { openPostgresClient, redactUrl } from "./postgresClient.ts";
import type { SqlClient } from "./sqlClient.ts";
import { storeSuite } from "./storeSuite.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./testing/throwawayPostgres.ts";

let server: ThrowawayPostgres | undefined;
let admin: SqlClient | undefined;
const databases: string[] = [];

storeSuite({
  name: "PostgreSQL",
  sharedAccess: true,
  setup: async () => {
    const given = process.env.DATABASE_URL;
    server =
      given !== undefined && given !== ""
        ? { url: given, close: async () => undefined }
        : await startThrowawayPostgres();
    admin = await openPostgresClient(server.url, { maxConnections: 1 });
  },
  fresh: async () => {
    if (server === undefined || admin === undefined) throw new Error("setup did not run");
    const name = `guild_test_${process.pid}_${databases.length + 1}`;
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } catch (error) {
      throw new Error(
        `the store tests create a database per group on ${redactUrl(server.url)}, and could not: ` +
          `${(error as Error).message} (the role needs CREATEDB)`,
        { cause: error },
      );
    }
    databases.push(name);
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    return { databaseUrl: url.toString() };
  },
  teardown: async () => {
    for (const name of databases) await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.close();
    await server?.close();
  },
});
