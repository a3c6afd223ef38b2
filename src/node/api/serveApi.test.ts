// The node:http adapter over real sockets on 127.0.0.1: requests in, streamed responses and cookies out,
// failures answered as JSON, a taken port named, and a close that does not wait on idle keep-alives.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import type { ApiBindings } from "./defineRoute.ts";
import { CannotListen, serveApi } from "./serveApi.ts";

/** Echoes what it got; `/throw` fails; `/stream` sends its body in pieces. */
async function echo(request: Request, bindings: ApiBindings): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/throw") throw new Error("handler failed at /srv/secret.ts:1");
  if (url.pathname === "/stream") {
    const pieces = ["[", "1,", "2", "]"];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces.shift();
        if (piece === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(piece));
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  }
  const headers = new Headers({ "content-type": "application/json" });
  headers.append("set-cookie", "a=1; HttpOnly");
  headers.append("set-cookie", "b=2; Path=/");
  return new Response(
    JSON.stringify({
      method: request.method,
      url: request.url,
      remoteAddress: bindings.remoteAddress,
      test: request.headers.get("x-test"),
      body: request.method === "GET" || request.method === "HEAD" ? null : await request.text(),
    }),
    { status: 201, headers },
  );
}

describe("serveApi", () => {
  it("passes requests to the handler and its responses back, over real HTTP", async () => {
    const server = await serveApi(echo, { host: "127.0.0.1", port: 0 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const posted = await fetch(`${server.url}/v1/x?y=1`, {
        method: "POST",
        headers: { "x-test": "yes", "content-type": "application/json" },
        body: JSON.stringify({ big: "z".repeat(100_000) }),
      });
      assert.equal(posted.status, 201);
      assert.deepEqual(posted.headers.getSetCookie(), ["a=1; HttpOnly", "b=2; Path=/"]);
      const echoed = (await posted.json()) as Record<string, unknown>;
      assert.deepEqual(
        { ...echoed, body: (echoed.body as string).length },
        {
          method: "POST",
          url: `${server.url}/v1/x?y=1`,
          remoteAddress: "127.0.0.1",
          test: "yes",
          body: 100_010,
        },
      );
      const streamed = await fetch(`${server.url}/stream`);
      assert.deepEqual(await streamed.json(), [1, 2]);
      const head = await fetch(`${server.url}/v1/x`, { method: "HEAD" });
      assert.equal(head.status, 201);
      assert.equal(await head.text(), "");
      const failed = await fetch(`${server.url}/throw`);
      assert.equal(failed.status, 500);
      assert.deepEqual(await failed.json(), {
        code: "Internal",
        message: "the node could not handle this request",
      });
      // An absolute-form target is refused: the request's URL never takes the client's host.
      const absolute = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port: server.port, path: "http://evil.example/v1/x" },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end();
      });
      assert.equal(absolute, 404);
    } finally {
      const started = Date.now();
      await server.close();
      assert.ok(Date.now() - started < 2_000, "idle keep-alive connections do not hold the close");
    }
  });

  it("names a port that is taken", async () => {
    const first = await serveApi(echo, { host: "127.0.0.1", port: 0 });
    try {
      await assert.rejects(serveApi(echo, { host: "127.0.0.1", port: first.port }), (error: unknown) => {
        assert.ok(error instanceof CannotListen);
        assert.deepEqual(error.details, { host: "127.0.0.1", port: first.port, code: "EADDRINUSE" });
        return true;
      });
    } finally {
      await first.close();
    }
  });
});
