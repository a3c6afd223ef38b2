// The contributions: a filtered list across epochs, one contribution with every verdict on it, and
// signed submissions in (EIP-712, one nonce each).
import { verdictHash } from "../../../core/assessment/assessedVerdict.ts";
import type { Contribution, ContributionHead } from "../../../core/contribution/contribution.ts";
import { CONTRIBUTION_KINDS } from "../../../core/contribution/contribution.ts";
import { acceptSubmission } from "../../acceptSubmission.ts";
import {
  addressParam,
  contributionIdParam,
  cursorParam,
  epochIdParam,
  limitParam,
  oneOfParam,
} from "../apiParams.ts";
import { ApiProblem } from "../apiProblem.ts";
import type {
  ContributionDetail,
  ContributionSourceView,
  ContributionSummary,
  Page,
  SubmittedContribution,
} from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** Contributions read from the store at a time while filtering a page. */
const SCAN_CHUNK = 500;

const CURSOR = /^[1-9]\d{0,8}:0x[0-9a-f]{64}$/;

function summaryOf(head: ContributionHead, epochId: number): ContributionSummary {
  const source: ContributionSourceView =
    head.source.kind === "signed"
      ? { kind: "signed", signature: head.source.signature, nonce: head.source.nonce.toString() }
      : { ...head.source };
  return {
    id: head.id,
    epochId,
    contributor: { ...head.contributor },
    kind: head.kind,
    title: head.title,
    source,
    createdAt: head.createdAt,
  };
}

