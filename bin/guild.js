#!/usr/bin/env -S node --liftoff-only
// Starts the guild CLI on Node 24. Written in plain JavaScript so that it also runs on an older Node,
// where it re-runs itself under Node 24 taken from the npm registry through npx's cache.
//
// --liftoff-only: the embedded database (PGlite) is PostgreSQL compiled to WebAssembly, and V8's
// recompiling its hot functions with TurboFan takes a few hundred MiB of memory for a moment (peak RSS
// of a 10,000-contribution epoch: 870 MiB with it, 570 MiB without; bench/epoch.ts) for little speed.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const major = Number(process.versions.node.split(".")[0]);

if (major >= 24) {
  await import(main);
} else {
  let node24;
  try {
    node24 = execFileSync("npx", ["-y", "-p", "node@24", "-c", "command -v node"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split("\n")
      .pop();
  } catch {
    console.error(`guild needs Node 24 or later (this is ${process.version}), and npx could not fetch it.`);
    process.exit(1);
  }
  const result = spawnSync(node24, ["--liftoff-only", main, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
