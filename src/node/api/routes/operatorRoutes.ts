// The operator's epoch steps while the node serves: run an epoch (close, assess, allocate, propose) or
// finalize it, in the background, one run at a time; allowed only to a session signed in as the guild's
// operator or this node's account. How far a run is shows in GET /v1/epochs/{id} and GET /v1/operator.

import type { Context } from "hono";
import type { Address } from "viem";
import { getAddress } from "viem";
import type { GuildError } from "../../../core/errors.ts";
import { UnknownEpoch } from "../../epoch/requireEpoch.ts";
import { ChallengeWindowOpen } from "../../epoch/settleEpoch.ts";
import type { EpochAction } from "../../epochRunner.ts";
import { ClockNeedsEmbeddedChain, EpochBusy } from "../../epochRunner.ts";
import { epochIdParam } from "../apiParams.ts";
import type { ApiErrorCode } from "../apiProblem.ts";
import { ApiProblem } from "../apiProblem.ts";
import type { EpochRunView, OperatorView } from "../apiTypes.ts";
import type { ApiDeps, ApiEnv, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The runner's refusals, by the API code each is answered with. */
const REFUSALS: readonly [new (...args: never[]) => GuildError, ApiErrorCode][] = [
  [EpochBusy, "EpochBusy"],
  [UnknownEpoch, "UnknownEpoch"],
  [ChallengeWindowOpen, "ChallengeWindowOpen"],
  [ClockNeedsEmbeddedChain, "ClockNeedsEmbeddedChain"],
];

export function operatorRoutes({ ctx, epochRunner }: ApiDeps): ApiRoute[] {
  /** Who may run epochs: the guild's operator (who deployed it) and the account this node signs with. */
  const operators: Address[] = [
    ...new Set([getAddress(ctx.manifest.deployer), getAddress(ctx.chain.walletClient.account.address)]),
  ];

  /** @throws ApiProblem NotSignedIn, NotOperator */
  const requireOperator = (c: Context<ApiEnv>): Address => {
    const current = c.get("session");
    if (current === undefined) {
      throw new ApiProblem("NotSignedIn", "no session: sign in with Ethereum as the guild's operator first");
    }
    const address = getAddress(current.session.address);
    if (!operators.includes(address)) {
      throw new ApiProblem(
        "NotOperator",
        `${address} is not the guild's operator: epochs are run by ${operators.join(" or ")}`,
        { address, operators },
      );
    }
    return address;
  };

  const start = async (
    action: EpochAction,
    epochId: number,
    by: Address,
    passChallengeWindow: boolean,
  ): Promise<EpochRunView> => {
    try {
      return await epochRunner.start(epochId, action, { by, passChallengeWindow });
    } catch (error) {
      for (const [type, code] of REFUSALS) {
        if (error instanceof type) throw new ApiProblem(code, error.message, { ...error.details });
      }
      throw error;
    }
  };

  const badBody = (message: string) => new ApiProblem("InvalidEpochRunRequest", message);
  const id = epochIdParam("the epoch's id", true);
  const errors: ApiErrorCode[] = ["NotSignedIn", "NotOperator", "UnknownEpoch", "EpochBusy"];

  return [
    defineRoute({
      method: "get",
      path: "/v1/operator",
      operationId: "getOperator",
      tag: "operator",
      summary: "Who may run epochs from the API (sign in as one of them), and the node's latest epoch run",
      response: { status: 200, schema: "Operator", description: "the operator accounts and the latest run" },
      errors: [],
      async handle(): Promise<OperatorView> {
        return { accounts: operators, chain: ctx.chain.kind, run: epochRunner.latest() };
      },
    }),

    defineRoute({
      method: "post",
      path: "/v1/epochs/{id}/run",
      operationId: "runEpoch",
      tag: "operator",
      summary: "Runs the epoch's steps up to proposed (close, assess, allocate, propose) in the background",
      description:
        "For a session signed in as the guild's operator or this node's account. Answers at once with the " +
        "run; GET /v1/epochs/{id} shows how far it is (the step, assessment jobs done, the error if it " +
        "failed). One run at a time per node; each step is idempotent, so running again resumes.",
      session: true,
      params: { id },
      body: { schema: "EpochRunRequest", description: "an empty object" },
      response: { status: 202, schema: "EpochRun", description: "the run, started" },
      errors: [...errors, "InvalidEpochRunRequest"],
      async handle({ c, params, body }): Promise<EpochRunView> {
        const by = requireOperator(c);
        if (
          typeof body !== "object" ||
          body === null ||
          Array.isArray(body) ||
          Object.keys(body).length > 0
        ) {
          throw badBody("the body is an empty object {}");
        }
        return start("run", params.id, by, false);
      },
    }),

    defineRoute({
      method: "post",
      path: "/v1/epochs/{id}/finalize",
      operationId: "finalizeEpoch",
      tag: "operator",
      summary: "Runs the epoch's steps up to finalized in the background, once its challenge window is over",
      description:
        "For a session signed in as the guild's operator or this node's account. A proposed epoch whose " +
        "challenge window is open is refused (ChallengeWindowOpen, with when it ends). On the embedded " +
        "chain only, passChallengeWindow moves the chain's clock past the window first: a development aid, " +
        "as `guild epoch finalize --advance-time`.",
      session: true,
      params: { id },
      body: { schema: "FinalizeEpochRequest", description: "{} or {passChallengeWindow: true}" },
      response: { status: 202, schema: "EpochRun", description: "the run, started" },
      errors: [...errors, "InvalidEpochRunRequest", "ChallengeWindowOpen", "ClockNeedsEmbeddedChain"],
      async handle({ c, params, body }): Promise<EpochRunView> {
        const by = requireOperator(c);
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw badBody("the body is {} or {passChallengeWindow: true}");
        }
        const { passChallengeWindow, ...rest } = body as { passChallengeWindow?: unknown };
        if (
          Object.keys(rest).length > 0 ||
          !(passChallengeWindow === undefined || typeof passChallengeWindow === "boolean")
        ) {
          throw badBody("the body is {} or {passChallengeWindow: true}");
        }
        return start("finalize", params.id, by, passChallengeWindow === true);
      },
    }),
  ];
}
