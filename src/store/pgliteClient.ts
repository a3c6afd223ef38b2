// The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in this process, its data in a
// directory. PGlite has one connection, so a transaction simply holds it; other calls wait their turn.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlClient, SqlParam, SqlRow, SqlSession } from "./sqlClient.ts";
import { transactionClient, translated } from "./sqlClient.ts";
import { StoreClosed, StoreLocked, translateDatabaseError } from "./storeErrors.ts";

/**
 * Server settings for the embedded database. PostgreSQL's default 128 MB of shared buffers lives in
 * PGlite's WebAssembly memory, in this process, for as long as it runs; 16 MB keeps an epoch of 100,000
 * contributions fast (pages it evicts come back from the operating system's file cache) at a fraction
 * of the resident memory.
 */
const SETTINGS = ["-c", "shared_buffers=16MB"];

/** Directories opened by this process: a second PGlite on the same files would corrupt them. */
const openDirs = new Set<string>();

/**
 * Opens (creating if needed) the PGlite database in `dir`. A lock file beside it (`<dir>.lock`, with
 * the owner's pid) keeps a second process, or a second store in this one, from opening the same files;
 * a lock left by a process that no longer runs is taken over.
 * @throws StoreLocked when a live process holds the lock
 */
export async function openPgliteClient(dir: string): Promise<SqlClient> {
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  const unlock = lockDir(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...SETTINGS] });
  } catch (error) {
    unlock();
    throw translateDatabaseError(error);
  }
  let closed = false;
  const guard = () => {
    if (closed) throw new StoreClosed("the store is closed", { dir });
  };
  const session = (on: PGlite | Transaction): SqlSession => ({
    query: async (sql: string, params: readonly SqlParam[]) =>
      (await on.query<SqlRow>(sql, params as SqlParam[])).rows,
    exec: async (sql: string) => {
      await on.exec(sql);
    },
  });
  const top = session(db);
  return {
    kind: "pglite",
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
      let thrown: { error: unknown } | undefined;
      try {
        return await db.transaction(async (tx) => {
          let open = true;
          try {
            return await fn(transactionClient("pglite", session(tx), () => open));
          } catch (error) {
            thrown = { error };
            throw error;
          } finally {
            open = false;
          }
        });
      } catch (error) {
        // The function's own error passes through as it is; BEGIN's or COMMIT's is translated.
        if (thrown !== undefined && thrown.error === error) throw error;
        throw translateDatabaseError(error);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Takes `<dir>.lock` for this process; returns the function that releases it. */
function lockDir(dir: string): () => void {
  const key = resolve(dir);
  const path = `${key}.lock`;
  if (openDirs.has(key)) throw new StoreLocked(dir, process.pid);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      openDirs.add(key);
      return () => {
        openDirs.delete(key);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
      throw new StoreLocked(dir, pid);
    }
    // Left behind by a process that is gone (or by this one before a crash of its store): take it over.
    rmSync(path, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
