// Test support: the `guild` bin run as a person runs it, on the embedded chain and store of a data directory.
import { spawn } from "node:child_process";
import { join } from "node:path";

/** The bin the tests run. */
export const GUILD_BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");

/**
 * Runs `guild <args> --data-dir <dataDir>` without blocking, so suites can run side by side, on the embedded
 * chain and the embedded store of `dataDir` whatever the environment says.
 * @returns its exit code and what it printed
 */
export function runGuild(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GUILD_BIN, ...args, "--data-dir", dataDir], {
      env: { ...process.env, GUILD_RPC_URL: "", DATABASE_URL: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
