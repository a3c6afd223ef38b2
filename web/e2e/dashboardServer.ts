// Test support: the origin the browser loads the dashboard from. When `guild up` serves the dashboard
// itself, that is the node; until it does, a server here serves web/dist with serveDashboard and passes
// /v1 through to the node, so the page still talks to the real API as the same origin.
import { Hono } from "hono";
import { serveApi } from "../../src/node/api/serveApi.ts";
import { DASHBOARD_DIST, serveDashboard } from "../serveDashboard.ts";

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

/** The node's own origin when it serves the dashboard; otherwise a pass-through server on 127.0.0.1. */
export async function dashboardOrigin(nodeUrl: string): Promise<DashboardServer> {
  const index = await fetch(`${nodeUrl}/`);
  if (index.ok && (index.headers.get("content-type") ?? "").startsWith("text/html")) {
    return { url: nodeUrl, close: async () => {} };
  }
  const app = new Hono();
  app.all("/v1/*", async (c) => {
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.delete("host");
    const method = c.req.method;
    const body = method === "GET" || method === "HEAD" ? null : await c.req.arrayBuffer();
    const answer = await fetch(`${nodeUrl}${url.pathname}${url.search}`, { method, headers, body });
    // fetch has already decoded the body: the length and encoding it was sent with no longer hold.
    const outgoing = new Headers(answer.headers);
    outgoing.delete("content-encoding");
    outgoing.delete("content-length");
    return new Response(answer.body, { status: answer.status, headers: outgoing });
  });
  serveDashboard(app, DASHBOARD_DIST);
  const server = await serveApi((request) => app.fetch(request), { host: "127.0.0.1", port: 0 });
  return { url: server.url, close: () => server.close() };
}
