// The OpenAPI 3.1 document of the API, written from the route definitions themselves: every route with its
// parameters, body, success response and each error status with the codes it carries.
import type { ApiErrorCode } from "./apiProblem.ts";
import { API_ERRORS } from "./apiProblem.ts";
import { API_SCHEMAS } from "./apiSchemas.ts";
import type { ApiRoute } from "./defineRoute.ts";
import type { JsonSchema } from "./jsonSchema.ts";
import { jsonSchema as s } from "./jsonSchema.ts";

/** The session cookie's security scheme name in the document. */
const SESSION_SCHEME = "session";

/** Describes `routes` (and the document's own route) as an OpenAPI 3.1 document. */
export function openApiDocument(
  routes: readonly ApiRoute[],
  info: { version: string; sessionCookie: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Guild node API",
      version: info.version,
      description:
        "A Guild node's HTTP API: read the guild, its epochs, reports, payouts, contributions with their " +
        "verdicts, claims, proposals and fairness figures; write with EIP-712 signatures; sign in with " +
        "Ethereum (EIP-4361) for a session cookie. Amounts are decimal strings of base units; times are " +
        "unix seconds. Every error is JSON {code, message, details?}.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...API_SCHEMAS, OpenApiDocument: s.object({}, { open: true }) },
      securitySchemes: {
        [SESSION_SCHEME]: { type: "apiKey", in: "cookie", name: info.sessionCookie },
      },
    },
  };
}

function operation(route: ApiRoute): Record<string, unknown> {
  const parameters = [
    ...Object.entries(route.params).map(([name, p]) => ({
      name,
      in: "path",
      required: true,
      description: p.description,
      schema: p.schema,
    })),
    ...Object.entries(route.query).map(([name, p]) => ({
      name,
      in: "query",
      required: p.required,
      description: p.description,
      schema: p.schema,
    })),
  ];
  const responses: Record<string, unknown> = {};
  for (const response of route.responses) {
    responses[String(response.status)] = {
      description: response.description,
      content: { "application/json": { schema: s.ref(response.schema) } },
    };
  }
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of route.errors) {
    const status = API_ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const errorSchema: JsonSchema = {
      allOf: [s.ref("ApiError"), { type: "object", properties: { code: s.enum(codes) } }],
    };
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${API_ERRORS[code].description}`).join("; "),
      content: { "application/json": { schema: errorSchema } },
      ...(status === 429
        ? { headers: { "Retry-After": { description: "seconds to wait", schema: s.integer() } } }
        : {}),
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: route.body.description,
            content: { "application/json": { schema: s.ref(route.body.schema) } },
          },
        }),
    responses,
    ...(route.session ? { security: [{ [SESSION_SCHEME]: [] }, {}] } : {}),
  };
}
