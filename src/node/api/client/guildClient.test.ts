// The typed client: requests as the API expects them, errors as GuildApiError, and nothing in its imports
// that a browser lacks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, it } from "node:test";
import { GuildApiError, GuildClient } from "./guildClient.ts";

/** Every module the file imports, transitively: specifiers with whether the import is type-only. */
function importGraph(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, "utf8");
  const specifiers: string[] = [];
  seen.set(file, specifiers);
  for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
    const [, , typeOnly, specifier] = match;
    if (specifier === undefined) continue;
    specifiers.push(`${typeOnly ? "type " : ""}${specifier}`);
    if (specifier.startsWith(".")) importGraph(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

describe("GuildClient", () => {
  it("imports nothing from node:, at run time or for types, so a browser bundle takes it as it is", () => {
    const graph = importGraph(resolve(import.meta.dirname, "guildClient.ts"));
    assert.ok(graph.size > 2);
    for (const [file, specifiers] of graph) {
      for (const specifier of specifiers)
        assert.doesNotMatch(specifier, /(^|\s)node:/, `${file} imports ${specifier}`);
    }
    const runtime = [...(graph.get(resolve(import.meta.dirname, "guildClient.ts")) ?? [])].filter(
      (s) => !s.startsWith("type "),
    );
    assert.deepEqual(
      runtime,
      ["../../../core/errors.ts"],
      "its only run-time import is the error base class",
    );
  });

  it("sends each route's request, query and body as the API takes them", async () => {
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const client = new GuildClient({
      baseUrl: "http://127.0.0.1:7450/",
      credentials: "include",
      fetch: async (url, init) => {
        sent.push({ url, init });
        return new Response(JSON.stringify({ ok: true }), { status: 200 });
      },
    });
    await client.contributions({ epoch: 2, kind: "code", limit: 10 });
    await client.epochReportFile(3);
    await client.epochPayouts(1, { cursor: "0xabc" });
    await client.epochDisputes(2, { limit: 5, cursor: "7" });
    await client.contributionDisputes(`0x${"ab".repeat(32)}`);
    await client.signIn("message", "0x01");
    await client.signOut();
    assert.deepEqual(
      sent.map((s) => `${s.init?.method} ${s.url}`),
      [
        "GET http://127.0.0.1:7450/v1/contributions?epoch=2&kind=code&limit=10",
        "GET http://127.0.0.1:7450/v1/epochs/3/report?full=1",
        "GET http://127.0.0.1:7450/v1/epochs/1/payouts?cursor=0xabc",
        "GET http://127.0.0.1:7450/v1/epochs/2/disputes?limit=5&cursor=7",
        `GET http://127.0.0.1:7450/v1/contributions/0x${"ab".repeat(32)}/disputes`,
        "POST http://127.0.0.1:7450/v1/auth/verify",
        "POST http://127.0.0.1:7450/v1/auth/logout",
      ],
    );
    assert.equal(sent[5]?.init?.body, JSON.stringify({ message: "message", signature: "0x01" }));
    assert.deepEqual(sent[5]?.init?.headers, {
      accept: "application/json",
      "content-type": "application/json",
    });
    assert.equal(sent[6]?.init?.body, undefined);
    assert.ok(sent.every((s) => s.init?.credentials === "include"));
  });

  it("turns error answers, non-JSON answers and no answer into GuildApiError", async () => {
    const answering = (response: () => Promise<Response>) => new GuildClient({ fetch: response });
    const refused = answering(async () =>
      Response.json(
        { code: "InvalidEpochId", message: "bad id", details: { parameter: "id" } },
        { status: 400 },
      ),
    );
    await assert.rejects(refused.epoch(0), (error: unknown) => {
      assert.ok(error instanceof GuildApiError);
      assert.deepEqual(
        [error.status, error.code, error.message, error.details],
        [400, "InvalidEpochId", "bad id", { parameter: "id" }],
      );
      return true;
    });
    await assert.rejects(
      answering(async () => new Response("<html>bad gateway</html>", { status: 502 })).guild(),
      {
        name: "GuildApiError",
        status: 502,
        code: "InvalidResponse",
      },
    );
    await assert.rejects(
      answering(async () => {
        throw new TypeError("fetch failed");
      }).guild(),
      { name: "GuildApiError", status: 0, code: "Unreachable" },
    );
  });
});
