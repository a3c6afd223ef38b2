// Members' endorsements of others' work: POST /v1/endorsements (a member's EIP-712 signed endorsement of a
// contribution in an open epoch), and a contribution's endorsements, the peer signal guild/peers reads.
import type { EndorsementRecord } from "../../../store/store.ts";
import { acceptEndorsement } from "../../acceptEndorsement.ts";
import { contributionIdParam } from "../apiParams.ts";
import { ApiProblem } from "../apiProblem.ts";
import type { ContributionEndorsements, EndorsementView } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The API's form of a stored endorsement (and `guild endorse --json`'s). */
export function endorsementView(e: EndorsementRecord): EndorsementView {
  return {
    id: e.id,
    contributionId: e.contributionId,
    epochId: e.epochId,
    endorser: e.endorser,
    createdAt: e.createdAt,
    nonce: e.nonce.toString(),
    deadline: e.deadline,
    signature: e.signature,
  };
}

export function endorsementRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "post",
      path: "/v1/endorsements",
      operationId: "submitEndorsement",
      tag: "endorsements",
      summary: "Records a member's signed endorsement of someone else's contribution (EIP-712 Endorsement)",
      description:
        "Taken while the contribution's epoch is open, from members (addresses holding reputation) and " +
        "never for their own work. Refused by name when malformed, expired, not signed by the endorser, " +
        "about no contribution, the endorser's own, from a non-member, too late (the epoch closed), " +
        "replayed (NonceAlreadyUsed) or given before for this contribution.",
      body: {
        schema: "SignedEndorsement",
        description: "the signed endorsement, as signEndorsement makes it",
      },
      response: { status: 201, schema: "Endorsement", description: "recorded" },
      errors: [
        "EndorsementFieldInvalid",
        "EndorsementExpired",
        "EndorsementSignatureMismatch",
        "EndorsementUnknownContribution",
        "EndorsementOwnWork",
        "EndorserNotMember",
        "EndorsementWindowClosed",
        "NonceAlreadyUsed",
        "EndorsementAlreadyGiven",
      ],
      async handle({ c, body }): Promise<Response> {
        const endorser = (body as { endorser?: unknown } | null)?.endorser;
        if (typeof endorser === "string") limits.checkAddress(endorser);
        const endorsement = await acceptEndorsement(ctx, body);
        limits.countAddress(endorsement.endorser);
        return c.json(endorsementView(endorsement), 201);
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/contributions/{id}/endorsements",
      operationId: "listContributionEndorsements",
      tag: "endorsements",
      summary: "Who endorsed the contribution, and whether its epoch still takes endorsements",
      params: { id: contributionIdParam("the contribution's id") },
      response: {
        status: 200,
        schema: "ContributionEndorsements",
        description: "the endorsements, in the order recorded",
      },
      errors: ["UnknownContribution"],
      async handle({ params }): Promise<ContributionEndorsements> {
        const contribution = await ctx.store.getContribution(params.id);
        if (contribution === undefined) {
          throw new ApiProblem("UnknownContribution", `there is no contribution ${params.id}`, {
            id: params.id,
          });
        }
        const [epoch, endorsements] = await Promise.all([
          ctx.store.getEpoch(contribution.epochId),
          ctx.store.listEndorsements({ contributionId: params.id }),
        ]);
        return {
          contributionId: params.id,
          epochId: contribution.epochId,
          open: epoch?.state === "open",
          items: endorsements.map(endorsementView),
        };
      },
    }),
  ];
}
