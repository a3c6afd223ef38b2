// Runs a read-only git command in a repository and returns its output; nothing here touches the network.
import { spawn } from "node:child_process";
import { GitCommandFailed } from "./gitErrors.ts";

/**
 * Runs `git -C <repoPath> <args>` and resolves to its standard output (UTF-8). Configuration that
 * would change machine-read output (signatures shown in log, colour, external diff tools, pagers) is
 * turned off, and git never prompts.
 * @throws GitCommandFailed when git is missing or exits with a non-zero status
 */
export function runGit(repoPath: string, args: readonly string[]): Promise<string> {
  const fullArgs = [
    "-C",
    repoPath,
    "-c",
    "log.showSignature=false",
    "-c",
    "color.ui=never",
    "-c",
    "core.pager=cat",
    "--no-pager",
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("git", fullArgs, {
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (cause) => {
      const reason =
        (cause as NodeJS.ErrnoException).code === "ENOENT"
          ? "git is not installed (not on PATH)"
          : cause.message;
      reject(new GitCommandFailed(args, null, reason, { cause }));
    });
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new GitCommandFailed(args, code, Buffer.concat(err).toString("utf8")));
    });
  });
}
