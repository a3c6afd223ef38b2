// Serves a fetch handler (the API's `app.fetch`) over node:http: each request becomes a web Request, the
// Response's status, headers and streamed body go back. A few dozen lines instead of a server dependency.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { GuildError } from "../../core/errors.ts";
import type { ApiBindings } from "./defineRoute.ts";

/** The port is taken, or the host is not an address of this machine. */
export class CannotListen extends GuildError {}

export interface ApiServer {
  /** `http://<host>:<port>`, with the port the system gave when 0 was asked. */
  url: string;
  host: string;
  port: number;
  /** Stops taking connections, lets requests in flight finish (up to `graceMs`), then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

type FetchHandler = (request: Request, bindings: ApiBindings) => Response | Promise<Response>;

const INTERNAL = JSON.stringify({ code: "Internal", message: "the node could not handle this request" });

/**
 * Listens on `host`:`port` (0: any free port) and answers each request with `handler`.
 * @throws CannotListen when the port is in use or the host cannot be bound
 */
export async function serveApi(
  handler: FetchHandler,
  options: { host: string; port: number },
): Promise<ApiServer> {
  const hostInUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  let origin = "";
  const server = createServer((req, res) => {
    void answer(handler, origin, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        new CannotListen(`cannot listen on ${hostInUrl}:${options.port}: ${error.code ?? error.message}`, {
          host: options.host,
          port: options.port,
          code: error.code,
        }),
      );
    server.once("error", failed);
    server.listen(options.port, options.host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${hostInUrl}:${port}`;
  return {
    url: origin,
    host: options.host,
    port,
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function answer(handler: FetchHandler, origin: string, req: IncomingMessage, res: ServerResponse) {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    const path = req.url ?? "/";
    // Only origin-form targets (`/v1/...`): the URL's host is the server's, never the client's Host header.
    if (!path.startsWith("/")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "NotFound", message: "request targets must be paths (/v1/...)" }));
      return;
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    const method = req.method ?? "GET";
    const init: RequestInit & { duplex?: "half" } = { method, headers, signal: abort.signal };
    if (method !== "GET" && method !== "HEAD") {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = "half";
    }
    const bindings: ApiBindings = {};
    if (req.socket.remoteAddress !== undefined) bindings.remoteAddress = req.socket.remoteAddress;
    const response = await handler(new Request(`${origin}${path}`, init), bindings);
    const outgoing: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") outgoing[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outgoing["set-cookie"] = cookies;
    res.writeHead(response.status, outgoing);
    if (response.body === null || method === "HEAD") {
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch {
    // The handler answers its own errors as JSON; this is the adapter failing, or the client leaving.
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(INTERNAL);
    } else {
      res.destroy();
    }
  }
}
