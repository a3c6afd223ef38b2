// The data directory's lock: while `guild up` serves, it holds the embedded chain and the embedded database,
// which one process at a time may open, and says so in <data-dir>/node.lock (its pid and URL). Another
// command that would open them is then told who holds them, and where epoch steps can be run instead,
// rather than failing on a locked database or replaying the chain journal beside the node.
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GuildError } from "../core/errors.ts";

/** Another process (`guild up`) holds the data directory's chain and database. */
export class NodeLocked extends GuildError {}

/** What `guild up` writes into the lock. */
export interface NodeLockInfo {
  pid: number;
  /** Where it serves the API and the dashboard; null until it listens. */
  url: string | null;
  /** Unix seconds. */
  startedAt: number;
}

/** A lock this process holds. */
export interface HeldNodeLock {
  readonly path: string;
  /** Records the URL the node serves at, once it listens. */
  setUrl(url: string): void;
  /** Removes the lock, if it is still this process's. */
  release(): void;
}

export const nodeLockPath = (dataDir: string) => join(dataDir, "node.lock");

/**
 * The lock of `dataDir` when a live process other than this one holds it. A lock whose process is gone
 * (killed with SIGKILL, a crash) is stale and ignored, as is one that cannot be read.
 */
export function heldNodeLock(dataDir: string): NodeLockInfo | undefined {
  const lock = readLock(nodeLockPath(dataDir));
  if (lock === undefined || lock.pid === process.pid || !isAlive(lock.pid)) return undefined;
  return lock;
}

/**
 * Refuses to go on while another process holds `dataDir`, saying which and how to run epoch steps.
 * @throws NodeLocked with the holder's pid and URL
 */
export function assertNodeUnlocked(dataDir: string): void {
  const lock = heldNodeLock(dataDir);
  if (lock === undefined) return;
  const where = lock.url === null ? "(still starting)" : `at ${lock.url}`;
  const api = lock.url ?? "<its URL>";
  throw new NodeLocked(
    `guild up (pid ${lock.pid}) is serving this data directory ${where}: it holds the embedded chain and database, which one process at a time may open`,
    {
      pid: lock.pid,
      url: lock.url,
      lock: nodeLockPath(dataDir),
      hint:
        `run epoch steps from the dashboard (Epochs page, Operator panel, signed in as the operator) or with ` +
        `POST ${api}/v1/epochs/{id}/run and POST ${api}/v1/epochs/{id}/finalize; or stop guild up (Ctrl-C) ` +
        `and run the command again`,
    },
  );
}

/**
 * Takes the lock of `dataDir` for this process: created exclusively, so two `guild up` starting together
 * cannot both have it. A stale lock is replaced.
 * @throws NodeLocked when a live process holds it
 */
export function acquireNodeLock(dataDir: string, now: () => number = Date.now): HeldNodeLock {
  const path = nodeLockPath(dataDir);
  let info: NodeLockInfo = { pid: process.pid, url: null, startedAt: Math.floor(now() / 1000) };
  const write = (flag: "wx" | "w") => writeFileSync(path, `${JSON.stringify(info)}\n`, { flag });
  for (let attempt = 0; ; attempt++) {
    try {
      write("wx");
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      assertNodeUnlocked(dataDir);
      if (attempt >= 2) throw error;
      // Stale (its process is gone) or this process's own: replace it.
      removeLock(path);
    }
  }
  return {
    path,
    setUrl(url) {
      info = { ...info, url };
      write("w");
    },
    release() {
      if (readLock(path)?.pid === process.pid) removeLock(path);
    },
  };
}

function removeLock(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function readLock(path: string): NodeLockInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<NodeLockInfo>;
    if (!Number.isSafeInteger(parsed.pid) || (parsed.pid as number) <= 0) return undefined;
    return {
      pid: parsed.pid as number,
      url: typeof parsed.url === "string" ? parsed.url : null,
      startedAt: typeof parsed.startedAt === "number" ? parsed.startedAt : 0,
    };
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
