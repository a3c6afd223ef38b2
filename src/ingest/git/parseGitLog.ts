// Parses `git log -z --numstat` output in GIT_LOG_FORMAT into commits and the files each one touched.
import { GitLogUnparseable } from "./gitErrors.ts";

/**
 * The pretty format parseGitLog reads, with `-z`: hash, parents, author name and email (after
 * .mailmap), committer time (unix seconds), subject, body, separated by NUL. NUL cannot occur in any
 * of them, and `-z` prints paths unquoted, so nothing in a commit message or a path can break parsing.
 */
export const GIT_LOG_FORMAT = "%H%x00%P%x00%aN%x00%aE%x00%ct%x00%s%x00%b";

/** One file of a commit's diff: lines added and deleted, null for a binary file; `oldPath` for a rename or copy. */
export interface GitFileChange {
  path: string;
  oldPath?: string;
  added: number | null;
  deleted: number | null;
}

export interface GitCommit {
  commit: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Committer time, unix seconds. */
  committedAt: number;
  subject: string;
  body: string;
  files: GitFileChange[];
}

const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const NUMSTAT = /^\n?(\d+|-)\t(\d+|-)\t/;

/**
 * Parses the output of `git log -z --numstat --format=<GIT_LOG_FORMAT>`, in the order git printed it.
 * @throws GitLogUnparseable naming the token that does not fit
 */
export function parseGitLog(output: string): GitCommit[] {
  const tokens = output.split("\0");
  const commits: GitCommit[] = [];
  let i = 0;
  const take = (what: string): string => {
    const token = tokens[i];
    if (token === undefined) throw new GitLogUnparseable(`output ends before the ${what}`, i, "");
    i += 1;
    return token;
  };
  while (i < tokens.length) {
    // Between commits git may put a line break; the output ends with an empty token.
    const start = (tokens[i] ?? "").replace(/^\n/, "");
    if (start === "" && i === tokens.length - 1) break;
    if (!HASH.test(start)) throw new GitLogUnparseable("expected a commit hash", i, start);
    i += 1;
    const parents = take("parents");
    const authorName = take("author name");
    const authorEmail = take("author email");
    const time = take("commit time");
    if (!/^-?\d+$/.test(time)) throw new GitLogUnparseable("commit time is not an integer", i - 1, time);
    const subject = take("subject");
    const body = take("body");
    const files: GitFileChange[] = [];
    for (;;) {
      const token = tokens[i];
      const match = token === undefined ? null : NUMSTAT.exec(token);
      if (token === undefined || match === null) break;
      i += 1;
      const added = match[1] === "-" ? null : Number(match[1]);
      const deleted = match[2] === "-" ? null : Number(match[2]);
      const path = token.slice(match[0].length);
      if (path === "") {
        const oldPath = take("renamed file's old path");
        const newPath = take("renamed file's new path");
        files.push({ path: newPath, oldPath, added, deleted });
      } else {
        files.push({ path, added, deleted });
      }
    }
    commits.push({
      commit: start,
      parents: parents === "" ? [] : parents.split(" "),
      authorName,
      authorEmail,
      committedAt: Number(time),
      subject,
      body,
      files,
    });
  }
  return commits;
}