export function contributionRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/contributions",
      operationId: "listContributions",
      tag: "contributions",
      summary: "Contributions, newest epoch first and in store order within an epoch, filtered",
      query: {
        epoch: epochIdParam("only this epoch's contributions", false),
        contributor: addressParam("only this address's contributions", false),
        kind: oneOfParam("only contributions of this kind", CONTRIBUTION_KINDS),
        limit: limitParam(50, 200),
        cursor: cursorParam(CURSOR, "<epoch id>:<contribution id>"),
      },
      response: { status: 200, schema: "ContributionPage", description: "a page of contributions" },
      errors: ["UnknownEpoch"],
      async handle({ query }): Promise<Page<ContributionSummary>> {
        let after: { epochId: number; id: string } | undefined;
        if (query.cursor !== undefined) {
          const [epochText, id] = query.cursor.split(":") as [string, string];
          after = { epochId: Number(epochText), id };
          if (query.epoch !== undefined && after.epochId !== query.epoch) {
            throw new ApiProblem("InvalidCursor", "the cursor is from another epoch than ?epoch=", {
              cursor: query.cursor,
              epoch: query.epoch,
            });
          }
        }
        let top: number;
        if (query.epoch !== undefined) {
          if ((await ctx.store.getEpoch(query.epoch)) === undefined) {
            throw new ApiProblem("UnknownEpoch", `there is no epoch ${query.epoch}`, {
              epochId: query.epoch,
            });
          }
          top = query.epoch;
        } else {
          top = (await ctx.store.latestEpoch())?.id ?? 0;
        }
        if (after !== undefined && after.epochId > top) {
          throw new ApiProblem("InvalidCursor", "the cursor names an epoch the store does not have", {
            cursor: query.cursor,
          });
        }
        const bottom = query.epoch ?? 1;
        const contributor = query.contributor?.toLowerCase();
        const filtered = contributor !== undefined || query.kind !== undefined;
        const keep = (head: ContributionHead) =>
          (contributor === undefined ||
            (head.contributor.kind === "address" &&
              head.contributor.address.toLowerCase() === contributor)) &&
          (query.kind === undefined || head.kind === query.kind);

        const items: ContributionSummary[] = [];
        // Whether a matching contribution follows the page: scanned for, so that the last page says so.
        let more = false;
        scan: for (let epochId = Math.min(top, after?.epochId ?? top); epochId >= bottom; epochId--) {
          const ids = await ctx.store.listContributionIds(epochId);
          let i = 0;
          if (after !== undefined && epochId === after.epochId) {
            const at = ids.indexOf(after.id as `0x${string}`);
            if (at < 0) {
              throw new ApiProblem("InvalidCursor", "the cursor names no contribution of its epoch", {
                cursor: query.cursor,
              });
            }
            i = at + 1;
          }
          while (i < ids.length) {
            // Unfiltered, a page reads only its own rows and one more.
            const size = filtered ? SCAN_CHUNK : Math.min(query.limit - items.length + 1, SCAN_CHUNK);
            const chunk = ids.slice(i, i + size);
            i += chunk.length;
            for (const head of await ctx.store.getContributionHeads(chunk)) {
              if (!keep(head)) continue;
              if (items.length === query.limit) {
                more = true;
                break scan;
              }
              items.push(summaryOf(head, epochId));
            }
          }
        }
        const last = items.at(-1);
        return { items, nextCursor: more && last !== undefined ? `${last.epochId}:${last.id}` : null };
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/contributions/{id}",
      operationId: "getContribution",
      tag: "contributions",
      summary:
        "One contribution with every verdict on it: each criterion's score and reason, the evaluator, the input hash, flags",
      params: { id: contributionIdParam("the contribution's id (keccak256 of its content)") },
      response: {
        status: 200,
        schema: "ContributionDetail",
        description: "the contribution and its verdicts",
      },
      errors: ["UnknownContribution"],
      async handle({ params }): Promise<ContributionDetail> {
        const contribution = await ctx.store.getContribution(params.id);
        if (contribution === undefined) {
          throw new ApiProblem("UnknownContribution", `there is no contribution ${params.id}`, {
            id: params.id,
          });
        }
        const verdicts = await ctx.store.listVerdicts({ contributionId: contribution.id });
        return {
          ...summaryOf(contribution, contribution.epochId),
          description: contribution.description,
          links: [...contribution.links],
          metrics: { ...contribution.metrics },
          verdicts: verdicts.map((v) => ({
            evaluator: { id: v.evaluator.id, version: v.evaluator.version },
            replica: v.replica,
            inputHash: v.inputHash,
            verdictHash: verdictHash({
              contributionId: v.contributionId,
              evaluator: v.evaluator,
              inputHash: v.inputHash,
              scores: v.scores,
              overall: v.overall,
              flags: v.flags,
            }),
            overall: v.overall,
            scores: v.scores.map((s) => ({ criterion: s.criterion, score: s.score, reason: s.reason })),
            flags: [...v.flags],
            raw: v.raw,
          })),
        };
      },
    }),

    defineRoute({
      method: "post",
      path: "/v1/contributions",
      operationId: "submitContribution",
      tag: "contributions",
      summary: "Submits a contribution signed by its contributor (EIP-712 Submission) into the open epoch",
      body: { schema: "SignedSubmission", description: "the signed submission, as signSubmission makes it" },
      response: {
        status: 201,
        schema: "SubmittedContribution",
        description: "stored: the contribution's id and epoch",
      },
      errors: [
        "SubmissionNotAnObject",
        "SubmissionFieldMissing",
        "SubmissionFieldUnknown",
        "SubmissionFieldMistyped",
        "UnknownContributionKind",
        "SubmissionTitleEmpty",
        "SubmissionTextTooLong",
        "TooManyLinks",
        "LinkNotHttp",
        "TooManyMetrics",
        "EpochNotOpen",
        "SubmissionExpired",
        "SubmissionSignatureMismatch",
        "NonceAlreadyUsed",
      ],
      async handle({ body }): Promise<SubmittedContribution> {
        const claimed = (body as { contributor?: unknown } | null)?.contributor;
        if (typeof claimed === "string") limits.checkAddress(claimed);
        const contribution: Contribution = await acceptSubmission(ctx, body);
        if (contribution.contributor.kind === "address")
          limits.countAddress(contribution.contributor.address);
        return { id: contribution.id, epochId: contribution.epochId };
      },
    }),
  ];
}
