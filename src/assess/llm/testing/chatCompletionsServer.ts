// A test double of an OpenAI-compatible model server: real HTTP on 127.0.0.1, the real chat completions wire format, scripted replies.
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with one request. */
export type ScriptedReply =
  /** A well-formed reply computed from the request (see wellFormedContent). */
  | { kind: "wellFormed" }
  /** A 200 reply whose assistant message is `content`, with `finishReason` (default "stop"). */
  | { kind: "content"; content: string; finishReason?: string }
  /** A 200 reply whose assistant message is `JSON.stringify(value)`. */
  | { kind: "json"; value: unknown }
  /** An error status with an OpenAI-style error body, and a Retry-After header when given. */
  | { kind: "status"; status: number; retryAfter?: string }
  /** A 200 response with this exact body text. */
  | { kind: "body"; body: string }
  /** Never answers (until the server closes): the client's timeout must fire. */
  | { kind: "hang" }
  /** Drops the connection without a response: a network error. */
  | { kind: "reset" };

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON (null when it was not JSON). */
  body: ChatRequestBody | null;
}

/** The parts of a chat completions request body the server reads. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  seed?: number;
  max_tokens?: number;
  response_format?: {
    type: string;
    json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean };
  };
  stream?: boolean;
}

export interface ChatCompletionsServerOptions {
  /** The `model` the replies report; default: the model the request asked for. */
  model?: string;
  /** The `system_fingerprint` the replies report; null leaves the field out. Default "fp_guild_test". */
  systemFingerprint?: string | null;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Mixed into every well-formed score, so that two servers can disagree like two models. */
  salt?: string;
}

export interface ChatCompletionsServer {
  /** The API root to give the judge: `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues what the next requests get, in order; once the queue is empty, `fallback` decides. */
  script(...replies: ScriptedReply[]): void;
  /** Decides the reply to a request when nothing is scripted; default: well-formed. */
  fallback: (body: ChatRequestBody) => ScriptedReply;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

/**
 * Starts a server on 127.0.0.1 (a free port) that answers `POST /v1/chat/completions` as an
 * OpenAI-compatible server does: a `chat.completion` object with id, object, created, model,
 * system_fingerprint, choices[0].message.content, finish_reason and usage. Malformed requests get 400
 * and a missing key 401, with OpenAI's error body. Replies are scripted per request, or computed
 * deterministically from the request, so that the same request always gets the same answer.
 */
export async function chatCompletionsServer(
  options: ChatCompletionsServerOptions = {},
): Promise<ChatCompletionsServer> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  let served = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: ChatRequestBody | null = null;
      try {
        body = JSON.parse(text) as ChatRequestBody;
      } catch {
        body = null;
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      if (req.method !== "POST" || req.url !== "/v1/chat/completions")
        return sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`, "invalid_request_error");
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`)
        return sendError(res, 401, "Incorrect API key provided.", "invalid_request_error");
      if (
        body === null ||
        typeof body.model !== "string" ||
        !Array.isArray(body.messages) ||
        body.messages.some((m) => typeof m?.content !== "string" || typeof m?.role !== "string")
      )
        return sendError(
          res,
          400,
          "The request body is not a valid chat completions request.",
          "invalid_request_error",
        );
      const reply = queue.shift() ?? handle.fallback(body);
      served += 1;
      answer(res, reply, body, served);
    });
  });

  const answer = (res: ServerResponse, reply: ScriptedReply, body: ChatRequestBody, n: number): void => {
    switch (reply.kind) {
      case "hang":
        return;
      case "reset":
        res.socket?.destroy();
        return;
      case "status": {
        if (reply.retryAfter !== undefined) res.setHeader("retry-after", reply.retryAfter);
        const type = reply.status === 429 ? "rate_limit_exceeded" : "server_error";
        sendError(res, reply.status, `scripted HTTP ${reply.status}`, type);
        return;
      }
      case "body":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(reply.body);
        return;
      default: {
        const content =
          reply.kind === "content"
            ? reply.content
            : reply.kind === "json"
              ? JSON.stringify(reply.value)
              : wellFormedContent(body, options.salt ?? "");
        const finishReason = reply.kind === "content" ? (reply.finishReason ?? "stop") : "stop";
        const promptChars = body.messages.reduce((sum, m) => sum + m.content.length, 0);
        const completion: Record<string, unknown> = {
          id: `chatcmpl-guild-${n}`,
          object: "chat.completion",
          created: CREATED + n,
          model: options.model ?? body.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content },
              logprobs: null,
              finish_reason: finishReason,
            },
          ],
          usage: {
            prompt_tokens: Math.ceil(promptChars / 4),
            completion_tokens: Math.ceil(content.length / 4),
            total_tokens: Math.ceil(promptChars / 4) + Math.ceil(content.length / 4),
          },
        };
        const fingerprint =
          options.systemFingerprint === undefined ? "fp_guild_test" : options.systemFingerprint;
        if (fingerprint !== null) completion.system_fingerprint = fingerprint;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(completion));
      }
    }
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const handle: ChatCompletionsServer = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    fallback: () => ({ kind: "wellFormed" }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return handle;
}

function sendError(res: ServerResponse, status: number, message: string, type: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

const FENCED = /<<<(GUILD-UNTRUSTED-[0-9a-f]{16}):BEGIN>>>\n([\s\S]*?)\n<<<\1:END>>>/g;

/** A deterministic number from text: the first 32 bits of its SHA-256. */
function hashNumber(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

/**
 * What a perfectly obedient, deterministic "model" answers. For a verdict schema (`guild_verdict`):
 * a score per criterion id the schema requires, from a hash of the request's messages, seed and the
 * criterion, with a reason. For a pair schema (`guild_pair`): the fenced block with the larger hash wins,
 * whichever position it is shown in, so the answer survives swapping the order.
 */
export function wellFormedContent(body: ChatRequestBody, salt = ""): string {
  const schema = body.response_format?.json_schema;
  const messages = JSON.stringify(body.messages);
  if (schema?.name === "guild_pair") {
    const user = body.messages.find((m) => m.role === "user")?.content ?? "";
    const blocks = [...user.matchAll(FENCED)].map((m) => hashNumber(`${salt}${m[2] ?? ""}`));
    const [a = 0, b = 0] = blocks;
    const multiplier = 1 + (Math.abs(a - b) % 4) + (Math.abs(a - b) % 10) / 10;
    return JSON.stringify({
      reason: "The test model prefers the contribution whose text hashes higher.",
      winner: a >= b ? "A" : "B",
      multiplier,
    });
  }
  const scoresSchema = (schema?.schema.properties as Record<string, { required?: string[] }> | undefined)
    ?.scores;
  const scores: Record<string, { reason: string; score: number }> = {};
  for (const id of scoresSchema?.required ?? []) {
    scores[id] = {
      reason: `The test model's reading of the contribution for ${id}.`,
      score: hashNumber(`${salt}${body.seed ?? ""}${messages}${id}`) % 101,
    };
  }
  return JSON.stringify({ scores, flags: [] });
}
