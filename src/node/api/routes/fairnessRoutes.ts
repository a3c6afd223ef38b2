// GET /v1/fairness: how concentrated payouts and voting power were, epoch by settled epoch, from the
// report summaries the store keeps.
import type { EpochFairness, EpochReportSummary, FairnessSeries } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

export function fairnessRoutes({ ctx }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/fairness",
      operationId: "getFairness",
      tag: "epochs",
      summary:
        "Fairness figures (Gini, Nakamoto coefficient, top-10 share, Lorenz curve) of every finalized epoch, oldest first",
      response: { status: 200, schema: "FairnessSeries", description: "one entry per finalized epoch" },
      errors: [],
      async handle(): Promise<FairnessSeries> {
        const latest = (await ctx.store.latestEpoch())?.id ?? 0;
        const epochs: EpochFairness[] = [];
        for (let id = 1; id <= latest; id++) {
          const epoch = await ctx.store.getEpoch(id);
          if (epoch?.state !== "finalized" || epoch.report === undefined) continue;
          const summary = epoch.report as unknown as EpochReportSummary;
          epochs.push({
            epochId: id,
            finalizedAt: epoch.enteredAt.finalized ?? null,
            referenceTime: summary.referenceTime,
            recipients: summary.settlementTree.leaves,
            totalPaid: summary.allocation.totalPaid,
            payouts: summary.fairness.payouts,
            votingPower: summary.fairness.votingPower,
          });
        }
        return { epochs };
      },
    }),
  ];
}
