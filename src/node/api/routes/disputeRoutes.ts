// Contributors' disputes of verdicts: POST /v1/disputes (a contributor's EIP-712 signed dispute of one
// evaluator's verdict on their own work), and the disputes of a contribution and of an epoch, which
// voters weigh before the epoch's challenge window ends.
import type { DisputeRecord } from "../../../store/store.ts";
import { acceptDispute } from "../../acceptDispute.ts";
import { contributionIdParam, cursorParam, epochIdParam, limitParam } from "../apiParams.ts";
import { ApiProblem } from "../apiProblem.ts";
import type { ContributionDisputes, DisputeView, EpochDisputePage } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The API's form of a stored dispute (and `guild dispute --json`'s). */
export function disputeView(d: DisputeRecord): DisputeView {
  return {
    id: d.id,
    contributionId: d.contributionId,
    epochId: d.epochId,
    evaluator: d.evaluator,
    disputant: d.disputant,
    reason: d.reason,
    createdAt: d.createdAt,
    nonce: d.nonce.toString(),
    deadline: d.deadline,
    signature: d.signature,
  };
}

export function disputeRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "post",
      path: "/v1/disputes",
      operationId: "submitDispute",
      tag: "disputes",
      summary:
        "Records a contributor's signed dispute of one evaluator's verdict on their work (EIP-712 Dispute)",
      description:
        "Refused by name when malformed, expired, not signed by the disputant, not the disputant's " +
        "contribution, about a verdict that does not exist, too late (the epoch is finalized or its " +
        "challenge window has ended), replayed (NonceAlreadyUsed) or filed before for this verdict.",
      body: { schema: "SignedDispute", description: "the signed dispute, as signDispute makes it" },
      response: { status: 201, schema: "Dispute", description: "recorded" },
      errors: [
        "DisputeFieldInvalid",
        "DisputeExpired",
        "DisputeSignatureMismatch",
        "DisputeNotContributor",
        "DisputeUnknownVerdict",
        "DisputeWindowClosed",
        "NonceAlreadyUsed",
        "DisputeAlreadyFiled",
      ],
      async handle({ c, body }): Promise<Response> {
        const disputant = (body as { disputant?: unknown } | null)?.disputant;
        if (typeof disputant === "string") limits.checkAddress(disputant);
        const dispute = await acceptDispute(ctx, body);
        limits.countAddress(dispute.disputant);
        return c.json(disputeView(dispute), 201);
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/contributions/{id}/disputes",
      operationId: "listContributionDisputes",
      tag: "disputes",
      summary: "Every dispute of the contribution's verdicts: the evaluator, the reason, who and when",
      params: { id: contributionIdParam("the contribution's id") },
      response: {
        status: 200,
        schema: "ContributionDisputes",
        description: "the disputes, in the order filed",
      },
      errors: ["UnknownContribution"],
      async handle({ params }): Promise<ContributionDisputes> {
        if ((await ctx.store.getContributionHeads([params.id])).length === 0) {
          throw new ApiProblem("UnknownContribution", `there is no contribution ${params.id}`, {
            id: params.id,
          });
        }
        const disputes = await ctx.store.listDisputes({ contributionId: params.id });
        return { contributionId: params.id, items: disputes.map(disputeView) };
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/epochs/{id}/disputes",
      operationId: "listEpochDisputes",
      tag: "disputes",
      summary: "How many disputes the epoch has (and on how many contributions), and a page of them",
      params: { id: epochIdParam("the epoch's id", true) },
      query: { limit: limitParam(50, 500), cursor: cursorParam(/^[1-9]\d{0,15}$/, "a dispute id") },
      response: {
        status: 200,
        schema: "EpochDisputePage",
        description: "the counts and a page of disputes, in the order filed",
      },
      errors: ["UnknownEpoch"],
      async handle({ params, query }): Promise<EpochDisputePage> {
        if ((await ctx.store.getEpoch(params.id)) === undefined) {
          throw new ApiProblem("UnknownEpoch", `there is no epoch ${params.id}`, { epochId: params.id });
        }
        const [counts, page] = await Promise.all([
          ctx.store.countDisputes(params.id),
          // One more than the page: whether another page follows.
          ctx.store.listDisputes({
            epochId: params.id,
            afterId: query.cursor === undefined ? 0 : Number(query.cursor),
            limit: query.limit + 1,
          }),
        ]);
        const items = page.slice(0, query.limit).map(disputeView);
        const last = items.at(-1);
        return {
          epochId: params.id,
          total: counts.disputes,
          contributions: counts.contributions,
          items,
          nextCursor: page.length > query.limit && last !== undefined ? String(last.id) : null,
        };
      },
    }),
  ];
}
