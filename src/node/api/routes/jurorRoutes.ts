// Jurors' spot checks: GET /v1/spot-checks (the pairs a juror is asked next) and POST /v1/juror-answers
// (a juror's EIP-712 signed answer, recorded once per juror and pair).

import { acceptSpotCheck } from "../../acceptSpotCheck.ts";
import { EpochOutputMissing } from "../../epoch/epochLedger.ts";
import { latestAssessedEpoch } from "../../epoch/latestAssessedEpoch.ts";
import { spotChecksFor } from "../../spotChecksFor.ts";
import { addressParam, epochIdParam, limitParam } from "../apiParams.ts";
import { ApiProblem } from "../apiProblem.ts";
import type { JurorAnswerResult, SpotCheckList } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

export function jurorRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/spot-checks",
      operationId: "listSpotChecks",
      tag: "jurors",
      summary:
        "The pairs a juror is asked next: most informative first, never their own work or a pair answered",
      query: {
        juror: addressParam("the juror", true),
        epoch: epochIdParam("the epoch (default: the latest with verdicts)", false),
        count: limitParam(10, 100),
      },
      response: { status: 200, schema: "SpotCheckList", description: "the pairs, most informative first" },
      errors: ["UnknownEpoch", "NoVerdicts"],
      async handle({ query }): Promise<SpotCheckList> {
        let epochId = query.epoch;
        if (epochId === undefined) {
          epochId = await latestAssessedEpoch(ctx.store);
          if (epochId === undefined)
            throw new ApiProblem("NoVerdicts", "no epoch has verdicts to check yet", {});
        } else if ((await ctx.store.getEpoch(epochId)) === undefined) {
          throw new ApiProblem("UnknownEpoch", `there is no epoch ${epochId}`, { epochId });
        }
        try {
          const items = await spotChecksFor(ctx, epochId, query.juror, query.count);
          return { epochId, items };
        } catch (error) {
          if (!(error instanceof EpochOutputMissing)) throw error;
          throw new ApiProblem("NoVerdicts", `epoch ${epochId} has no verdicts to check yet`, { epochId });
        }
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/juror-answers",
      operationId: "submitJurorAnswer",
      tag: "jurors",
      summary: "Records a juror's signed answer to a spot check (EIP-712 SpotCheck)",
      description:
        "Refused by name when malformed, expired, not signed by the juror, about the juror's own work or " +
        "an epoch with no verdicts, replayed (NonceAlreadyUsed) or a pair the juror answered before.",
      body: { schema: "SignedSpotCheck", description: "the signed answer, as signSpotCheck makes it" },
      response: { status: 201, schema: "JurorAnswerResult", description: "recorded" },
      errors: ["InvalidSpotCheck", "NonceAlreadyUsed", "SpotCheckAlreadyAnswered"],
      async handle({ c, body }): Promise<Response> {
        const juror = (body as { juror?: unknown } | null)?.juror;
        if (typeof juror === "string") limits.checkAddress(juror);
        const answer = await acceptSpotCheck(ctx, body);
        limits.countAddress(answer.juror);
        const result: JurorAnswerResult = {
          epochId: answer.epochId,
          juror: answer.juror,
          a: answer.a,
          b: answer.b,
          winner: answer.winner,
          multiplierPermille: answer.multiplierPermille,
        };
        return c.json(result, 201);
      },
    }),
  ];
}
