// The node's HTTP API (versioned under /v1): reads of the guild, its epochs, contributions, claims,
// proposals and fairness; signed writes in; sign-in with Ethereum for the dashboard. Routes live one file
// per resource in routes/; this file mounts them behind the rate limits, the session cookie and the body
// limit, and turns every error into JSON {code, message, details?}. No stack trace or internal detail
// ever leaves the node: an error the API does not know is answered `Internal` and handed to the log.
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { InvalidSubmission } from "../../core/contribution/submissionErrors.ts";
import { InvalidIdentityClaim } from "../../core/contribution/verifyIdentityClaim.ts";
import { DisputeAlreadyFiled, InvalidDispute } from "../../core/disputes/disputeErrors.ts";
import { EndorsementAlreadyGiven, InvalidEndorsement } from "../../core/endorsements/endorsementErrors.ts";
import { GuildError } from "../../core/errors.ts";
import { InvalidSpotCheck } from "../../core/jurors/spotCheckErrors.ts";
import {
  DatabaseUnavailable,
  IdentityConflict,
  NonceAlreadyUsed,
  SpotCheckAlreadyAnswered,
  TransactionConflict,
} from "../../store/storeErrors.ts";
import { EpochRunner } from "../epochRunner.ts";
import type { NodeContext } from "../openNode.ts";
import type { ApiErrorCode } from "./apiProblem.ts";
import { API_ERRORS, ApiProblem } from "./apiProblem.ts";
import type { ApiErrorBody } from "./apiTypes.ts";
import type { ApiDeps, ApiEnv, ApiRoute } from "./defineRoute.ts";
import { defineRoute } from "./defineRoute.ts";
import { openApiDocument } from "./openApiDocument.ts";
import { PayoutTreeCache } from "./payoutTreeCache.ts";
import type { RequestLimitOptions } from "./requestLimits.ts";
import { RequestLimits } from "./requestLimits.ts";
import { accountRoutes } from "./routes/accountRoutes.ts";
import { authRoutes, SESSION_COOKIE } from "./routes/authRoutes.ts";
import { chainRoutes } from "./routes/chainRoutes.ts";
import { contributionRoutes } from "./routes/contributionRoutes.ts";
import { disputeRoutes } from "./routes/disputeRoutes.ts";
import { endorsementRoutes } from "./routes/endorsementRoutes.ts";
import { epochRoutes } from "./routes/epochRoutes.ts";
import { fairnessRoutes } from "./routes/fairnessRoutes.ts";
import { guildRoutes } from "./routes/guildRoutes.ts";
import { identityClaimRoutes } from "./routes/identityClaimRoutes.ts";
import { jurorRoutes } from "./routes/jurorRoutes.ts";
import { operatorRoutes } from "./routes/operatorRoutes.ts";
import { proposalRoutes } from "./routes/proposalRoutes.ts";
import { SiweAuth } from "./siweAuth.ts";

/** Something that is not an Error was thrown (Hono hands only Errors to onError); `cause` is the value. */
class NonErrorThrown extends GuildError {}

/** Largest request body accepted, in bytes: a submission at its limits fits several times over. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The API's version, the `/v1` of its paths and the OpenAPI document's info.version. */
export const API_VERSION = "1";

/** The resources, one file each under routes/: a new resource is one file and one entry here. */
const ROUTE_GROUPS: readonly ((deps: ApiDeps) => ApiRoute[])[] = [
  guildRoutes,
  epochRoutes,
  contributionRoutes,
  identityClaimRoutes,
  accountRoutes,
  proposalRoutes,
  fairnessRoutes,
  authRoutes,
  jurorRoutes,
  disputeRoutes,
  endorsementRoutes,
  operatorRoutes,
  chainRoutes,
];

export interface ApiOptions {
  /**
   * The origins the dashboard is served from (`http://127.0.0.1:7450`): a sign-in message must name one's
   * host as its domain and a URI on it. None (the default): every sign-in is refused.
   */
  origins?: readonly string[];
  /** Rate limits per IP and per address (RequestLimits' defaults when absent). */
  rateLimits?: RequestLimitOptions;
  /** Take the client's IP from X-Forwarded-For (behind a reverse proxy); otherwise from the socket. */
  trustProxy?: boolean;
  nonceTtlSeconds?: number;
  sessionTtlSeconds?: number;
  /** The clock, in milliseconds (rate limits, nonces, sessions). */
  now?: () => number;
  /** Told every error answered `Internal`, for the node's log (default: console.error). */
  onInternalError?: (error: unknown, request: { method: string; path: string }) => void;
  /**
   * The node's epoch runner, which the caller closes before the node (`guild up`); one of the app's own
   * when absent.
   */
  epochRunner?: EpochRunner;
}

