// Test support: where Debian's Chromium is, and how the e2e tests start it here (headless, as root, on
// a machine with no network but the package registries).
import { existsSync } from "node:fs";

/** Debian's `chromium` package installs the browser here (`.ci/run` installs it when missing). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * No sandbox: the tests run as root, where Chromium's sandbox refuses to start. No background
 * networking: this machine reaches no other host, and Chromium's own requests would only be refused.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

/** The Chromium to drive ($CHROMIUM_PATH overrides), or undefined when none is installed. */
export function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? CHROMIUM_PATH;
  return existsSync(path) ? path : undefined;
}
