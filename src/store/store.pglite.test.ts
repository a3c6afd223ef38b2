// The store suite on PGlite, the embedded default, each database in a temporary directory; plus what
// only the embedded backend does: one store per directory, across processes too.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openStore } from "./openStore.ts";
import { openPgliteClient } from "./pgliteClient.ts";
import { StoreLocked } from "./storeErrors.ts";
import { storeSuite } from "./storeSuite.ts";

const root = mkdtempSync(join(tmpdir(), "guild-store-"));
let template: string | undefined;
let count = 0;

storeSuite({
  name: "PGlite",
  sharedAccess: false,
  setup: async () => {
    // PGlite's initdb takes seconds: run it once and copy the empty database for each fresh one.
    template = join(root, "template", "store");
    const client = await openPgliteClient(template);
    await client.close();
  },
  fresh: async () => {
    if (template === undefined) throw new Error("setup did not run");
    const dataDir = join(root, `db-${++count}`);
    cpSync(template, join(dataDir, "store"), { recursive: true });
    return { dataDir };
  },
  teardown: async () => {
    rmSync(root, { recursive: true, force: true });
  },
});

describe("PGlite store locking", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-store-lock-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a second store on an open directory, and takes over a lock whose process is gone", async () => {
    const first = await openStore({ dataDir: dir });
    await assert.rejects(openStore({ dataDir: dir }), (error) => {
      assert.ok(error instanceof StoreLocked);
      assert.equal(error.details.pid, process.pid);
      return true;
    });
    await first.setMeta("kept", true);
    await first.close();

    // A lock left by a process killed before it could remove it: pid 2^22 + 1 is above Linux's pid_max.
    writeFileSync(join(dir, "store.lock"), `${2 ** 22 + 1}\n`);
    const second = await openStore({ dataDir: dir });
    assert.equal(await second.getMeta("kept"), true);
    await second.close();

    writeFileSync(join(dir, "store.lock"), "1\n");
    await assert.rejects(openStore({ dataDir: dir }), StoreLocked, "pid 1 is alive: the lock holds");
    rmSync(join(dir, "store.lock"));
  });
});
