// Calls the node's HTTP API from the browser (same origin): JSON in and out, errors as ApiRequestFailed.
import type { ApiErrorBody } from "../../../src/node/api/apiTypes.ts";

/**
 * A request the node refused or could not answer. `code` is the API's error code (`UnknownEpoch`,
 * `NotFound` for a route the node does not have, `Network` when no answer came).
 */
export class ApiRequestFailed extends Error {
  override readonly name = "ApiRequestFailed";
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** The node has no such route: the feature is not available from this node (yet). */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === "NotFound";
  }
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin" });
  } catch (error) {
    throw new ApiRequestFailed(0, {
      code: "Network",
      message: `the node did not answer (${error instanceof Error ? error.message : String(error)})`,
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body as Partial<ApiErrorBody> | null;
    throw new ApiRequestFailed(response.status, {
      code: typeof error?.code === "string" ? error.code : `Http${response.status}`,
      message: typeof error?.message === "string" ? error.message : `the node answered ${response.status}`,
      ...(error?.details === undefined ? {} : { details: error.details }),
    });
  }
  return body as T;
}

/** GET a JSON resource of the API (`/v1/...`). */
export function apiGet<T>(path: string): Promise<T> {
  return send<T>(path, { method: "GET", headers: { accept: "application/json" } });
}

/** POST a JSON body to the API. */
export function apiPost<T>(path: string, body: unknown): Promise<T> {
  return send<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
}

/** A path with its query, leaving out parameters that are undefined or empty. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text === "" ? path : `${path}?${text}`;
}
