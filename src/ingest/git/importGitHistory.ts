// Imports a local git repository's history as contributions: one per commit, or one per merge.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { contentViolations, describeViolation } from "../../core/contribution/contentViolations.ts";
import type { Contribution, ContributionContent } from "../../core/contribution/contribution.ts";
import { contributionId } from "../../core/contribution/contribution.ts";
import type { IdentitySources } from "../identity/contributorDirectory.ts";
import { contributorDirectory } from "../identity/contributorDirectory.ts";
import type { ImportReport } from "../importReport.ts";
import { importReport } from "../importReport.ts";
import { classifyFiles } from "./classifyFiles.ts";
import {
  CommitsOverLimits,
  GitCommandFailed,
  InvalidGitRange,
  NotAGitRepository,
  UnknownGitRevision,
} from "./gitErrors.ts";
import type { GitCommit } from "./parseGitLog.ts";
import { GIT_LOG_FORMAT, parseGitLog } from "./parseGitLog.ts";
import { runGit } from "./runGit.ts";

/** A point in time: a Date, unix seconds, or an ISO 8601 string (`2025-01-31`, `2025-01-31T12:00:00Z`). */
export type GitTime = Date | number | string;

export interface ImportGitOptions extends IdentitySources {
  /** The epoch the contributions go into. */
  epochId: number;
  /**
   * `commit` (default): every commit reachable in the range, merges included (a merge is shown
   * without a diff, so it counts no files: its branch's commits carry the work).
   * `merge`: the first-parent line only: a merge counts its whole branch as one contribution (its
   * diff against the first parent, credited to the merge's author), and a commit made directly on
   * that line counts alone.
   */
  unit?: "commit" | "merge";
  /** Only commits committed at or after this time. */
  since?: GitTime;
  /** Only commits committed at or before this time. */
  until?: GitTime;
  /** Leave out this revision and everything reachable from it (`from..to`). */
  from?: string;
  /** The newest revision; HEAD by default. */
  to?: string;
  /** How contributions name the repository; by default the `origin` remote's URL (without credentials), else the absolute path. */
  repository?: string;
  /** Commits to leave out (full hashes or prefixes of at least 7 hex digits), e.g. ones over the limits. */
  exclude?: readonly string[];
}

/**
 * Reads the history of the git repository at `repoPath` with the local `git` command (2.37 or later;
 * no network) and returns one contribution per commit (or per merge, see `unit`), oldest first.
 *
 * Each is: kind inferred from the files touched (classifyFiles), title = subject, description = body,
 * links = the commit's page when the repository is on GitHub or GitLab, metrics `{ filesChanged,
 * linesAdded, linesDeleted, testsTouched, docsTouched, isMerge }` (binary files count as a file with
 * no lines, a rename as one file, isMerge is 0 or 1), createdAt = committer time, source `{ kind:
 * "git", repository, commit }`. Authors are read after the repository's .mailmap; each is resolved by
 * a claim for `git:<email>` (lower-cased), else the address mapping by email then name, else left
 * unmapped as `{ source: "git:<email>", name }` and listed in the report's `unmapped`.
 * @throws NotAGitRepository, UnknownGitRevision, InvalidGitRange, GitCommandFailed,
 *   CommitsOverLimits (every commit whose text breaks the limits; nothing is imported),
 *   InvalidIdentityClaim, IdentityConflict
 */
export async function importGitHistory(repoPath: string, options: ImportGitOptions): Promise<ImportReport> {
  const path = resolve(repoPath);
  await checkRepository(path);
  const since = options.since === undefined ? undefined : unixSeconds(options.since, "since");
  const until = options.until === undefined ? undefined : unixSeconds(options.until, "until");
  if (since !== undefined && until !== undefined && since > until) {
    throw new InvalidGitRange("since is after until", { since, until });
  }
  const directory = await contributorDirectory(options);
  const repository = options.repository ?? (await defaultRepositoryName(path));

  const to = options.to === undefined ? await headCommit(path) : await revision(path, "to", options.to);
  if (to === undefined) return importReport([]); // a repository with no commit yet
  const range = options.from === undefined ? [to] : [`${await revision(path, "from", options.from)}..${to}`];
  const unit = options.unit ?? "commit";
  const args = [
    "log",
    "-z",
    "--numstat",
    "-M",
    "--reverse",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--encoding=UTF-8",
    `--format=${GIT_LOG_FORMAT}`,
    ...(unit === "merge" ? ["--first-parent", "--diff-merges=first-parent"] : ["--diff-merges=off"]),
    ...(since === undefined ? [] : [`--since-as-filter=@${since}`]),
    ...(until === undefined ? [] : [`--until=@${until}`]),
    ...range,
    "--",
  ];
  const excluded = (options.exclude ?? []).map((prefix) => prefix.toLowerCase());
  for (const prefix of excluded) {
    if (!/^[0-9a-f]{7,64}$/.test(prefix))
      throw new InvalidGitRange("exclude takes commit hashes (7 hex digits or more)", { exclude: prefix });
  }
  const commits = parseGitLog(await runGit(path, args)).filter(
    (c) =>
      (since === undefined || c.committedAt >= since) &&
      (until === undefined || c.committedAt <= until) &&
      !excluded.some((prefix) => c.commit.startsWith(prefix)),
  );

  const overLimits: { commit: string; problems: string[] }[] = [];
  const contributions: Contribution[] = [];
  for (const commit of commits) {
    const content = commitContent(commit, repository, options.epochId, directory.resolve.bind(directory));
    const problems = contentViolations(content).map(describeViolation);
    if (problems.length > 0) {
      overLimits.push({ commit: commit.commit, problems });
      continue;
    }
    contributions.push({
      ...content,
      id: contributionId(content),
      source: { kind: "git", repository, commit: commit.commit },
    });
  }
  if (overLimits.length > 0) throw new CommitsOverLimits(path, overLimits);
  return importReport(contributions);
}

