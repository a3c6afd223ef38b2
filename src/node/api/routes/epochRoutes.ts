// The epochs: a list, one epoch, its report (the store's summary, or the report file streamed) and its
// payouts a page at a time.
import { createReadStream, existsSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import type { Hex } from "viem";
import type { EpochRecord } from "../../../store/store.ts";
import { reportPathOf } from "../../epoch/allocateEpoch.ts";
import { readAllocated } from "../../epoch/epochLedger.ts";
import { cursorParam, epochIdParam, flagParam, limitParam } from "../apiParams.ts";
import { ApiProblem } from "../apiProblem.ts";
import type { EpochReportSummary, EpochReportView, EpochView, Page, PayoutPage } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The API's form of a stored epoch, with the node's latest run of it. */
function epochView(epoch: EpochRecord, run: EpochView["run"]): EpochView {
  return {
    id: epoch.id,
    state: epoch.state,
    enteredAt: epoch.enteredAt,
    updatedAt: epoch.updatedAt,
    configHash: epoch.configHash ?? null,
    root: epoch.root ?? null,
    reportHash: epoch.reportHash ?? null,
    txHashes: { ...epoch.txHashes },
    run,
  };
}

export function epochRoutes({ ctx, payoutTrees, epochRunner }: ApiDeps): ApiRoute[] {
  const requireEpoch = async (id: number): Promise<EpochRecord> => {
    const epoch = await ctx.store.getEpoch(id);
    if (epoch === undefined) throw new ApiProblem("UnknownEpoch", `there is no epoch ${id}`, { epochId: id });
    return epoch;
  };
  const id = epochIdParam("the epoch's id", true);

  return [
    defineRoute({
      method: "get",
      path: "/v1/epochs",
      operationId: "listEpochs",
      tag: "epochs",
      summary: "The epochs, newest first, with their state and when they entered each state",
      query: { limit: limitParam(20, 100), cursor: cursorParam(/^[1-9]\d{0,8}$/, "an epoch id") },
      response: { status: 200, schema: "EpochPage", description: "a page of epochs" },
      errors: [],
      async handle({ query }): Promise<Page<EpochView>> {
        const latest = await ctx.store.latestEpoch();
        const items: EpochView[] = [];
        let next = Math.min(
          latest?.id ?? 0,
          query.cursor === undefined ? Number.MAX_SAFE_INTEGER : Number(query.cursor) - 1,
        );
        for (; next >= 1 && items.length < query.limit; next--) {
          const epoch = await ctx.store.getEpoch(next);
          if (epoch !== undefined) items.push(epochView(epoch, epochRunner.runOf(epoch.id)));
        }
        const last = items.at(-1);
        return { items, nextCursor: next >= 1 && last !== undefined ? String(last.id) : null };
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/epochs/{id}",
      operationId: "getEpoch",
      tag: "epochs",
      summary:
        "One epoch: its state, when it entered each state, root, report hash, transactions, and the operator's latest run of it",
      params: { id },
      response: { status: 200, schema: "Epoch", description: "the epoch" },
      errors: ["UnknownEpoch"],
      async handle({ params }): Promise<EpochView> {
        return epochView(await requireEpoch(params.id), epochRunner.runOf(params.id));
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/epochs/{id}/report",
      operationId: "getEpochReport",
      tag: "epochs",
      summary: "The epoch's report summary; with full=1, the whole report file (canonical JSON) streamed",
      description:
        "The summary is the report without its contributions and verdicts lists (their counts and hashes " +
        "stay). With full=1 the body is the report file itself, whose keccak256 is the report hash (also " +
        "sent as the ETag).",
      params: { id },
      query: { full: flagParam("1 or true: stream the whole report file instead of the summary") },
      response: {
        status: 200,
        schema: "EpochReport",
        description: "the report summary (or, with full=1, the report)",
      },
      errors: ["UnknownEpoch", "NoReport", "ReportFileMissing"],
      async handle({ c, params, query }): Promise<EpochReportView | Response> {
        const epoch = await requireEpoch(params.id);
        if (epoch.report === undefined || epoch.reportHash === undefined) {
          throw new ApiProblem(
            "NoReport",
            `epoch ${epoch.id} is ${epoch.state}: it has no report until it is allocated`,
            {
              epochId: epoch.id,
              state: epoch.state,
            },
          );
        }
        if (!query.full) {
          return {
            epochId: epoch.id,
            reportHash: epoch.reportHash,
            summary: epoch.report as unknown as EpochReportSummary,
          };
        }
        const path =
          (await readAllocated(ctx.store, epoch.id))?.reportPath ?? reportPathOf(ctx.dataDir, epoch.id);
        if (!existsSync(path)) {
          throw new ApiProblem("ReportFileMissing", `the node has no report file for epoch ${epoch.id}`, {
            epochId: epoch.id,
            reportHash: epoch.reportHash,
          });
        }
        const size = statSync(path).size;
        const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
        return c.body(stream, 200, {
          "content-type": "application/json; charset=utf-8",
          "content-length": String(size),
          etag: `"${epoch.reportHash}"`,
        });
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/epochs/{id}/payouts",
      operationId: "listEpochPayouts",
      tag: "epochs",
      summary: "The epoch's payouts (its tree's leaves), by recipient address",
      params: { id },
      query: {
        limit: limitParam(100, 1000),
        cursor: cursorParam(/^0x[0-9a-fA-F]{40}$/, "a recipient address"),
      },
      response: { status: 200, schema: "PayoutPage", description: "a page of payouts" },
      errors: ["UnknownEpoch"],
      async handle({ params, query }): Promise<PayoutPage> {
        const epoch = await requireEpoch(params.id);
        if (epoch.root === undefined) return { epochId: epoch.id, total: 0, items: [], nextCursor: null };
        const { payouts } = await payoutTrees.get({ ...epoch, root: epoch.root as Hex });
        const after = query.cursor?.toLowerCase();
        let start = 0;
        if (after !== undefined) {
          // Payouts are sorted by lower-case address: the page starts after the cursor.
          let low = 0;
          let high = payouts.length;
          while (low < high) {
            const mid = (low + high) >> 1;
            if ((payouts[mid]?.recipient.toLowerCase() ?? "") <= after) low = mid + 1;
            else high = mid;
          }
          start = low;
        }
        const page = payouts.slice(start, start + query.limit);
        const last = page.at(-1);
        return {
          epochId: epoch.id,
          total: payouts.length,
          items: page.map((p) => ({
            recipient: p.recipient,
            amount: p.amount.toString(),
            reputation: p.reputation.toString(),
            cumulativeAmount: p.cumulativeAmount.toString(),
            cumulativeReputation: p.cumulativeReputation.toString(),
          })),
          nextCursor: start + page.length < payouts.length && last !== undefined ? last.recipient : null,
        };
      },
    }),
  ];
}
