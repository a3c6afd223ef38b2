// The data directory's lock: taken exclusively, refused while its process lives (naming the pid, the URL
// and where epoch steps run instead), ignored once that process is gone, removed by its holder only.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { acquireNodeLock, assertNodeUnlocked, heldNodeLock, NodeLocked, nodeLockPath } from "./nodeLock.ts";

/** The pid of a process that has exited: a stale lock's. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

describe("node lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-lock-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is written with this process's pid, then its URL, and removed on release", () => {
    const dataDir = mkdtempSync(join(dir, "a-"));
    const lock = acquireNodeLock(dataDir, () => 1_700_000_000_000);
    assert.deepEqual(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")), {
      pid: process.pid,
      url: null,
      startedAt: 1_700_000_000,
    });
    lock.setUrl("http://127.0.0.1:7450");
    assert.equal(JSON.parse(readFileSync(lock.path, "utf8")).url, "http://127.0.0.1:7450");
    // This process's own lock holds nothing against it.
    assert.equal(heldNodeLock(dataDir), undefined);
    assertNodeUnlocked(dataDir);
    lock.release();
    assert.equal(existsSync(lock.path), false);
    lock.release();
  });

  it("refuses while a live process holds it, naming its pid, its URL and the API's epoch routes", () => {
    const dataDir = mkdtempSync(join(dir, "b-"));
    // The test runner's parent process stands for a live `guild up`.
    const holder = { pid: process.ppid, url: "http://127.0.0.1:7451", startedAt: 1 };
    writeFileSync(nodeLockPath(dataDir), JSON.stringify(holder));
    assert.deepEqual(heldNodeLock(dataDir), holder);
    const refused = (() => {
      try {
        assertNodeUnlocked(dataDir);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(refused instanceof NodeLocked);
    assert.equal(
      refused.message,
      `guild up (pid ${process.ppid}) is serving this data directory at http://127.0.0.1:7451: it holds the embedded chain and database, which one process at a time may open`,
    );
    assert.equal(refused.details.pid, process.ppid);
    assert.equal(refused.details.url, "http://127.0.0.1:7451");
    assert.match(String(refused.details.hint), /Operator panel/);
    assert.match(String(refused.details.hint), /POST http:\/\/127\.0\.0\.1:7451\/v1\/epochs\/\{id\}\/run/);
    assert.throws(() => acquireNodeLock(dataDir), NodeLocked);
    assert.deepEqual(JSON.parse(readFileSync(nodeLockPath(dataDir), "utf8")), holder, "left as it was");
  });

  it("ignores and replaces a stale lock (its process is gone) or one it cannot read", () => {
    const dataDir = mkdtempSync(join(dir, "c-"));
    writeFileSync(nodeLockPath(dataDir), JSON.stringify({ pid: deadPid(), url: "http://x", startedAt: 1 }));
    assert.equal(heldNodeLock(dataDir), undefined);
    assertNodeUnlocked(dataDir);
    const lock = acquireNodeLock(dataDir);
    assert.equal(JSON.parse(readFileSync(lock.path, "utf8")).pid, process.pid);
    lock.release();
    writeFileSync(nodeLockPath(dataDir), "{ cut sho");
    assert.equal(heldNodeLock(dataDir), undefined);
    acquireNodeLock(dataDir).release();
  });

  it("is removed only by its holder", () => {
    const dataDir = mkdtempSync(join(dir, "d-"));
    const lock = acquireNodeLock(dataDir);
    const other = { pid: process.ppid, url: null, startedAt: 1 };
    writeFileSync(lock.path, JSON.stringify(other));
    lock.release();
    assert.deepEqual(JSON.parse(readFileSync(lock.path, "utf8")), other);
    assert.match(
      (() => {
        try {
          assertNodeUnlocked(dataDir);
          return "";
        } catch (error) {
          return (error as Error).message;
        }
      })(),
      /is serving this data directory \(still starting\)/,
    );
  });
});
