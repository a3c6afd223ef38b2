// `guild up`: opens the node (embedded chain and database unless told otherwise) and serves its HTTP API
// until SIGINT or SIGTERM, then closes the server and the node.
import { parseArgs } from "node:util";
import { serveDashboard } from "../../../web/serveDashboard.ts";
import { readManifest } from "../../chain/manifest.ts";
import { API_VERSION, createApi } from "../../node/api/createApi.ts";
import type { TokenBucketOptions } from "../../node/api/rateLimiter.ts";
import { DEFAULT_ADDRESS_LIMIT, DEFAULT_IP_LIMIT } from "../../node/api/requestLimits.ts";
import { serveApi } from "../../node/api/serveApi.ts";
import { EpochRunner } from "../../node/epochRunner.ts";
import type { HeldNodeLock } from "../../node/nodeLock.ts";
import { acquireNodeLock } from "../../node/nodeLock.ts";
import { openNode } from "../../node/openNode.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { InvalidArgument } from "./init.ts";

/** The port `guild up` listens on by default. */
export const DEFAULT_PORT = 7450;

export const upHelp = `guild up [--host <address>] [--port <n>] [--public-url <url>]... [--rate-limit-ip <n>] [--rate-limit-address <n>] [--trust-proxy]

Serves the node's HTTP API (routes under /v1, the OpenAPI document at /v1/openapi.json) until Ctrl-C.

  --host <address>          where to listen (default 127.0.0.1: this machine only)
  --port <n>                the port (default ${DEFAULT_PORT}; 0 picks a free one, printed)
  --public-url <url>        an origin the dashboard is served from, for Sign-In with Ethereum: messages must
                            name its host and a URI on it (default: the URL listened on, and its localhost
                            twin); repeat for several
  --rate-limit-ip <n>       requests per minute per client IP, also the burst (default: bursts of
                            ${DEFAULT_IP_LIMIT.capacity}, ${DEFAULT_IP_LIMIT.refillPerSecond * 60} a minute)
  --rate-limit-address <n>  signed writes and signed-in requests per minute per address, also the burst
                            (default: bursts of ${DEFAULT_ADDRESS_LIMIT.capacity}, ${DEFAULT_ADDRESS_LIMIT.refillPerSecond * 60} a minute)
  --trust-proxy             take the client's IP from X-Forwarded-For (only behind a reverse proxy)

The data directory must hold a guild (guild init). While it serves, <data-dir>/node.lock names its pid and
URL: other commands that would open the embedded chain or database refuse, saying so. Epoch steps then run
from the dashboard (Epochs page, Operator panel) or POST /v1/epochs/{id}/run and /finalize, signed in as
the operator. The embedded chain is open to wallets at POST /v1/chain (JSON-RPC). SIGINT or SIGTERM stops
the server, lets requests in flight and the epoch step under way finish, closes the node and removes the
lock; the exit code is then 0.`;

export async function upCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string" },
      "public-url": { type: "string", multiple: true },
      "rate-limit-ip": { type: "string" },
      "rate-limit-address": { type: "string" },
      "trust-proxy": { type: "boolean", default: false },
    },
  });
  const options = globalOptions(values);
  if (positionals.length > 0) {
    throw new InvalidArgument(`unexpected argument "${positionals[0]}"`, { argument: positionals[0] });
  }
  // Bad flags are refused before the node opens.
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  const host = values.host;
  const publicUrls = (values["public-url"] ?? []).map(parseOrigin);
  const ipLimit =
    values["rate-limit-ip"] === undefined ? undefined : perMinute("--rate-limit-ip", values["rate-limit-ip"]);
  const addressLimit =
    values["rate-limit-address"] === undefined
      ? undefined
      : perMinute("--rate-limit-address", values["rate-limit-address"]);

  readManifest(options.dataDir);
  // The embedded chain and PGlite take one process at a time: the lock says who has them. With a chain
  // endpoint and a PostgreSQL server, other processes may share the guild.
  const exclusive = options.rpcUrl === undefined || !process.env.DATABASE_URL;
  const lock: HeldNodeLock | undefined = exclusive ? acquireNodeLock(options.dataDir) : undefined;
  let ctx: Awaited<ReturnType<typeof openNode>>;
  try {
    ctx = await openNode({ chain: chainTarget(options), databaseUrl: process.env.DATABASE_URL });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const writeError = (what: string, error: unknown) => {
    const text = options.debug && error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${what}: ${text}\n`);
  };
  const epochRunner = new EpochRunner(ctx, {
    onInternalError: (error) => writeError("epoch run failed", error),
  });
  let server: Awaited<ReturnType<typeof serveApi>> | undefined;
  try {
    // The app needs the origins, which need the port the system picks for --port 0: the server answers
    // through `handle`, set once the app exists (before any request can arrive: the loop has not turned).
    let handle: (request: Request, bindings: { remoteAddress?: string }) => Response | Promise<Response> =
      () => Response.json({ code: "Unavailable", message: "the node is starting" }, { status: 503 });
    server = await serveApi((request, bindings) => handle(request, bindings), { host, port });
    const origins = publicUrls.length > 0 ? publicUrls : defaultOrigins(server.host, server.port);
    const app = createApi(ctx, {
      origins,
      trustProxy: values["trust-proxy"],
      rateLimits: {
        ...(ipLimit === undefined ? {} : { ip: ipLimit }),
        ...(addressLimit === undefined ? {} : { address: addressLimit }),
      },
      epochRunner,
      onInternalError: (error, request) =>
        writeError(`internal error answering ${request.method} ${request.path}`, error),
    });
    // The dashboard (web/dist, built by npm run build) on the same origin: pages outside /v1.
    serveDashboard(app);
    handle = (request, bindings) => app.fetch(request, bindings);
    lock?.setUrl(server.url);
    const summary = {
      url: server.url,
      api: `${server.url}/v${API_VERSION}`,
      openapi: `${server.url}/v${API_VERSION}/openapi.json`,
      origins,
      dataDir: options.dataDir,
      chainId: ctx.manifest.chainId,
    };
    out.result(summary, () => {
      out.line(`Guild node API on ${server?.url} (chain ${ctx.manifest.chainId}, data ${options.dataDir})`);
      out.line(`  OpenAPI document: ${summary.openapi}`);
      out.line(`  sign-in origins:  ${origins.join(", ")}`);
      out.line("  Ctrl-C to stop");
    });
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    if (!out.json) out.line(`${signal}: stopping`);
  } finally {
    await server?.close();
    await epochRunner.close();
    await ctx.close();
    lock?.release();
  }
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new InvalidArgument(`--port takes a port number from 0 to 65535, got "${text}"`, { port: text });
  }
  return Number(text);
}

function parseOrigin(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new InvalidArgument(`--public-url takes an http(s) URL, got "${text}"`, { publicUrl: text });
  }
  return url.origin;
}

function perMinute(flag: string, text: string): TokenBucketOptions {
  if (!/^[1-9]\d{0,6}$/.test(text)) {
    throw new InvalidArgument(`${flag} takes a number of requests per minute (1 or more), got "${text}"`, {
      [flag]: text,
    });
  }
  const n = Number(text);
  return { capacity: n, refillPerSecond: n / 60 };
}

/** The origins a dashboard on this server has: its URL, and localhost's for a loopback address. */
function defaultOrigins(host: string, port: number): string[] {
  const inUrl = host.includes(":") ? `[${host}]` : host;
  const origins = [`http://${inUrl}:${port}`];
  if (host === "127.0.0.1" || host === "::1") origins.push(`http://localhost:${port}`);
  return origins;
}
