// GET /v1/proposals: the governor's proposals, newest first, with their state, vote tallies and calls in
// words (which parameter changes from what to what).
import { cursorParam, limitParam } from "../apiParams.ts";
import type { Page, ProposalView } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";
import { readProposals } from "../readProposals.ts";

export function proposalRoutes({ ctx }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/proposals",
      operationId: "listProposals",
      tag: "governance",
      summary:
        "Governance proposals, newest first: state, votes for, against and abstaining, quorum, calls in words",
      query: { limit: limitParam(20, 100), cursor: cursorParam(/^[0-9]{1,78}$/, "a proposal id") },
      response: { status: 200, schema: "ProposalPage", description: "a page of proposals" },
      errors: ["InvalidCursor"],
      async handle({ query }): Promise<Page<ProposalView>> {
        return readProposals(ctx, { limit: query.limit, cursor: query.cursor });
      },
    }),
  ];
}
