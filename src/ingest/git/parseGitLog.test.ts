import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { GitLogUnparseable } from "./gitErrors.ts";
import type { GitCommit, GitFileChange } from "./parseGitLog.ts";
import { parseGitLog } from "./parseGitLog.ts";

/** Writes commits as `git log -z --numstat --format=GIT_LOG_FORMAT` does. */
function render(commits: readonly GitCommit[]): string {
  const file = (f: GitFileChange) => {
    const counts = `${f.added ?? "-"}\t${f.deleted ?? "-"}\t`;
    return f.oldPath === undefined ? `${counts}${f.path}\0` : `${counts}\0${f.oldPath}\0${f.path}\0`;
  };
  return commits
    .map((c) => {
      const header = [
        c.commit,
        c.parents.join(" "),
        c.authorName,
        c.authorEmail,
        String(c.committedAt),
        c.subject,
        c.body,
      ];
      return `${header.join("\0")}\0${c.files.length === 0 ? "" : `\n${c.files.map(file).join("")}`}`;
    })
    .join("");
}

const noNul = fc.string({ unit: "binary" }).map((s) => s.replaceAll("\0", ""));
const hash = fc.stringMatching(/^[0-9a-f]{40}$/);
const count = fc.option(fc.nat({ max: 1_000_000 }), { nil: null });
const fileChange: fc.Arbitrary<GitFileChange> = fc.oneof(
  fc.record({ path: noNul.filter((p) => p !== ""), added: count, deleted: count }),
  fc.record({
    path: noNul.filter((p) => p !== ""),
    oldPath: noNul.filter((p) => p !== ""),
    added: count,
    deleted: count,
  }),
);
const commit: fc.Arbitrary<GitCommit> = fc.record({
  commit: hash,
  parents: fc.array(hash, { maxLength: 3 }),
  authorName: noNul,
  authorEmail: noNul,
  committedAt: fc.integer({ min: 0, max: 2 ** 40 }),
  subject: noNul,
  body: noNul,
  files: fc.array(fileChange, { maxLength: 5 }),
});

describe("parseGitLog", () => {
  it("reads back any commits, whatever their messages and paths hold", () => {
    fc.assert(
      fc.property(fc.array(commit, { maxLength: 6 }), (commits) => {
        assert.deepEqual(parseGitLog(render(commits)), JSON.parse(JSON.stringify(commits)));
      }),
    );
  });

  it("reads real git output: binary files, renames, commits without files, merges", () => {
    const h = (c: string) => c.repeat(40);
    const output =
      `${h("a")}\x00${h("b")} ${h("c")}\x00A\x00a@x\x00100\x00Merge feat\x00\x00` +
      `${h("b")}\x00${h("d")}\x00A\x00a@x\x0090\x00rename\x00\x00\n1\t0\t\x00a.txt\x00docs.md\x00` +
      `${h("d")}\x00\x00Ü\x00ü@x\x00` +
      `80\x00first\x00body line\n\nmore\n\x00\n2\t0\ta.txt\x00-\t-\tb.bin\x00`;
    assert.deepEqual(parseGitLog(output), [
      {
        commit: h("a"),
        parents: [h("b"), h("c")],
        authorName: "A",
        authorEmail: "a@x",
        committedAt: 100,
        subject: "Merge feat",
        body: "",
        files: [],
      },
      {
        commit: h("b"),
        parents: [h("d")],
        authorName: "A",
        authorEmail: "a@x",
        committedAt: 90,
        subject: "rename",
        body: "",
        files: [{ path: "docs.md", oldPath: "a.txt", added: 1, deleted: 0 }],
      },
      {
        commit: h("d"),
        parents: [],
        authorName: "Ü",
        authorEmail: "ü@x",
        committedAt: 80,
        subject: "first",
        body: "body line\n\nmore\n",
        files: [
          { path: "a.txt", added: 2, deleted: 0 },
          { path: "b.bin", added: null, deleted: null },
        ],
      },
    ]);
    assert.deepEqual(parseGitLog(""), []);
  });

  it("refuses output that is not in its format", () => {
    assert.throws(() => parseGitLog("gpg: Signature made …\n"), GitLogUnparseable);
    assert.throws(() => parseGitLog(`${"a".repeat(40)}\0\0A\0a@x\0yesterday\0s\0b\0`), GitLogUnparseable);
    assert.throws(() => parseGitLog(`${"a".repeat(40)}\0\0A`), GitLogUnparseable);
  });
});
