// Test support: the `guild` command as a child process, as an operator runs it: one-off commands, and
// `guild up` serving the node until stopped.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { join } from "node:path";

const GUILD_BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");

function start(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  // This test runs on Node 24 (scripts/with-node24.sh), as bin/guild.js needs; --liftoff-only as its shebang.
  return spawn(process.execPath, ["--liftoff-only", GUILD_BIN, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Runs `guild <args>` to the end.
 * @throws Error with the command's output when it exits non-zero
 */
export async function runGuild(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = start(args, env);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`guild ${args.join(" ")} exited ${code}:\n${output}`);
  return output;
}

export interface GuildProcess {
  /** The API's origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** What it printed on start (`--json`): url, api, openapi, origins, … */
  summary: { url: string } & Record<string, unknown>;
  pid: number | undefined;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Stops it with SIGTERM (as Ctrl-C would) and waits for it to exit: its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `guild up <args> --json` and waits until it says where it listens (60 s at most).
 * @throws Error with its output when it exits first or says nothing in time
 */
export async function startGuildUp(args: readonly string[], env: NodeJS.ProcessEnv): Promise<GuildProcess> {
  const child = start(["up", ...args, "--json"], env);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const summary = await new Promise<GuildProcess["summary"]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`guild up said nothing within 60 s:\n${stdout}${stderr}`));
    }, 60_000);
    child.stdout?.on("data", (chunk) => {
      stdout += String(chunk);
      try {
        const said = JSON.parse(stdout) as { url?: unknown };
        if (typeof said.url === "string") {
          clearTimeout(timer);
          resolve(said as GuildProcess["summary"]);
        }
      } catch {
        // not all of it yet
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`guild up exited ${code} before listening:\n${stdout}${stderr}`));
    });
  });
  return {
    url: summary.url,
    summary,
    pid: child.pid,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