function commitContent(
  commit: GitCommit,
  repository: string,
  epochId: number,
  resolveContributor: Awaited<ReturnType<typeof contributorDirectory>>["resolve"],
): ContributionContent {
  const { kind, testsTouched, docsTouched } = classifyFiles(commit.files.map((f) => f.path));
  const email = commit.authorEmail.trim().toLowerCase();
  const source = `git:${email === "" ? commit.authorName : email}`;
  const link = commitLink(repository, commit.commit);
  return {
    epochId,
    contributor: resolveContributor(
      source,
      email === "" ? [commit.authorName] : [email, commit.authorName],
      commit.authorName,
    ),
    kind,
    title: commit.subject,
    description: commit.body.trimEnd(),
    links: link === undefined ? [] : [link],
    metrics: {
      filesChanged: commit.files.length,
      linesAdded: commit.files.reduce((sum, f) => sum + (f.added ?? 0), 0),
      linesDeleted: commit.files.reduce((sum, f) => sum + (f.deleted ?? 0), 0),
      testsTouched,
      docsTouched,
      isMerge: commit.parents.length > 1 ? 1 : 0,
    },
    createdAt: commit.committedAt,
  };
}

async function checkRepository(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isDirectory()) throw new NotAGitRepository(path, "not a directory");
  } catch (cause) {
    if (cause instanceof NotAGitRepository) throw cause;
    throw new NotAGitRepository(path, (cause as Error).message);
  }
  try {
    await runGit(path, ["rev-parse", "--git-dir"]);
  } catch (cause) {
    if (cause instanceof GitCommandFailed && cause.details.exitCode !== null) {
      throw new NotAGitRepository(path, String(cause.details.stderr).trim());
    }
    throw cause;
  }
}

async function headCommit(path: string): Promise<string | undefined> {
  try {
    return (await runGit(path, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).trim();
  } catch (cause) {
    if (cause instanceof GitCommandFailed && cause.details.exitCode !== null) return undefined;
    throw cause;
  }
}

async function revision(path: string, option: "from" | "to", rev: string): Promise<string> {
  if (rev === "" || rev.startsWith("-")) throw new UnknownGitRevision(path, option, rev);
  try {
    return (
      await runGit(path, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])
    ).trim();
  } catch (cause) {
    if (cause instanceof GitCommandFailed && cause.details.exitCode !== null)
      throw new UnknownGitRevision(path, option, rev);
    throw cause;
  }
}

async function defaultRepositoryName(path: string): Promise<string> {
  try {
    const url = (await runGit(path, ["remote", "get-url", "origin"])).trim();
    if (url !== "") return withoutCredentials(url);
  } catch (cause) {
    if (!(cause instanceof GitCommandFailed)) throw cause;
  }
  return path;
}

/** `https://user:token@host/x` → `https://host/x`: a remote URL may carry a secret, a contribution must not. */
function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.username === "" && parsed.password === "") return url;
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

/** The web page of a commit on GitHub or GitLab, from an https or scp-like (`git@host:owner/repo.git`) remote. */
function commitLink(repository: string, commit: string): string | undefined {
  const match =
    /^(?:https:\/\/|git@|ssh:\/\/git@)(github\.com|gitlab\.com)[/:]([^\s?#]+?)(?:\.git)?\/?$/.exec(
      repository,
    );
  if (match === null) return undefined;
  const [, host, project] = match;
  return host === "github.com"
    ? `https://github.com/${project}/commit/${commit}`
    : `https://gitlab.com/${project}/-/commit/${commit}`;
}

function unixSeconds(time: GitTime, option: "since" | "until"): number {
  let seconds: number;
  if (typeof time === "number") seconds = time;
  else if (time instanceof Date) seconds = Math.floor(time.getTime() / 1000);
  else seconds = Math.floor(Date.parse(time) / 1000);
  if (!Number.isSafeInteger(seconds))
    throw new InvalidGitRange(`${option} is not a time`, { [option]: String(time) });
  return seconds;
}
