// Serves the built dashboard (web/dist) from the node's Hono app: its files as they are, and index.html
// for every other path outside /v1, so the dashboard's own routes (/claim, /epochs/3) load on refresh.
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Env, Hono } from "hono";

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL("./dist", import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/**
 * What every dashboard response carries: the page signs for its user, so no other site may frame it
 * (clickjacking) and it loads scripts and connects only to its own origin.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * Mounts the dashboard built in `distDir` on `app`, after the API's routes: GET and HEAD of a file
 * under `distDir` answer it (files under assets/ carry a content hash in their name, so they are cached
 * for good); any other GET outside /v1 answers index.html. Paths under /v1 are left to the API, whose
 * not-found answer stays JSON. A dashboard that was not built answers 503 saying how to build it.
 */
export function serveDashboard<E extends Env>(app: Hono<E>, distDir: string = DASHBOARD_DIST): Hono<E> {
  const root = resolve(distDir);
  app.get("*", async (c) => {
    const path = c.req.path;
    if (path === "/v1" || path.startsWith("/v1/")) return c.notFound();
    const file = await fileUnder(root, path);
    if (file !== undefined) {
      const body = await readFile(file);
      const immutable = path.startsWith("/assets/");
      return c.body(body, 200, {
        ...SECURITY_HEADERS,
        "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    // A missing asset is a 404, not the page: a browser must not run index.html as a script.
    if (path.startsWith("/assets/") || extname(path) !== "") {
      return c.json({ code: "NotFound", message: `the dashboard has no file ${path}` }, 404);
    }
    try {
      const index = await readFile(join(root, "index.html"));
      return c.body(index, 200, {
        ...SECURITY_HEADERS,
        "content-type": CONTENT_TYPES[".html"] as string,
        "cache-control": "no-cache",
      });
    } catch {
      return c.json(
        {
          code: "DashboardNotBuilt",
          message: `the dashboard is not built in ${root}: run npm run build:web`,
        },
        503,
      );
    }
  });
  return app;
}

/** The regular file `urlPath` names inside `root`, or undefined (never a path that escapes `root`). */
async function fileUnder(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.endsWith("/")) return undefined;
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