/** The API of one node, for `app.fetch(request, { remoteAddress })` (a server) or `app.request` (tests). */
export function createApi(ctx: NodeContext, options: ApiOptions = {}): Hono<ApiEnv> {
  const now = options.now ?? Date.now;
  const auth = new SiweAuth({
    store: ctx.store,
    origins: options.origins ?? [],
    chainId: ctx.manifest.chainId,
    now,
    ...(options.nonceTtlSeconds === undefined ? {} : { nonceTtlSeconds: options.nonceTtlSeconds }),
    ...(options.sessionTtlSeconds === undefined ? {} : { sessionTtlSeconds: options.sessionTtlSeconds }),
  });
  const deps: ApiDeps = {
    ctx,
    auth,
    limits: new RequestLimits(options.rateLimits, now),
    payoutTrees: new PayoutTreeCache(ctx.store),
    epochRunner: options.epochRunner ?? new EpochRunner(ctx, { now }),
    now,
  };
  const routes: ApiRoute[] = ROUTE_GROUPS.flatMap((group) => group(deps));
  routes.push(
    defineRoute({
      method: "get",
      path: "/v1/openapi.json",
      operationId: "getOpenApi",
      tag: "meta",
      summary: "This API's OpenAPI 3.1 document",
      response: { status: 200, schema: "OpenApiDocument", description: "the OpenAPI document" },
      errors: [],
      async handle() {
        return openApiDocument(routes, { version: API_VERSION, sessionCookie: SESSION_COOKIE });
      },
    }),
  );
  const onInternalError =
    options.onInternalError ??
    ((error, request) => console.error(`internal error answering ${request.method} ${request.path}:`, error));

  const app = new Hono<ApiEnv>();
  app.onError((error, c) => {
    const { status, body, headers } = problemOf(error);
    if (body.code === "Internal") {
      onInternalError(error instanceof NonErrorThrown ? error.cause : error, {
        method: c.req.method,
        path: c.req.path,
      });
    }
    return c.json(body, status as 400, headers);
  });
  app.notFound((c) => c.json(errorBody("NotFound", `no route ${c.req.method} ${c.req.path}`), 404));

  app.use("*", async (_c, next) => {
    try {
      await next();
    } catch (thrown) {
      if (thrown instanceof Error) throw thrown;
      throw new NonErrorThrown("a value that is not an Error was thrown", {}, { cause: thrown });
    }
  });
  app.use("*", async (c, next) => {
    deps.limits.takeIp(clientIp(c, options.trustProxy === true));
    await next();
  });
  app.use("*", async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id === undefined ? undefined : await auth.session(id);
    c.set("session", id === undefined || session === undefined ? undefined : { id, session });
    if (session !== undefined) deps.limits.takeAddress(session.address);
    await next();
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody("BodyTooLarge", `request bodies are limited to ${MAX_BODY_BYTES} bytes`), 413),
    }),
  );
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path.replace(/\{(\w+)\}/g, ":$1"), (c) => route.handler(c));
  }
  return app;
}

/** The client's IP: the socket's, or the first of X-Forwarded-For behind a trusted proxy. */
function clientIp(c: Context<ApiEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as ApiEnv["Bindings"] | undefined)?.remoteAddress ?? "unknown";
}

const errorBody = (
  code: ApiErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ApiErrorBody =>
  details === undefined || Object.keys(details).length === 0
    ? { code, message }
    : { code, message, details: jsonSafe(details) };

const jsonSafe = (details: Readonly<Record<string, unknown>>) =>
  JSON.parse(JSON.stringify(details, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;

/**
 * The answer to an error: the API's own problems and the domain refusals the routes expect, by code;
 * an unreachable or busy database as Unavailable; anything else as Internal, with nothing of it shown.
 */
function problemOf(error: unknown): { status: number; body: ApiErrorBody; headers: Record<string, string> } {
  if (error instanceof ApiProblem) {
    return {
      status: error.status,
      body: errorBody(error.code, error.message, error.details),
      headers: { ...error.headers },
    };
  }
  // Expected refusals from the domain, which name only what the caller sent.
  const known: [new (...args: never[]) => Error, ApiErrorCode | "byName"][] = [
    [InvalidSubmission, "byName"],
    [NonceAlreadyUsed, "NonceAlreadyUsed"],
    [InvalidIdentityClaim, "InvalidIdentityClaim"],
    [IdentityConflict, "IdentityConflict"],
    [InvalidSpotCheck, "InvalidSpotCheck"],
    [SpotCheckAlreadyAnswered, "SpotCheckAlreadyAnswered"],
    [InvalidDispute, "byName"],
    [DisputeAlreadyFiled, "DisputeAlreadyFiled"],
    [InvalidEndorsement, "byName"],
    [EndorsementAlreadyGiven, "EndorsementAlreadyGiven"],
  ];
  for (const [type, code] of known) {
    if (!(error instanceof type)) continue;
    const named = code === "byName" ? (error.name as ApiErrorCode) : code;
    if (!Object.hasOwn(API_ERRORS, named)) break;
    const details = (error as unknown as { details: Readonly<Record<string, unknown>> }).details;
    return { status: API_ERRORS[named].status, body: errorBody(named, error.message, details), headers: {} };
  }
  if (error instanceof DatabaseUnavailable || error instanceof TransactionConflict) {
    return {
      status: 503,
      body: errorBody("Unavailable", "the node's database is unavailable or busy: retry shortly"),
      headers: { "retry-after": "5" },
    };
  }
  return {
    status: 500,
    body: errorBody("Internal", "the node could not handle this request"),
    headers: {},
  };
}
