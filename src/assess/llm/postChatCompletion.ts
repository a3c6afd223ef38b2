// Sends one chat completions request over HTTP, with a timeout per attempt and bounded retries.
import type { LlmAttempt } from "./llmAudit.ts";
import { parseRetryAfter } from "./parseRetryAfter.ts";
import { type RetryPolicy, retryDelayMs } from "./retryDelayMs.ts";

/** Where and how to reach an OpenAI-compatible server. */
export interface ChatConnection extends RetryPolicy {
  /** The API root, e.g. `http://127.0.0.1:11434/v1`; the request goes to `{baseUrl}/chat/completions`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set; never recorded. */
  apiKey: string | null;
  /** Each attempt, headers and body included, is aborted after this many milliseconds. */
  timeoutMs: number;
  /** Waits between attempts; injected so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** A monotonic clock in milliseconds, for latencies. */
  now: () => number;
}

/** What came of a request: the reply of the last attempt, or why there is none. */
export type ChatPostResult =
  | { ok: true; status: number; body: string; latencyMs: number; attempts: LlmAttempt[] }
  | {
      ok: false;
      /** unavailable: retryable failures until the attempts ran out; refused: a non-retryable status. */
      kind: "unavailable" | "refused";
      status: number | null;
      body: string | null;
      latencyMs: number;
      attempts: LlmAttempt[];
      reason: string;
    };

/** Statuses worth another attempt: the server is busy, overloaded or failed, not the request wrong. */
function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs `body` (JSON text) to `{baseUrl}/chat/completions`. An attempt that times out, fails on the
 * network or gets 408, 429 or 5xx is retried after `retryDelayMs` until `maxAttempts` have been made;
 * any other non-2xx status stops at once. Every attempt is recorded. Never throws for what the server
 * or the network does; the caller decides what a failure means.
 */
export async function postChatCompletion(connection: ChatConnection, body: string): Promise<ChatPostResult> {
  const url = `${connection.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (connection.apiKey !== null) headers.authorization = `Bearer ${connection.apiKey}`;
  const attempts: LlmAttempt[] = [];
  for (let attempt = 1; ; attempt++) {
    const started = connection.now();
    let status: number | null = null;
    let text: string | null = null;
    let error: string;
    let retryAfterMs: number | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(connection.timeoutMs),
      });
      status = response.status;
      // The body is read under the same signal, so a server that stalls mid-body also times out.
      text = await response.text();
      const latencyMs = Math.round(connection.now() - started);
      if (response.ok) {
        attempts.push({ attempt, status, error: null, latencyMs, retryAfterMs: null, waitMs: 0 });
        return { ok: true, status, body: text, latencyMs, attempts };
      }
      const date = Date.parse(response.headers.get("date") ?? "");
      retryAfterMs = parseRetryAfter(
        response.headers.get("retry-after"),
        Number.isNaN(date) ? Date.now() : date,
      );
      error = `HTTP ${status}`;
      if (!isRetryable(status)) {
        attempts.push({ attempt, status, error, latencyMs, retryAfterMs, waitMs: 0 });
        return { ok: false, kind: "refused", status, body: text, latencyMs, attempts, reason: error };
      }
    } catch (cause) {
      error = describeFetchError(cause, connection.timeoutMs);
    }
    const latencyMs = Math.round(connection.now() - started);
    if (attempt >= connection.maxAttempts) {
      attempts.push({ attempt, status, error, latencyMs, retryAfterMs, waitMs: 0 });
      return { ok: false, kind: "unavailable", status, body: text, latencyMs, attempts, reason: error };
    }
    const waitMs = retryDelayMs(attempt, retryAfterMs, connection);
    attempts.push({ attempt, status, error, latencyMs, retryAfterMs, waitMs });
    await connection.sleep(waitMs);
  }
}

/** A short, stable description of why fetch failed: a timeout, or the network error's code. */
function describeFetchError(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError"))
    return `timed out after ${timeoutMs} ms`;
  const inner = cause instanceof Error ? cause.cause : undefined;
  const code =
    typeof inner === "object" && inner !== null && "code" in inner && typeof inner.code === "string"
      ? inner.code
      : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `network error: ${code ?? message}`;
}
