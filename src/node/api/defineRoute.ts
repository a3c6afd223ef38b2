// One API route as data: its method, path, parameters, body, response and error codes (what the OpenAPI
// document is written from) and its handler, which receives the parameters already checked.
import type { Context } from "hono";
import type { EpochRunner } from "../epochRunner.ts";
import type { NodeContext } from "../openNode.ts";
import type { Param } from "./apiParams.ts";
import type { ApiErrorCode } from "./apiProblem.ts";
import { ApiProblem, COMMON_ERRORS } from "./apiProblem.ts";
import type { PayoutTreeCache } from "./payoutTreeCache.ts";
import type { RequestLimits } from "./requestLimits.ts";
import type { Session, SiweAuth } from "./siweAuth.ts";

/** What the server passes with each request (`app.fetch(request, bindings)`). */
export interface ApiBindings {
  /** The client's IP as the socket sees it. */
  remoteAddress?: string;
}

/** Hono's environment for the API: the bindings, and the session the request carries, if any. */
export interface ApiEnv {
  Bindings: ApiBindings;
  Variables: { session: { id: string; session: Session } | undefined };
}

/** What the routes share: the node, sign-in, the limits and the payout trees. */
export interface ApiDeps {
  ctx: NodeContext;
  auth: SiweAuth;
  limits: RequestLimits;
  payoutTrees: PayoutTreeCache;
  /** The operator's epoch runs, one at a time. */
  epochRunner: EpochRunner;
  /** The clock, in milliseconds. */
  now: () => number;
}

type Params = Readonly<Record<string, Param<unknown>>>;
type Values<P extends Params> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };

export interface RouteSpec<P extends Params, Q extends Params, R> {
  method: "get" | "post";
  /** OpenAPI form: `/v1/epochs/{id}`. */
  path: `/v1/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  /** A JSON request body: the name of its schema in API_SCHEMAS and what it is. */
  body?: { schema: string; description: string };
  /** The success response: its status, the name of its schema in API_SCHEMAS, and what it is. */
  response: { status: 200 | 201 | 202; schema: string; description: string };
  /** Other success statuses the route may answer with, by schema name. */
  alsoResponds?: readonly { status: 200 | 201 | 202; schema: string; description: string }[];
  /** The error codes the handler itself answers with (parameter, body and common codes are added). */
  errors: readonly ApiErrorCode[];
  /** The route reads the session cookie. */
  session?: boolean;
  handle(input: {
    c: Context<ApiEnv>;
    params: Values<P>;
    query: Values<Q>;
    /** The parsed JSON body, for routes with `body`. */
    body: unknown;
  }): Promise<R | Response>;
}

/** A route with its types erased, as createApi mounts it and openApiDocument describes it. */
export interface ApiRoute {
  method: "get" | "post";
  path: `/v1/${string}`;
  operationId: string;
  summary: string;
  description: string | undefined;
  tag: string;
  params: Params;
  query: Params;
  body: { schema: string; description: string } | undefined;
  responses: readonly { status: 200 | 201 | 202; schema: string; description: string }[];
  /** Every error code the route can answer with, the added ones included. */
  errors: readonly ApiErrorCode[];
  session: boolean;
  handler(c: Context<ApiEnv>): Promise<Response>;
}

/** Errors every route with a JSON body may answer with. */
const BODY_ERRORS: readonly ApiErrorCode[] = ["InvalidJson", "UnsupportedMediaType", "BodyTooLarge"];

/**
 * Defines a route: the handler gets `params` and `query` parsed by their Param specs (a bad value is a
 * 400 naming it; a query parameter the route does not have, or one given twice, is UnknownParameter) and
 * the JSON body, and returns the response's body (sent as JSON with the route's status) or a Response.
 */
export function defineRoute<
  P extends Params = Record<never, never>,
  Q extends Params = Record<never, never>,
  R = unknown,
>(spec: RouteSpec<P, Q, R>): ApiRoute {
  const params = (spec.params ?? {}) as P;
  const query = (spec.query ?? {}) as Q;
  const paramErrors = [...Object.values(params), ...Object.values(query)].map((p) => p.error);
  const errors = [
    ...new Set<ApiErrorCode>([
      ...spec.errors,
      ...paramErrors,
      ...(spec.body === undefined ? [] : BODY_ERRORS),
      "UnknownParameter",
      ...COMMON_ERRORS,
    ]),
  ];
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tag: spec.tag,
    params,
    query,
    body: spec.body,
    responses: [spec.response, ...(spec.alsoResponds ?? [])],
    errors,
    session: spec.session === true,
    async handler(c) {
      const search = new URL(c.req.url).searchParams;
      for (const name of new Set(search.keys())) {
        if (!Object.hasOwn(query, name)) {
          throw new ApiProblem(
            "UnknownParameter",
            `this route has no query parameter ${JSON.stringify(name)}`,
            {
              parameter: name,
              known: Object.keys(query),
            },
          );
        }
        if (search.getAll(name).length > 1) {
          throw new ApiProblem("UnknownParameter", `query parameter ${name} is given more than once`, {
            parameter: name,
          });
        }
      }
      const parsedParams = parseAll(params, (name) => c.req.param(name));
      const parsedQuery = parseAll(query, (name) => search.get(name) ?? undefined);
      const body = spec.body === undefined ? undefined : await readJsonBody(c);
      const result = await spec.handle({ c, params: parsedParams, query: parsedQuery, body });
      if (result instanceof Response) return result;
      return c.json(result as object, spec.response.status);
    },
  };
}

function parseAll<P extends Params>(specs: P, raw: (name: string) => string | undefined): Values<P> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.parse(raw(name), name);
  return values as Values<P>;
}

/**
 * The request's body as JSON.
 * @throws ApiProblem UnsupportedMediaType when it is not labelled application/json, InvalidJson when it
 *   does not parse
 */
async function readJsonBody(c: Context<ApiEnv>): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiProblem("UnsupportedMediaType", "the request body must be JSON, sent as application/json", {
      contentType: type,
    });
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem("InvalidJson", "the request body is not JSON");
  }
}
