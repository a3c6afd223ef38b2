import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { contributionId } from "../../core/contribution/contribution.ts";
import { signIdentityClaim } from "../../core/contribution/signIdentityClaim.ts";
import { InvalidIdentityClaim } from "../../core/contribution/verifyIdentityClaim.ts";
import { parseAddressMapping } from "../identity/addressMapping.ts";
import { IdentityConflict } from "../identity/identityErrors.ts";
import { CommitsOverLimits, InvalidGitRange, NotAGitRepository, UnknownGitRevision } from "./gitErrors.ts";
import { importGitHistory } from "./importGitHistory.ts";

const T0 = 1_735_689_600; // 2025-01-01T00:00:00Z
const HOUR = 3600;
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;
const aliceKey = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const carolKey = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const bobAddress = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

interface Person {
  name: string;
  email: string;
}
const alice: Person = { name: "Alice", email: "alice@example.org" };
const bob: Person = { name: "Bøb Ünïcødé", email: "Bob@Example.ORG" };
const carol: Person = { name: "Carol", email: "carol@example.org" };
const dave: Person = { name: "Dave", email: "dave@example.org" };

/** A scratch git repository whose commits have set authors and times, isolated from the user's git config. */
class TestRepo {
  readonly path: string;
  constructor() {
    this.path = mkdtempSync(join(tmpdir(), "guild-git-"));
    this.git(["init", "-q", "-b", "main"]);
  }
  git(args: string[], who: Person = alice, time = T0): string {
    return execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: this.path,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_AUTHOR_DATE: `@${time} +0000`,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
        GIT_COMMITTER_DATE: `@${time} +0000`,
      },
    });
  }
  write(file: string, content: string | Uint8Array): void {
    mkdirSync(dirname(join(this.path, file)), { recursive: true });
    writeFileSync(join(this.path, file), content);
  }
  commit(who: Person, time: number, message: string, ...extra: string[]): string {
    this.git(["add", "-A"], who, time);
    this.git(["commit", "-q", "--allow-empty", "-m", message, ...extra], who, time);
    return this.head();
  }
  head(): string {
    return this.git(["rev-parse", "HEAD"]).trim();
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** The repository every test reads: a binary file, a rename, unicode, an empty commit, a merged branch. */
function buildRepo(): { repo: TestRepo; c: Record<string, string> } {
  const repo = new TestRepo();
  const c: Record<string, string> = {};
  repo.write("src/lib.ts", "export const a = 1;\nexport const b = 2;\nexport const c = 3;\n");
  repo.write("assets/logo.bin", new Uint8Array([0, 1, 2, 0, 255, 0, 9]));
  c.library = repo.commit(alice, T0, "Add the library");
  repo.write("docs/ü n.md", "# Ünïcødé\n\nDocs.\n");
  repo.write("README.md", "# Project\n");
  c.docs = repo.commit(bob, T0 + HOUR, "Document the API ✨\n\nExplains every call.\n\nWith 例子.");
  repo.git(["mv", "src/lib.ts", "src/library.ts"], alice, T0 + 2 * HOUR);
  repo.write(
    "src/library.ts",
    "export const a = 1;\nexport const b = 2;\nexport const c = 3;\nexport const d = 4;\n",
  );
  c.rename = repo.commit(alice, T0 + 2 * HOUR, "Rename lib to library");
  c.empty = repo.commit(carol, T0 + 3 * HOUR, "Empty commit");
  repo.git(["checkout", "-q", "-b", "feature"], dave, T0 + 4 * HOUR);
  repo.write("test/library.test.ts", "test('a', () => {});\ntest('b', () => {});\n");
  c.tests = repo.commit(dave, T0 + 4 * HOUR, "Add tests");
  repo.write(
    "src/library.ts",
    "export const a = 10;\nexport const b = 2;\nexport const c = 3;\nexport const d = 4;\n",
  );
  c.fix = repo.commit(dave, T0 + 5 * HOUR, "Fix a");
  repo.git(["checkout", "-q", "main"], alice, T0 + 6 * HOUR);
  repo.write("src/other.ts", "export {};\n");
  c.hotfix = repo.commit(alice, T0 + 6 * HOUR, "Hotfix");
  repo.git(
    ["merge", "-q", "--no-ff", "feature", "-m", "Merge branch 'feature'\n\nTests and a fix."],
    alice,
    T0 + 7 * HOUR,
  );
  c.merge = repo.head();
  repo.write("assets/icon.svg", "<svg/>\n");
  c.design = repo.commit(carol, T0 + 8 * HOUR, "New icon");
  return { repo, c };
}

function bySubject(contributions: readonly Contribution[]): Map<string, Contribution> {
  return new Map(contributions.map((x) => [x.title, x]));
}

describe("importGitHistory", () => {
  let repo: TestRepo;
  let c: Record<string, string>;
  before(() => {
    ({ repo, c } = buildRepo());
  });
  after(() => repo.remove());

  it("makes one contribution per commit, oldest first, with kind, text, metrics, time and source", async () => {
    const { contributions, unmapped } = await importGitHistory(repo.path, {
      epochId: 5,
      repository: "acme/widget",
    });
    assert.deepEqual(
      contributions.map((x) => x.title),
      [
        "Add the library",
        "Document the API ✨",
        "Rename lib to library",
        "Empty commit",
        "Add tests",
        "Fix a",
        "Hotfix",
        "Merge branch 'feature'",
        "New icon",
      ],
    );
    const first = contributions[0];
    assert.ok(first);
    const { id, source, ...content } = first;
    assert.deepEqual(content, {
      epochId: 5,
      contributor: { kind: "unmapped", source: "git:alice@example.org", name: "Alice" },
      kind: "code",
      title: "Add the library",
      description: "",
      links: [],
      metrics: {
        filesChanged: 2,
        linesAdded: 3,
        linesDeleted: 0,
        testsTouched: 0,
        docsTouched: 0,
        isMerge: 0,
      },
      createdAt: T0,
    });
    assert.equal(id, contributionId(content));
    assert.deepEqual(source, { kind: "git", repository: "acme/widget", commit: c.library });

    const all = bySubject(contributions);
    const docs = all.get("Document the API ✨");
    assert.equal(docs?.kind, "docs");
    assert.equal(docs?.description, "Explains every call.\n\nWith 例子.");
    assert.deepEqual(docs?.contributor, {
      kind: "unmapped",
      source: "git:bob@example.org",
      name: "Bøb Ünïcødé",
    });
    assert.deepEqual(docs?.metrics, {
      filesChanged: 2,
      linesAdded: 4,
      linesDeleted: 0,
      testsTouched: 0,
      docsTouched: 2,
      isMerge: 0,
    });
    // A rename with an edit is one file, with only the edited line counted.
    assert.deepEqual(all.get("Rename lib to library")?.metrics, {
      filesChanged: 1,
      linesAdded: 1,
      linesDeleted: 0,
      testsTouched: 0,
      docsTouched: 0,
      isMerge: 0,
    });
    const empty = all.get("Empty commit");
    assert.equal(empty?.kind, "other");
    assert.deepEqual(empty?.metrics, {
      filesChanged: 0,
      linesAdded: 0,
      linesDeleted: 0,
      testsTouched: 0,
      docsTouched: 0,
      isMerge: 0,
    });
    assert.equal(all.get("Add tests")?.metrics.testsTouched, 1);
    assert.equal(all.get("Add tests")?.kind, "code");
    const merge = all.get("Merge branch 'feature'");
    assert.deepEqual(merge?.metrics, {
      filesChanged: 0,
      linesAdded: 0,
      linesDeleted: 0,
      testsTouched: 0,
      docsTouched: 0,
      isMerge: 1,
    });
    assert.equal(merge?.description, "Tests and a fix.");
    assert.equal(merge?.createdAt, T0 + 7 * HOUR);
    assert.equal(all.get("New icon")?.kind, "design");

    assert.deepEqual(unmapped, [
      { source: "git:alice@example.org", name: "Alice", count: 4 },
      { source: "git:carol@example.org", name: "Carol", count: 2 },
      { source: "git:dave@example.org", name: "Dave", count: 2 },
      { source: "git:bob@example.org", name: "Bøb Ünïcødé", count: 1 },
    ]);
  });

  it("with unit merge, counts each merge with its whole branch and each direct commit alone", async () => {
    const { contributions } = await importGitHistory(repo.path, { epochId: 5, unit: "merge" });
    assert.deepEqual(
      contributions.map((x) => x.title),
      [
        "Add the library",
        "Document the API ✨",
        "Rename lib to library",
        "Empty commit",
        "Hotfix",
        "Merge branch 'feature'",
        "New icon",
      ],
    );
    const merge = bySubject(contributions).get("Merge branch 'feature'");
    assert.equal(merge?.kind, "code");
    assert.deepEqual(merge?.metrics, {
      filesChanged: 2,
      linesAdded: 3,
      linesDeleted: 1,
      testsTouched: 1,
      docsTouched: 0,
      isMerge: 1,
    });
    assert.deepEqual(merge?.source, { kind: "git", repository: repo.path, commit: c.merge });
  });

  it("maps authors through a mapping file and signed claims, and lists the rest as unmapped", async () => {
    const addresses = parseAddressMapping(
      `identity,address\nALICE@example.org,${aliceKey.address.toLowerCase()}\n"Bøb Ünïcødé",${bobAddress}\n`,
      "csv",
      "people.csv",
    );
    const claim = await signIdentityClaim(
      carolKey,
      { source: "git:carol@example.org", name: "Carol" },
      domain,
    );
    const { contributions, unmapped } = await importGitHistory(repo.path, {
      epochId: 5,
      addresses,
      claims: { domain, signed: [claim] },
    });
    const all = bySubject(contributions);
    assert.deepEqual(all.get("Add the library")?.contributor, { kind: "address", address: aliceKey.address });
    assert.deepEqual(all.get("Document the API ✨")?.contributor, { kind: "address", address: bobAddress });
    assert.deepEqual(all.get("Empty commit")?.contributor, { kind: "address", address: carolKey.address });
    assert.deepEqual(all.get("Add tests")?.contributor, {
      kind: "unmapped",
      source: "git:dave@example.org",
      name: "Dave",
    });
    assert.equal(contributions.length, 9);
    assert.deepEqual(unmapped, [{ source: "git:dave@example.org", name: "Dave", count: 2 }]);
  });

  it("refuses a claim that does not verify and a claim that contradicts the mapping", async () => {
    const claim = await signIdentityClaim(
      carolKey,
      { source: "git:alice@example.org", name: "Alice" },
      domain,
    );
    const forged = { ...claim, address: aliceKey.address };
    await assert.rejects(
      importGitHistory(repo.path, { epochId: 5, claims: { domain, signed: [forged] } }),
      InvalidIdentityClaim,
    );
    const addresses = parseAddressMapping(
      JSON.stringify({ "alice@example.org": aliceKey.address }),
      "json",
      "m.json",
    );
    await assert.rejects(
      importGitHistory(repo.path, { epochId: 5, addresses, claims: { domain, signed: [claim] } }),
      (error: unknown) => {
        assert.ok(error instanceof IdentityConflict);
        assert.equal(error.details.source, "git:alice@example.org");
        return true;
      },
    );
  });

  it("takes a range of dates (inclusive) or of revisions", async () => {
    const titles = async (options: Parameters<typeof importGitHistory>[1]) =>
      (await importGitHistory(repo.path, options)).contributions.map((x) => x.title);
    assert.deepEqual(await titles({ epochId: 1, since: T0 + HOUR, until: T0 + 3 * HOUR }), [
      "Document the API ✨",
      "Rename lib to library",
      "Empty commit",
    ]);
    assert.deepEqual(await titles({ epochId: 1, since: new Date((T0 + 7 * HOUR) * 1000) }), [
      "Merge branch 'feature'",
      "New icon",
    ]);
    assert.deepEqual(await titles({ epochId: 1, until: "2025-01-01T01:00:00Z" }), [
      "Add the library",
      "Document the API ✨",
    ]);
    assert.deepEqual(await titles({ epochId: 1, from: c.empty ?? "", to: c.fix ?? "" }), [
      "Add tests",
      "Fix a",
    ]);
    assert.deepEqual(await titles({ epochId: 1, from: "feature" }), [
      "Hotfix",
      "Merge branch 'feature'",
      "New icon",
    ]);
    assert.deepEqual(await titles({ epochId: 1, to: "HEAD~1", unit: "merge", since: T0 + 5 * HOUR }), [
      "Hotfix",
      "Merge branch 'feature'",
    ]);
  });

  it("refuses a path that is not a repository, an unknown revision and a bad date range", async () => {
    const plain = mkdtempSync(join(tmpdir(), "guild-plain-"));
    try {
      await assert.rejects(importGitHistory(plain, { epochId: 1 }), NotAGitRepository);
      await assert.rejects(importGitHistory(join(plain, "missing"), { epochId: 1 }), NotAGitRepository);
    } finally {
      rmSync(plain, { recursive: true });
    }
    for (const [option, rev] of [
      ["to", "no-such-branch"],
      ["from", "--output=/tmp/x"],
      ["to", "HEAD~100"],
    ] as const) {
      await assert.rejects(importGitHistory(repo.path, { epochId: 1, [option]: rev }), (error: unknown) => {
        assert.ok(error instanceof UnknownGitRevision);
        assert.deepEqual([error.details.option, error.details.rev], [option, rev]);
        return true;
      });
    }
    await assert.rejects(
      importGitHistory(repo.path, { epochId: 1, since: T0 + 1, until: T0 }),
      InvalidGitRange,
    );
    await assert.rejects(importGitHistory(repo.path, { epochId: 1, since: "last tuesday" }), InvalidGitRange);
    await assert.rejects(importGitHistory(repo.path, { epochId: 1, exclude: ["abc"] }), InvalidGitRange);
  });

  it("returns nothing for a repository without commits", async () => {
    const fresh = new TestRepo();
    try {
      assert.deepEqual(await importGitHistory(fresh.path, { epochId: 1 }), {
        contributions: [],
        unmapped: [],
      });
    } finally {
      fresh.remove();
    }
  });

  it("refuses commits over the text limits, listing them all, unless they are excluded", async () => {
    const long = new TestRepo();
    try {
      const ok = long.commit(alice, T0, "Fine");
      const a = long.commit(alice, T0 + 1, "x".repeat(201));
      const b = long.commit(alice, T0 + 2, `Long body\n\n${"y".repeat(20_001)}`);
      await assert.rejects(importGitHistory(long.path, { epochId: 1 }), (error: unknown) => {
        assert.ok(error instanceof CommitsOverLimits);
        assert.deepEqual(error.details.commits, [
          { commit: a, problems: ["title is 201 characters, more than the 200 allowed"] },
          { commit: b, problems: ["description is 20001 characters, more than the 20000 allowed"] },
        ]);
        return true;
      });
      const { contributions } = await importGitHistory(long.path, {
        epochId: 1,
        exclude: [a.slice(0, 7), b.toUpperCase()],
      });
      assert.deepEqual(
        contributions.map((x) => x.source),
        [{ kind: "git", repository: long.path, commit: ok }],
      );
    } finally {
      long.remove();
    }
  });

  it("names the repository by its origin remote without credentials, and links commits on GitHub", async () => {
    const remote = new TestRepo();
    try {
      const head = remote.commit(alice, T0, "Hello");
      remote.git(["remote", "add", "origin", "https://user:secret-token@github.com/acme/widget.git"]);
      const [only] = (await importGitHistory(remote.path, { epochId: 1 })).contributions;
      assert.deepEqual(only?.source, {
        kind: "git",
        repository: "https://github.com/acme/widget.git",
        commit: head,
      });
      assert.deepEqual(only?.links, [`https://github.com/acme/widget/commit/${head}`]);
    } finally {
      remote.remove();
    }
  });

  it("reads this project's own history (smoke test)", async () => {
    const root = join(import.meta.dirname, "../../..");
    // Pinned to one commit: others may commit while the test runs.
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const count = Number(
      execFileSync("git", ["rev-list", "--count", head], { cwd: root, encoding: "utf8" }).trim(),
    );
    const { contributions, unmapped } = await importGitHistory(root, { epochId: 1, to: head });
    assert.equal(contributions.length, count);
    assert.ok(count > 0);
    assert.equal(
      unmapped.reduce((sum, u) => sum + u.count, 0),
      count,
    );
    for (const x of contributions) {
      assert.equal(x.source.kind, "git");
      assert.ok(x.title.length > 0);
      assert.ok((x.metrics.filesChanged ?? 0) >= 0);
      const { id, source: _, ...content } = x;
      assert.equal(id, contributionId(content));
    }
    assert.ok(contributions.some((x) => (x.metrics.linesAdded ?? 0) > 0));
  });
});
