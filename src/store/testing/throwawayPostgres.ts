// Test support: a throwaway PostgreSQL server from the machine's own binaries (Debian's `postgresql`
// package), in a temporary directory, on 127.0.0.1 at a free port; stopped and deleted on close.
import { execFileSync, type SpawnOptions, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ThrowawayPostgres {
  /** `postgres://guild@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  /** Stops the server and deletes its files. */
  close(): Promise<void>;
}

/** The user the server runs as when this process is root (PostgreSQL refuses to run as root). */
const SERVER_USER = "postgres";

/**
 * Starts a PostgreSQL server for tests: `initdb` in a temporary directory, `pg_ctl start` on
 * 127.0.0.1, with durability off (fsync, synchronous commit) since the data is thrown away.
 * @throws Error naming what is missing when PostgreSQL is not installed or does not start
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const asUser = process.getuid?.() === 0 ? serverUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), "guild-pg-"));
  if (asUser !== undefined) chownSync(dir, asUser.uid, asUser.gid);
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const run = (command: string, args: string[]) =>
    runCommand(join(bin, command), args, {
      cwd: dir,
      ...(asUser ?? {}),
      env: { ...process.env, LC_ALL: "C" },
    });
  const stop = () => {
    try {
      execFileSync(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], {
        cwd: dir,
        stdio: "ignore",
        ...(asUser ?? {}),
      });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Should the test process die without its `after` hook, the server must not outlive it.
  process.once("exit", stop);
  try {
    await run("initdb", ["-D", data, "-U", "guild", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        "-h 127.0.0.1",
        `-p ${port}`,
        `-k ${dir}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=100",
      ].join(" ");
      try {
        await run("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"]);
        return {
          url: `postgres://guild@127.0.0.1:${port}/postgres`,
          close: async () => {
            process.removeListener("exit", stop);
            stop();
          },
        };
      } catch (error) {
        // Most likely another process took the port between the probe and the start: try another.
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, "utf8").slice(-2_000) : "";
    process.removeListener("exit", stop);
    stop();
    throw new Error(
      `could not start a throwaway PostgreSQL from ${bin}: ${(error as Error).message}${serverLog ? `\nserver log:\n${serverLog}` : ""}`,
      { cause: error },
    );
  }
}

/** The newest `/usr/lib/postgresql/<version>/bin` with initdb and pg_ctl, or the directory of `initdb` on PATH. */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, "bin", "initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], "bin");
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  }
  throw new Error(
    "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin or on PATH. " +
      "Install it (apt-get install -y postgresql) or set DATABASE_URL to a server the tests may use.",
  );
}

function serverUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", SERVER_USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", SERVER_USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch (cause) {
    throw new Error(
      `running as root, and PostgreSQL refuses to run as root: the '${SERVER_USER}' user (created by ` +
        "Debian's postgresql package) is missing",
      { cause },
    );
  }
}

function runCommand(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-2_000)}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
