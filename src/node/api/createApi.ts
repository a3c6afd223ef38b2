// The node's HTTP API (versioned under /v1): signed writes in, epochs out. Errors are JSON with a code
// and a message; no stack trace or internal detail ever leaves the node.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { InvalidSubmission } from "../../core/contribution/submissionErrors.ts";
import { GuildError } from "../../core/errors.ts";
import { NonceAlreadyUsed } from "../../store/storeErrors.ts";
import { acceptSubmission } from "../acceptSubmission.ts";
import type { NodeContext } from "../openNode.ts";

/** Largest request body accepted, in bytes: a submission at its limits fits several times over. */
export const MAX_BODY_BYTES = 256 * 1024;

/** An error as the API returns it. */
export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const jsonSafe = (details: Readonly<Record<string, unknown>>) =>
  JSON.parse(JSON.stringify(details, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;

/** The API of one node, for `app.fetch` (a server) or `app.request` (tests). */
export function createApi(ctx: NodeContext): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof InvalidSubmission) {
      return c.json(
        { code: error.name, message: error.message, details: jsonSafe(error.details) } satisfies ApiError,
        400,
      );
    }
    if (error instanceof NonceAlreadyUsed) {
      return c.json(
        { code: error.name, message: error.message, details: jsonSafe(error.details) } satisfies ApiError,
        409,
      );
    }
    if (error instanceof GuildError) {
      return c.json({ code: error.name, message: error.message } satisfies ApiError, 422);
    }
    return c.json(
      { code: "InternalError", message: "the node could not handle this request" } satisfies ApiError,
      500,
    );
  });
  app.notFound((c) =>
    c.json({ code: "NotFound", message: `no route ${c.req.method} ${c.req.path}` } satisfies ApiError, 404),
  );

  app.post(
    "/v1/contributions",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          {
            code: "BodyTooLarge",
            message: `request bodies are limited to ${MAX_BODY_BYTES} bytes`,
          } satisfies ApiError,
          413,
        ),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json(
          { code: "InvalidJson", message: "the request body is not JSON" } satisfies ApiError,
          400,
        );
      }
      const contribution = await acceptSubmission(ctx, body);
      return c.json({ id: contribution.id, epochId: contribution.epochId }, 201);
    },
  );

  app.get("/v1/epochs/:id", async (c) => {
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id < 1) {
      return c.json(
        { code: "InvalidEpochId", message: "an epoch id is a whole number from 1" } satisfies ApiError,
        400,
      );
    }
    const epoch = await ctx.store.getEpoch(id);
    if (epoch === undefined)
      return c.json({ code: "UnknownEpoch", message: `there is no epoch ${id}` } satisfies ApiError, 404);
    return c.json({
      id: epoch.id,
      state: epoch.state,
      enteredAt: epoch.enteredAt,
      root: epoch.root ?? null,
      reportHash: epoch.reportHash ?? null,
      txHashes: epoch.txHashes,
    });
  });

  return app;
}
