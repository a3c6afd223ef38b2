// The errors of importing git history: no repository, a failing git, a bad range, unreadable output.
import { GuildError } from "../../core/errors.ts";

/** The path is not a readable git repository. */
export class NotAGitRepository extends GuildError {
  constructor(path: string, reason: string) {
    super(`${path} is not a git repository: ${reason}`, { path, reason });
  }
}

/** A git command failed; `stderr` is what git said. */
export class GitCommandFailed extends GuildError {
  constructor(args: readonly string[], exitCode: number | null, stderr: string, options?: ErrorOptions) {
    super(
      `git ${args.join(" ")} failed (exit ${exitCode ?? "none"}): ${stderr.trim() || "no message"}`,
      {
        args,
        exitCode,
        stderr,
      },
      options,
    );
  }
}

/** A revision of the range (`from`, `to`) names no commit. */
export class UnknownGitRevision extends GuildError {
  constructor(path: string, option: "from" | "to", rev: string) {
    super(`${option} revision ${JSON.stringify(rev)} names no commit in ${path}`, { path, option, rev });
  }
}

/** The date range is malformed: an unreadable date, or since after until. */
export class InvalidGitRange extends GuildError {
  constructor(reason: string, details: Record<string, unknown>) {
    super(`invalid git range: ${reason}`, details);
  }
}

/** git log printed something the parser does not understand (at token `index`). */
export class GitLogUnparseable extends GuildError {
  constructor(reason: string, index: number, token: string) {
    super(`cannot parse git log output at token ${index}: ${reason}`, {
      reason,
      index,
      token: token.slice(0, 200),
    });
  }
}

/**
 * Commits whose subject or body break the limits of contribution.ts (which refuse, never cut): all of
 * them, each with its problems. Leave them out with the `exclude` option, or narrow the range.
 */
export class CommitsOverLimits extends GuildError {
  constructor(path: string, commits: readonly { commit: string; problems: readonly string[] }[]) {
    const list = commits
      .slice(0, 10)
      .map(({ commit, problems }) => `${commit.slice(0, 12)}: ${problems.join("; ")}`)
      .join("\n  ");
    const more = commits.length > 10 ? `\n  … and ${commits.length - 10} more` : "";
    super(`${commits.length} commit(s) in ${path} break the contribution limits:\n  ${list}${more}`, {
      path,
      commits,
    });
  }
}
