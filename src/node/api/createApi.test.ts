// The HTTP API in process (app.request) on a guild with history: every route's answer checked against its
// OpenAPI schema, every bad input answered with its code (and that code documented for the route), the
// rate limits, sign-in with Ethereum, and errors that never leak what failed inside.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { getAddress, keccak256 } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { claim } from "../../chain/settlement.ts";
import { signIdentityClaim } from "../../core/contribution/signIdentityClaim.ts";
import { signSubmission } from "../../core/contribution/signSubmission.ts";
import * as submissionErrors from "../../core/contribution/submissionErrors.ts";
import type { DisputeFields } from "../../core/disputes/dispute.ts";
import * as disputeErrors from "../../core/disputes/disputeErrors.ts";
import { signDispute } from "../../core/disputes/signDispute.ts";
import * as endorsementErrors from "../../core/endorsements/endorsementErrors.ts";
import { signEndorsement } from "../../core/endorsements/signEndorsement.ts";
import { signSpotCheck } from "../../core/jurors/signSpotCheck.ts";
import { buildPayoutTree } from "../../core/merkle/payoutTree.ts";
import { DatabaseUnavailable } from "../../store/storeErrors.ts";
import { reportPathOf } from "../epoch/allocateEpoch.ts";
import { NO_GRANT_ROUND } from "../epoch/testing/prepareGuild.ts";
import type { NodeContext } from "../openNode.ts";
import { API_ERRORS } from "./apiProblem.ts";
import type {
  AccountClaim,
  ApiErrorBody,
  AuthNonce,
  ContributionDetail,
  ContributionDisputes,
  ContributionEndorsements,
  ContributionSummary,
  DisputeView,
  EndorsementView,
  EpochDisputePage,
  EpochReportView,
  EpochView,
  FairnessSeries,
  GuildOverview,
  IdentityClaimResult,
  JurorAnswerResult,
  Page,
  PayoutPage,
  ProposalView,
  SessionView,
  SpotCheckList,
} from "./apiTypes.ts";
import { GuildApiError, GuildClient } from "./client/guildClient.ts";
import type { ApiOptions } from "./createApi.ts";
import { createApi, MAX_BODY_BYTES } from "./createApi.ts";
import type { ApiGuild } from "./testing/apiGuild.ts";
import { apiGuild } from "./testing/apiGuild.ts";
import { schemaErrors } from "./testing/schemaErrors.ts";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, { content?: { "application/json": { schema: Record<string, unknown> } } }> }
    >
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

const ORIGIN = "http://127.0.0.1:7450";
const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });

describe("HTTP API", { skip: NO_GRANT_ROUND }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-api-"));
  let guild: ApiGuild;
  let ctx: NodeContext;
  let app: ReturnType<typeof createApi>;
  let client: GuildClient;
  let doc: Doc;
  const internalErrors: unknown[] = [];

  /** An app on the same node with other options (rate limits, clock, store). */
  const appWith = (options: ApiOptions, node: NodeContext = ctx) =>
    createApi(node, {
      origins: [ORIGIN],
      onInternalError: (error) => internalErrors.push(error),
      ...options,
    });

  before(async () => {
    guild = await apiGuild(dataDir);
    ctx = guild.ctx;
    app = appWith({ rateLimits: { ip: false, address: false } });
    client = new GuildClient({ fetch: async (input, init) => app.request(input, init) });
    doc = (await (await app.request("/v1/openapi.json")).json()) as Doc;
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The body of a success response, checked against the schema the document gives the route. */
  const ok = async <T>(response: Response, method: string, template: string): Promise<T> => {
    const text = await response.text();
    assert.ok(response.status < 300, `${method} ${template}: ${response.status} ${text}`);
    const documented = doc.paths[template]?.[method]?.responses[String(response.status)];
    assert.ok(documented !== undefined, `${method} ${template} does not document status ${response.status}`);
    const body = JSON.parse(text) as T;
    const schema = documented.content?.["application/json"].schema ?? {};
    assert.deepEqual(schemaErrors(body, schema, doc.components.schemas), [], `${method} ${template}`);
    return body;
  };

  /** Asserts an error answer: its status and code, the code documented for the route, and nothing leaked. */
  const problem = async (
    response: Response | Promise<Response>,
    method: string,
    template: string,
    status: number,
    code: string,
  ): Promise<ApiErrorBody> => {
    const answer = await response;
    const text = await answer.text();
    assert.equal(answer.status, status, `${method} ${template}: expected ${status} ${code}, got ${text}`);
    const body = JSON.parse(text) as ApiErrorBody;
    assert.equal(body.code, code, text);
    assert.deepEqual(
      Object.keys(body).filter((k) => !["code", "message", "details"].includes(k)),
      [],
      "an error body is {code, message, details?}",
    );
    assert.doesNotMatch(text, /\.ts:\d+|node:internal|\n\s+at /, "no stack trace");
    const documented =
      doc.paths[template]?.[method]?.responses[String(status)]?.content?.["application/json"].schema;
    const codes = ((documented?.allOf as { properties?: { code?: { enum?: string[] } } }[] | undefined)?.[1]
      ?.properties?.code?.enum ?? []) as string[];
    assert.ok(
      codes.includes(code),
      `${method} ${template} does not document ${status} ${code} (has ${codes.join(", ")})`,
    );
    return body;
  };

  const get = (path: string, target = app, remoteAddress?: string, headers: Record<string, string> = {}) =>
    target.request(path, { headers }, remoteAddress === undefined ? undefined : { remoteAddress });
  const post = (
    path: string,
    body: unknown,
    target = app,
    headers: Record<string, string> = {},
    remoteAddress?: string,
  ) =>
    target.request(
      path,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
      remoteAddress === undefined ? undefined : { remoteAddress },
    );

  describe("the OpenAPI document", () => {
    it("is OpenAPI 3.1 and lists every mounted route, each with its parameters and error responses", async () => {
      assert.equal(doc.openapi, "3.1.0");
      const mounted = app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
        .sort();
      const documented = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
        .sort();
      assert.deepEqual(documented, mounted);
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops) as [string, Record<string, unknown>][]) {
          const responses = op.responses as Record<string, unknown>;
          for (const status of ["400", "429", "500", "503"])
            assert.ok(responses[status], `${method} ${path}: ${status}`);
          const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          const params = ((op.parameters ?? []) as { name: string; in: string }[]).filter(
            (p) => p.in === "path",
          );
          assert.deepEqual(
            params.map((p) => p.name),
            inPath,
            `${method} ${path}: path parameters`,
          );
        }
      }
      // Every $ref resolves.
      const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
      for (const ref of new Set(refs)) assert.ok(doc.components.schemas[ref.split("/").at(-1) ?? ""], ref);
      await problem(get("/v1/openapi.json?format=yaml"), "get", "/v1/openapi.json", 400, "UnknownParameter");
    });

    it("has a code for every way a submission can be refused", () => {
      const refusals = Object.values(submissionErrors).filter(
        (value) =>
          typeof value === "function" && value.prototype instanceof submissionErrors.InvalidSubmission,
      ) as { name: string }[];
      assert.ok(refusals.length >= 10);
      for (const refusal of refusals) assert.ok(Object.hasOwn(API_ERRORS, refusal.name), refusal.name);
    });
  });

  describe("GET /v1/guild", () => {
    it("gives the chain, contracts, treasury, escrow, parameters, the active epoch and the open epoch's end", async () => {
      const overview = await ok<GuildOverview>(await get("/v1/guild"), "get", "/v1/guild");
      assert.equal(overview.chainId, 31337);
      assert.equal(overview.chain, "embedded");
      assert.deepEqual(overview.contracts, ctx.manifest.contracts);
      assert.equal(overview.parameters.capBps, 3000, "the executed proposal's cap");
      assert.equal(overview.parameters.quorumPercent, 4);
      assert.equal(overview.activeEpoch?.id, 1);
      assert.equal(overview.currentEpoch?.id, 3);
      assert.equal(overview.currentEpoch?.state, "open");
      const openedAt = overview.currentEpoch?.enteredAt.open ?? 0;
      assert.equal(overview.currentEpoch?.lengthEndsAt, openedAt + overview.parameters.epochLengthSeconds);
      // Epoch 1 moved its total from the treasury into escrow; the first recipient's claim drew on it.
      const first = (await ctx.store.listPayouts(1)).find(
        (p) => p.recipient.toLowerCase() === guild.recipients[0]?.toLowerCase(),
      );
      const report = (await ctx.store.getEpoch(1))?.report as { allocation: { totalPaid: string } };
      const total = BigInt(report.allocation.totalPaid);
      assert.equal(BigInt(overview.escrow), total - (first?.amount ?? 0n));
      assert.equal(BigInt(overview.treasury), BigInt(ctx.manifest.params.initialSupply as string) - total);
      assert.deepEqual(await client.guild(), overview);
      await problem(get("/v1/guild?verbose=1"), "get", "/v1/guild", 400, "UnknownParameter");
    });
  });

  describe("epochs", () => {
    it("lists the epochs newest first, a page at a time", async () => {
      const all = await ok<Page<EpochView>>(await get("/v1/epochs"), "get", "/v1/epochs");
      assert.deepEqual(
        all.items.map((e) => [e.id, e.state]),
        [
          [3, "open"],
          [2, "proposed"],
          [1, "finalized"],
        ],
      );
      assert.equal(all.nextCursor, null);
      assert.ok((all.items[2]?.enteredAt.finalized ?? 0) > 0);
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.epochs({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
        ids.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      assert.deepEqual(ids, [3, 2, 1]);
      for (const [query, code] of [
        ["limit=0", "InvalidLimit"],
        ["limit=101", "InvalidLimit"],
        ["limit=ten", "InvalidLimit"],
        ["cursor=x", "InvalidCursor"],
        ["cursor=0", "InvalidCursor"],
        ["page=2", "UnknownParameter"],
        ["limit=1&limit=2", "UnknownParameter"],
      ] as const) {
        await problem(get(`/v1/epochs?${query}`), "get", "/v1/epochs", 400, code);
      }
    });

    it("reads one epoch, and refuses ids that are not epoch ids", async () => {
      const epoch = await ok<EpochView>(await get("/v1/epochs/1"), "get", "/v1/epochs/{id}");
      const stored = await ctx.store.getEpoch(1);
      assert.equal(epoch.state, "finalized");
      assert.equal(epoch.root, stored?.root);
      assert.equal(epoch.reportHash, stored?.reportHash);
      assert.ok(epoch.txHashes.propose && epoch.txHashes.finalize);
      for (const bad of ["zero", "0", "01", "-1", "1.5", "1e3", "0x1", "9999999999"]) {
        await problem(get(`/v1/epochs/${bad}`), "get", "/v1/epochs/{id}", 400, "InvalidEpochId");
      }
      await problem(get("/v1/epochs/99"), "get", "/v1/epochs/{id}", 404, "UnknownEpoch");
      await assert.rejects(client.epoch(99), (error: unknown) => {
        assert.ok(error instanceof GuildApiError);
        assert.equal(error.status, 404);
        assert.equal(error.code, "UnknownEpoch");
        assert.deepEqual(error.details, { epochId: 99 });
        return true;
      });
    });

    it("gives the report summary, streams the report file with full=1, and says when there is none", async () => {
      const stored = await ctx.store.getEpoch(1);
      const report = await ok<EpochReportView>(
        await get("/v1/epochs/1/report"),
        "get",
        "/v1/epochs/{id}/report",
      );
      assert.equal(report.reportHash, stored?.reportHash);
      assert.deepEqual(report.summary, stored?.report);
      assert.equal(report.summary.counts.contributions, 12);
      const full = await get("/v1/epochs/1/report?full=1");
      assert.equal(full.status, 200);
      assert.equal(full.headers.get("etag"), `"${stored?.reportHash}"`);
      const bytes = new Uint8Array(await full.arrayBuffer());
      assert.equal(
        keccak256(bytes),
        stored?.reportHash,
        "the file streamed is the report whose hash is on chain",
      );
      const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { verdicts: unknown[] };
      assert.equal(parsed.verdicts.length, 12);
      await problem(get("/v1/epochs/3/report"), "get", "/v1/epochs/{id}/report", 404, "NoReport");
      await problem(get("/v1/epochs/9/report"), "get", "/v1/epochs/{id}/report", 404, "UnknownEpoch");
      await problem(
        get("/v1/epochs/1/report?full=yes"),
        "get",
        "/v1/epochs/{id}/report",
        400,
        "InvalidParameter",
      );
      const path = reportPathOf(dataDir, 1);
      renameSync(path, `${path}.away`);
      try {
        await problem(
          get("/v1/epochs/1/report?full=1"),
          "get",
          "/v1/epochs/{id}/report",
          404,
          "ReportFileMissing",
        );
      } finally {
        renameSync(`${path}.away`, path);
      }
    });

    it("pages through an epoch's payouts by recipient", async () => {
      const stored = await ctx.store.listPayouts(1);
      const seen: PayoutPage["items"] = [];
      let cursor: string | null = null;
      do {
        const page: PayoutPage = await ok<PayoutPage>(
          await get(`/v1/epochs/1/payouts?limit=4${cursor === null ? "" : `&cursor=${cursor}`}`),
          "get",
          "/v1/epochs/{id}/payouts",
        );
        assert.equal(page.total, stored.length);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(
        seen,
        stored.map((p) => ({
          recipient: p.recipient,
          amount: p.amount.toString(),
          reputation: p.reputation.toString(),
          cumulativeAmount: p.cumulativeAmount.toString(),
          cumulativeReputation: p.cumulativeReputation.toString(),
        })),
      );
      assert.deepEqual((await client.epochPayouts(3)).items, [], "an open epoch pays nobody yet");
      await problem(
        get("/v1/epochs/1/payouts?cursor=alice"),
        "get",
        "/v1/epochs/{id}/payouts",
        400,
        "InvalidCursor",
      );
      await problem(
        get("/v1/epochs/1/payouts?limit=1001"),
        "get",
        "/v1/epochs/{id}/payouts",
        400,
        "InvalidLimit",
      );
      await problem(get("/v1/epochs/x/payouts"), "get", "/v1/epochs/{id}/payouts", 400, "InvalidEpochId");
      await problem(get("/v1/epochs/99/payouts"), "get", "/v1/epochs/{id}/payouts", 404, "UnknownEpoch");
    });

    it("gives the fairness figures of each finalized epoch", async () => {
      const series = await ok<FairnessSeries>(await get("/v1/fairness"), "get", "/v1/fairness");
      const report = (await ctx.store.getEpoch(1))?.report as {
        fairness: { payouts: unknown; votingPower: unknown };
      };
      assert.deepEqual(
        series.epochs.map((e) => e.epochId),
        [1],
        "epoch 2 is only proposed",
      );
      assert.deepEqual(series.epochs[0]?.payouts, report.fairness.payouts);
      assert.deepEqual(series.epochs[0]?.votingPower, report.fairness.votingPower);
      assert.equal(series.epochs[0]?.recipients, 6);
      await problem(get("/v1/fairness?epoch=1"), "get", "/v1/fairness", 400, "UnknownParameter");
    });
  });

  describe("contributions", () => {
    it("lists contributions across epochs, filtered, a page at a time", async () => {
      const everything = [
        ...(await ctx.store.listContributionIds(3)),
        ...(await ctx.store.listContributionIds(2)),
        ...(await ctx.store.listContributionIds(1)),
      ];
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<ContributionSummary> = await ok<Page<ContributionSummary>>(
          await get(`/v1/contributions?limit=5${cursor === null ? "" : `&cursor=${cursor}`}`),
          "get",
          "/v1/contributions",
        );
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(ids, everything);

      const byEpoch = await ok<Page<ContributionSummary>>(
        await get("/v1/contributions?epoch=1&kind=grant"),
        "get",
        "/v1/contributions",
      );
      assert.equal(byEpoch.items.length, 12);
      const recipient = getAddress(guild.recipients[1] as Address);
      const mine = await client.contributions({ contributor: recipient });
      assert.ok(mine.items.length >= 1);
      for (const c of mine.items)
        assert.deepEqual(c.contributor, { kind: "address", address: recipient.toLowerCase() });
      const theirs = await client.contributions({ contributor: guild.contributor.address, kind: "code" });
      assert.deepEqual(
        theirs.items.map((c) => c.epochId),
        [2],
      );
      assert.equal(
        (await client.contributions({ contributor: guild.contributor.address, kind: "docs" })).items.length,
        0,
      );
      const last = await client.contributions({ epoch: 1, limit: 12 });
      assert.equal(last.nextCursor, null, "a page that holds the rest says it is the last");

      const t = "/v1/contributions";
      await problem(get(`${t}?kind=poem`), "get", t, 400, "InvalidParameter");
      await problem(get(`${t}?contributor=0x1234`), "get", t, 400, "InvalidAddress");
      await problem(
        get(`${t}?contributor=${recipient.toLowerCase().replace("0x", "0X")}`),
        "get",
        t,
        400,
        "InvalidAddress",
      );
      const badChecksum = `0x${recipient.slice(2, 3) === recipient.slice(2, 3).toUpperCase() ? recipient.slice(2, 3).toLowerCase() : recipient.slice(2, 3).toUpperCase()}${recipient.slice(3)}`;
      if (/[a-fA-F]/.test(recipient.slice(2, 3)))
        await problem(get(`${t}?contributor=${badChecksum}`), "get", t, 400, "InvalidAddress");
      await problem(get(`${t}?epoch=0`), "get", t, 400, "InvalidEpochId");
      await problem(get(`${t}?epoch=99`), "get", t, 404, "UnknownEpoch");
      await problem(get(`${t}?limit=201`), "get", t, 400, "InvalidLimit");
      await problem(get(`${t}?cursor=1:0xabc`), "get", t, 400, "InvalidCursor");
      await problem(get(`${t}?cursor=1:0x${"ab".repeat(32)}`), "get", t, 400, "InvalidCursor");
      await problem(get(`${t}?epoch=2&cursor=1:${everything.at(-1)}`), "get", t, 400, "InvalidCursor");
      await problem(get(`${t}?cursor=50:${everything.at(-1)}`), "get", t, 400, "InvalidCursor");
    });

    it("gives one contribution with every verdict: scores with reasons, evaluator, input hash, flags", async () => {
      const [id] = await ctx.store.listContributionIds(1);
      assert.ok(id !== undefined);
      const detail = await ok<ContributionDetail>(
        await get(`/v1/contributions/${id.toUpperCase().replace("0X", "0x")}`),
        "get",
        "/v1/contributions/{id}",
      );
      assert.equal(detail.id, id);
      assert.equal(detail.epochId, 1);
      const stored = await ctx.store.listVerdicts({ contributionId: id });
      assert.equal(detail.verdicts.length, stored.length);
      assert.ok(detail.verdicts.length > 0);
      const [verdict] = detail.verdicts;
      assert.ok(verdict !== undefined && verdict.scores.length > 0);
      for (const score of verdict.scores) assert.ok(score.reason.length > 0, "every score has its reason");
      assert.deepEqual(verdict.evaluator, stored[0]?.evaluator);
      assert.equal(verdict.inputHash, stored[0]?.inputHash);
      // The verdict hash is the one the report names the verdict by.
      const file = JSON.parse(readFileSync(reportPathOf(dataDir, 1), "utf8")) as {
        verdicts: { contributionId: string; verdictHash: string }[];
      };
      assert.equal(file.verdicts.find((v) => v.contributionId === id)?.verdictHash, verdict.verdictHash);
      assert.deepEqual(await client.contribution(id), detail);
      await problem(
        get("/v1/contributions/0x1234"),
        "get",
        "/v1/contributions/{id}",
        400,
        "InvalidContributionId",
      );
      await problem(
        get(`/v1/contributions/${"ab".repeat(32)}`),
        "get",
        "/v1/contributions/{id}",
        400,
        "InvalidContributionId",
      );
      await problem(
        get(`/v1/contributions/0x${"ab".repeat(32)}`),
        "get",
        "/v1/contributions/{id}",
        404,
        "UnknownContribution",
      );
    });

    const submission = async (overrides: { links?: string[]; nonce?: bigint; epochId?: number } = {}) => {
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      return signSubmission(
        dev(5),
        {
          epochId: overrides.epochId ?? 3,
          kind: "docs",
          title: "Explain the claim flow",
          description: "A page on claiming rewards with a wallet.",
          links: overrides.links ?? ["https://example.org/docs/claims"],
          metrics: { docsTouched: 1 },
          nonce: overrides.nonce ?? 7n,
          deadline: now + 600,
        },
        { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token },
      );
    };
    const t = "/v1/contributions";

    it("stores a signed submission once and refuses its replay with 409", async () => {
      const signed = await submission();
      const created = await ok<{ id: Hex; epochId: number }>(await post(t, signed), "post", t);
      assert.equal(created.epochId, 3);
      assert.ok((await ctx.store.getContribution(created.id)) !== undefined);
      await problem(post(t, signed), "post", t, 409, "NonceAlreadyUsed");
      assert.equal((await ctx.store.listContributions(3)).length, 1);
    });

    it("names the problem in a bad submission, and stores nothing", async () => {
      const bad = await problem(
        post(t, await submission({ links: ["ftp://example.org/x"], nonce: 8n })),
        "post",
        t,
        400,
        "LinkNotHttp",
      );
      assert.equal((bad.details as { link: string }).link, "ftp://example.org/x");
      await problem(post(t, await submission({ epochId: 1, nonce: 9n })), "post", t, 400, "EpochNotOpen");
      await problem(
        post(t, { ...(await submission({ nonce: 10n })), title: "Changed after signing" }),
        "post",
        t,
        400,
        "SubmissionSignatureMismatch",
      );
      await problem(
        post(t, { ...(await submission({ nonce: 11n })), extra: 1 }),
        "post",
        t,
        400,
        "SubmissionFieldUnknown",
      );
      await problem(post(t, "[1, 2]"), "post", t, 400, "SubmissionNotAnObject");
      await problem(post(t, "{not json"), "post", t, 400, "InvalidJson");
      await problem(
        post(t, JSON.stringify(await submission({ nonce: 12n })), app, { "content-type": "text/plain" }),
        "post",
        t,
        415,
        "UnsupportedMediaType",
      );
      await problem(
        post(t, JSON.stringify({ padding: "x".repeat(MAX_BODY_BYTES) })),
        "post",
        t,
        413,
        "BodyTooLarge",
      );
      assert.equal((await ctx.store.listContributions(3)).length, 1);
    });
  });

  describe("POST /v1/identity-claims", () => {
    const t = "/v1/identity-claims";
    const domain = () => ({ chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token });

    it("records a signed identity claim once, and refuses another address for the same name", async () => {
      const signed = await signIdentityClaim(
        dev(6),
        { source: "git:Ada@Example.org", name: "Ada" },
        domain(),
      );
      const created = await ok<IdentityClaimResult>(await post(t, signed), "post", t);
      assert.deepEqual(created, {
        source: "git",
        name: "ada@example.org",
        address: dev(6).address,
        created: true,
      });
      const again = await ok<IdentityClaimResult>(await post(t, signed), "post", t);
      assert.equal(again.created, false);
      assert.equal((await ctx.store.getIdentity("git", "ada@example.org"))?.address, dev(6).address);
      const rival = await signIdentityClaim(
        dev(8),
        { source: "git:ada@example.org", name: "Not Ada" },
        domain(),
      );
      const conflict = await problem(post(t, rival), "post", t, 409, "IdentityConflict");
      assert.deepEqual(conflict.details, {
        source: "git",
        name: "ada@example.org",
        address: dev(8).address,
        existing: dev(6).address,
      });
      assert.deepEqual(
        await client.submitIdentityClaim(
          await signIdentityClaim(dev(8), { source: "round:app-1", name: "App" }, domain()),
        ),
        {
          source: "round",
          name: "app-1",
          address: dev(8).address,
          created: true,
        },
      );
    });

    it("refuses a claim that is malformed or not signed by its address", async () => {
      const signed = await signIdentityClaim(
        dev(6),
        { source: "git:bob@example.org", name: "Bob" },
        domain(),
      );
      const forged = await problem(
        post(t, { ...signed, address: dev(9).address }),
        "post",
        t,
        400,
        "InvalidIdentityClaim",
      );
      assert.equal((forged.details as { field: string }).field, "signature");
      const noSource = await problem(
        post(t, { ...signed, source: "bob" }),
        "post",
        t,
        400,
        "InvalidIdentityClaim",
      );
      assert.equal((noSource.details as { field: string }).field, "source");
      await problem(post(t, "null"), "post", t, 400, "InvalidIdentityClaim");
      await problem(post(t, "{"), "post", t, 400, "InvalidJson");
      assert.equal(await ctx.store.getIdentity("git", "bob@example.org"), undefined);
    });
  });

  describe("spot checks", () => {
    const domain = () => ({ chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token });
    const juror = dev(11);

    it("asks a juror about the latest assessed epoch's pairs, and records a signed answer once", async () => {
      const t = "/v1/spot-checks";
      const asked = await ok<SpotCheckList>(
        await get(`/v1/spot-checks?juror=${juror.address}&count=3`),
        "get",
        t,
      );
      assert.equal(asked.items.length, 3);
      assert.ok(asked.items.every((p, i) => i === 0 || (asked.items[i - 1]?.score ?? 0) >= p.score));
      const [first] = asked.items;
      assert.ok(first !== undefined);
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const signed = await signSpotCheck(
        juror,
        {
          epochId: asked.epochId,
          a: first.a,
          b: first.b,
          winner: first.a,
          multiplierPermille: 1_500,
          nonce: 77n,
          deadline: now + 600,
        },
        domain(),
      );
      const a = "/v1/juror-answers";
      const recorded = await ok<JurorAnswerResult>(await post(a, signed), "post", a);
      assert.deepEqual(recorded, {
        epochId: asked.epochId,
        juror: juror.address,
        a: first.a,
        b: first.b,
        winner: first.a,
        multiplierPermille: 1_500,
      });
      await problem(post(a, signed), "post", a, 409, "NonceAlreadyUsed");
      const again = await signSpotCheck(
        juror,
        {
          epochId: asked.epochId,
          a: first.b,
          b: first.a,
          winner: first.b,
          multiplierPermille: 1_000,
          nonce: 78n,
          deadline: now + 600,
        },
        domain(),
      );
      await problem(post(a, again), "post", a, 409, "SpotCheckAlreadyAnswered");
      const next = await ok<SpotCheckList>(
        await get(`/v1/spot-checks?juror=${juror.address}&count=3`),
        "get",
        t,
      );
      assert.ok(next.items.every((p) => !(p.a === first.a && p.b === first.b)));
    });

    it("refuses bad queries and bad answers by code", async () => {
      const t = "/v1/spot-checks";
      await problem(get("/v1/spot-checks"), "get", t, 400, "InvalidAddress");
      await problem(get(`/v1/spot-checks?juror=${juror.address}&epoch=99`), "get", t, 404, "UnknownEpoch");
      await problem(get(`/v1/spot-checks?juror=${juror.address}&count=0`), "get", t, 400, "InvalidLimit");
      const open = (await ctx.store.latestEpoch())?.id ?? 0;
      await problem(get(`/v1/spot-checks?juror=${juror.address}&epoch=${open}`), "get", t, 404, "NoVerdicts");
      const a = "/v1/juror-answers";
      const malformed = await problem(post(a, { juror: juror.address }), "post", a, 400, "InvalidSpotCheck");
      assert.equal((malformed.details as { field: string }).field, "epochId");
      await problem(post(a, "{"), "post", a, 400, "InvalidJson");
    });
  });

  describe("disputes", () => {
    const domain = () => ({ chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token });
    const t = "/v1/disputes";
    let nonce = 500n;
    /** Dev account 4's contribution in the proposed epoch 2, and the evaluator of its verdict. */
    const target = async () => {
      const [work] = (await client.contributions({ contributor: guild.contributor.address, epoch: 2 })).items;
      assert.ok(work !== undefined);
      const detail = await client.contribution(work.id);
      const evaluator = detail.verdicts[0]?.evaluator.id;
      assert.ok(evaluator !== undefined);
      return { id: work.id, evaluator };
    };
    const sign = async (fields: Partial<DisputeFields>, by = guild.contributor) => {
      const { id, evaluator } = await target();
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      return signDispute(
        by,
        {
          contributionId: id,
          evaluator,
          reason: "The pull request's benchmark was not read: it makes proofs 40x faster.",
          nonce: ++nonce,
          deadline: now + 600,
          ...fields,
        },
        domain(),
      );
    };

    it("has a code for every way a dispute can be refused", () => {
      const refusals = Object.values(disputeErrors).filter(
        (value) => typeof value === "function" && value !== disputeErrors.InvalidDispute,
      ) as { name: string }[];
      assert.ok(refusals.length >= 7);
      for (const refusal of refusals) assert.ok(Object.hasOwn(API_ERRORS, refusal.name), refusal.name);
    });

    it("records the contributor's signed dispute once, lists it under the contribution and counts it for the epoch", async () => {
      const { id, evaluator } = await target();
      const signed = await sign({});
      const recorded = await ok<DisputeView>(await post(t, signed), "post", t);
      assert.deepEqual(
        [recorded.contributionId, recorded.epochId, recorded.evaluator, recorded.disputant, recorded.reason],
        [id, 2, evaluator, guild.contributor.address, signed.reason],
      );
      assert.equal(recorded.signature, signed.signature);
      await problem(post(t, signed), "post", t, 409, "NonceAlreadyUsed");
      await problem(post(t, await sign({})), "post", t, 409, "DisputeAlreadyFiled");

      const c = "/v1/contributions/{id}/disputes";
      const listed = await ok<ContributionDisputes>(await get(`/v1/contributions/${id}/disputes`), "get", c);
      assert.deepEqual(listed, { contributionId: id, items: [recorded] });
      assert.deepEqual(await client.contributionDisputes(id), listed);
      await problem(get("/v1/contributions/0x12/disputes"), "get", c, 400, "InvalidContributionId");
      await problem(
        get(`/v1/contributions/0x${"00".repeat(32)}/disputes`),
        "get",
        c,
        404,
        "UnknownContribution",
      );

      // Another contributor of epoch 2 disputes theirs: the epoch counts two, a page at a time.
      const [theirs] = (await client.contributions({ contributor: dev(10).address, epoch: 2 })).items;
      assert.ok(theirs !== undefined);
      const second = await client.submitDispute(
        await sign({ contributionId: theirs.id, reason: "Undervalued." }, dev(10)),
      );
      const e = "/v1/epochs/{id}/disputes";
      const first = await ok<EpochDisputePage>(await get("/v1/epochs/2/disputes?limit=1"), "get", e);
      assert.deepEqual(
        [first.epochId, first.total, first.contributions, first.items, first.nextCursor],
        [2, 2, 2, [recorded], String(recorded.id)],
      );
      const rest = await client.epochDisputes(2, { limit: 1, cursor: first.nextCursor ?? "" });
      assert.deepEqual([rest.items, rest.nextCursor], [[second], null]);
      const none = await client.epochDisputes(1);
      assert.deepEqual([none.total, none.contributions, none.items], [0, 0, []]);
      await problem(get("/v1/epochs/99/disputes"), "get", e, 404, "UnknownEpoch");
      await problem(get("/v1/epochs/0/disputes"), "get", e, 400, "InvalidEpochId");
      await problem(get("/v1/epochs/2/disputes?limit=501"), "get", e, 400, "InvalidLimit");
      await problem(get("/v1/epochs/2/disputes?cursor=abc"), "get", e, 400, "InvalidCursor");
      await problem(get("/v1/epochs/2/disputes?epoch=2"), "get", e, 400, "UnknownParameter");

      // Jurors are asked about the disputed work first.
      const asked = await client.spotChecks({ juror: dev(13).address, epoch: 2, count: 10 });
      assert.ok(asked.items[0]?.disputed === true);
      assert.ok(asked.items.every((p, i) => i === 0 || !p.disputed || asked.items[i - 1]?.disputed));
    });

    it("refuses each bad dispute by its code, storing nothing", async () => {
      const before = await client.epochDisputes(2);
      const malformed = await problem(
        post(t, { ...(await sign({})), reason: " padded " }),
        "post",
        t,
        400,
        "DisputeFieldInvalid",
      );
      assert.equal((malformed.details as { field: string }).field, "reason");
      await problem(post(t, "null"), "post", t, 400, "DisputeFieldInvalid");
      await problem(post(t, "{"), "post", t, 400, "InvalidJson");
      await problem(post(t, await sign({ deadline: 1 })), "post", t, 400, "DisputeExpired");
      const signed = await sign({ evaluator: "guild/other" });
      await problem(
        post(t, { ...signed, disputant: dev(9).address }),
        "post",
        t,
        400,
        "DisputeSignatureMismatch",
      );
      const unknown = await problem(post(t, signed), "post", t, 400, "DisputeUnknownVerdict");
      assert.ok(Array.isArray((unknown.details as { evaluators: string[] }).evaluators));
      await problem(post(t, await sign({}, dev(9))), "post", t, 403, "DisputeNotContributor");

      // Epoch 1 is finalized: an unmapped contributor's work, mapped to dev account 13 since, is settled.
      const unmapped = (await ctx.store.listContributions(1)).find((c) => c.contributor.kind === "unmapped");
      assert.ok(unmapped !== undefined && unmapped.contributor.kind === "unmapped");
      await ctx.store.recordIdentity({
        source: unmapped.contributor.source,
        name: unmapped.contributor.name,
        address: dev(13).address,
        establishedBy: { kind: "file", file: "addresses.json" },
      });
      const late = await problem(
        post(t, await sign({ contributionId: unmapped.id }, dev(13))),
        "post",
        t,
        409,
        "DisputeWindowClosed",
      );
      assert.deepEqual(late.details, { epochId: 1, state: "finalized" });
      assert.deepEqual(await client.epochDisputes(2), before);
    });
  });

  describe("endorsements", () => {
    const domain = () => ({ chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token });
    const t = "/v1/endorsements";
    let nonce = 700n;
    /** Dev account 6's contribution in the open epoch 3, submitted once. */
    let work: Hex | undefined;
    const target = async (): Promise<Hex> => {
      if (work !== undefined) return work;
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const signed = await signSubmission(
        dev(6),
        {
          epochId: 3,
          kind: "research",
          title: "Measure claim gas across epochs",
          description: "How much a claim costs after one, five and twenty skipped epochs.",
          links: ["https://example.org/research/claim-gas"],
          metrics: {},
          nonce: 1n,
          deadline: now + 600,
        },
        domain(),
      );
      work = (await ok<{ id: Hex }>(await post("/v1/contributions", signed), "post", "/v1/contributions")).id;
      return work;
    };
    const sign = async (fields: { contributionId?: Hex; deadline?: number } = {}, by = dev(0)) => {
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      return signEndorsement(
        by,
        {
          contributionId: fields.contributionId ?? (await target()),
          nonce: ++nonce,
          deadline: fields.deadline ?? now + 600,
        },
        domain(),
      );
    };

    it("has a code for every way an endorsement can be refused", () => {
      const refusals = Object.values(endorsementErrors).filter(
        (value) => typeof value === "function" && value !== endorsementErrors.InvalidEndorsement,
      ) as { name: string }[];
      assert.ok(refusals.length >= 8);
      for (const refusal of refusals) assert.ok(Object.hasOwn(API_ERRORS, refusal.name), refusal.name);
    });

    it("records a member's signed endorsement once and lists it under the contribution", async () => {
      const id = await target();
      const signed = await sign();
      const recorded = await ok<EndorsementView>(await post(t, signed), "post", t);
      assert.deepEqual(
        [recorded.contributionId, recorded.epochId, recorded.endorser, recorded.signature],
        [id, 3, dev(0).address, signed.signature],
      );
      await problem(post(t, signed), "post", t, 409, "NonceAlreadyUsed");
      await problem(post(t, await sign()), "post", t, 409, "EndorsementAlreadyGiven");
      const c = "/v1/contributions/{id}/endorsements";
      const listed = await ok<ContributionEndorsements>(
        await get(`/v1/contributions/${id}/endorsements`),
        "get",
        c,
      );
      assert.deepEqual(listed, { contributionId: id, epochId: 3, open: true, items: [recorded] });
      assert.deepEqual(await client.contributionEndorsements(id), listed);
      await problem(get("/v1/contributions/0x12/endorsements"), "get", c, 400, "InvalidContributionId");
      await problem(
        get(`/v1/contributions/0x${"00".repeat(32)}/endorsements`),
        "get",
        c,
        404,
        "UnknownContribution",
      );
      // Epoch 2 is proposed: its endorsements were fixed when it closed.
      const [closed] = (await client.contributions({ contributor: guild.contributor.address, epoch: 2 }))
        .items;
      assert.ok(closed !== undefined);
      const shut = await client.contributionEndorsements(closed.id);
      assert.deepEqual([shut.epochId, shut.open, shut.items], [2, false, []]);
    });

    it("refuses each bad endorsement by its code, storing nothing", async () => {
      const id = await target();
      const before = await client.contributionEndorsements(id);
      const malformed = await problem(
        post(t, { ...(await sign()), contributionId: "0x12" }),
        "post",
        t,
        400,
        "EndorsementFieldInvalid",
      );
      assert.equal((malformed.details as { field: string }).field, "contributionId");
      await problem(post(t, "[]"), "post", t, 400, "EndorsementFieldInvalid");
      await problem(post(t, await sign({ deadline: 1 })), "post", t, 400, "EndorsementExpired");
      await problem(
        post(t, { ...(await sign()), endorser: dev(9).address }),
        "post",
        t,
        400,
        "EndorsementSignatureMismatch",
      );
      await problem(
        post(t, await sign({ contributionId: `0x${"00".repeat(32)}` })),
        "post",
        t,
        400,
        "EndorsementUnknownContribution",
      );
      await problem(post(t, await sign({}, dev(6))), "post", t, 403, "EndorsementOwnWork");
      const outsider = await problem(post(t, await sign({}, dev(9))), "post", t, 403, "EndorserNotMember");
      assert.deepEqual(outsider.details, { endorser: dev(9).address });
      const [closed] = (await client.contributions({ contributor: guild.contributor.address, epoch: 2 }))
        .items;
      assert.ok(closed !== undefined);
      const late = await problem(
        post(t, await sign({ contributionId: closed.id })),
        "post",
        t,
        409,
        "EndorsementWindowClosed",
      );
      assert.equal((late.details as { state: string }).state, "proposed");
      assert.deepEqual(await client.contributionEndorsements(id), before);
    });
  });

  describe("GET /v1/accounts/{address}/claim", () => {
    const t = "/v1/accounts/{address}/claim";

    it("gives a leaf and proof that the chain accepts, and what was claimed", async () => {
      const [first, second] = guild.recipients;
      assert.ok(first !== undefined && second !== undefined);
      const claimed = await ok<AccountClaim>(await get(`/v1/accounts/${first}/claim`), "get", t);
      assert.equal(claimed.current?.epochId, 1);
      assert.equal(
        claimed.claimed.amount,
        claimed.current?.cumulativeAmount,
        "the first recipient claimed it all",
      );
      assert.equal(claimed.claimableAmount, "0");
      // Leaves are cumulative: the proposed epoch 2 carries epoch 1's recipients too.
      assert.equal(claimed.pending?.epochId, 2);
      assert.equal(claimed.pending?.cumulativeAmount, claimed.current?.cumulativeAmount);

      const unclaimed = await client.accountClaim(getAddress(second));
      const leaf = unclaimed.current;
      assert.ok(leaf !== null);
      assert.equal(unclaimed.claimed.amount, "0");
      assert.equal(unclaimed.claimableAmount, leaf.cumulativeAmount);
      assert.ok(leaf.claimsExpireAt !== null && leaf.claimableFrom > 0);
      // The proof the API gives is the one the settlement contract takes.
      await claim(ctx.chain.publicClient, ctx.chain.walletClient, ctx.manifest.contracts.token, {
        account: getAddress(second),
        cumulativeAmount: BigInt(leaf.cumulativeAmount),
        cumulativeReputation: BigInt(leaf.cumulativeReputation),
        proof: leaf.proof,
      });
      const after = await client.accountClaim(getAddress(second));
      assert.equal(after.claimed.amount, leaf.cumulativeAmount);
      assert.equal(after.claimableAmount, "0");
    });

    it("gives a leaf in a proposed epoch as pending, with when it becomes claimable", async () => {
      const pendingClaim = await client.accountClaim(guild.contributor.address);
      assert.equal(pendingClaim.current, null, "epoch 1 did not pay this account");
      const pending = pendingClaim.pending;
      assert.ok(pending !== null);
      assert.equal(pending.epochId, 2);
      assert.equal(pending.state, "proposed");
      assert.equal(pending.claimsExpireAt, null);
      const payouts = await ctx.store.listPayouts(2);
      const tree = buildPayoutTree(
        payouts.map((p) => ({
          account: p.recipient,
          cumulativeAmount: p.cumulativeAmount,
          cumulativeReputation: p.cumulativeReputation,
        })),
      );
      assert.equal(pending.root, tree.root);
      assert.deepEqual(pending.proof, tree.proof(guild.contributor.address));
      const stranger = await client.accountClaim(guild.stranger);
      assert.deepEqual([stranger.current, stranger.pending, stranger.claimableAmount], [null, null, "0"]);
      await problem(get("/v1/accounts/0x1234/claim"), "get", t, 400, "InvalidAddress");
      await problem(get("/v1/accounts/alice/claim"), "get", t, 400, "InvalidAddress");
      const wrongCase = guild.contributor.address.replace(/[a-f]/, (ch) => ch.toUpperCase());
      if (wrongCase !== guild.contributor.address)
        await problem(get(`/v1/accounts/${wrongCase}/claim`), "get", t, 400, "InvalidAddress");
    });
  });

  describe("GET /v1/proposals", () => {
    it("lists proposals newest first with state, tallies and each parameter change in words", async () => {
      const page = await ok<Page<ProposalView>>(await get("/v1/proposals"), "get", "/v1/proposals");
      assert.deepEqual(
        page.items.map((p) => p.id),
        [guild.activeProposal.toString(), guild.executedProposal.toString()],
      );
      const [active, executed] = page.items;
      assert.ok(active !== undefined && executed !== undefined);

      assert.equal(executed.state, "Executed");
      assert.ok(executed.executedInTx !== null && executed.eta !== null);
      assert.ok(BigInt(executed.votes.for) > 0n);
      assert.equal(executed.votes.against, "0");
      assert.ok(executed.quorum !== null && BigInt(executed.quorum) > 0n);
      assert.deepEqual(executed.calls[0]?.change, { parameter: "capBps", from: "2000", to: "3000" });
      assert.equal(
        executed.calls[0]?.description,
        "Sets the cap per recipient (share of the epoch budget) from 20% to 30%",
      );

      assert.equal(active.state, "Active");
      assert.ok(BigInt(active.votes.against) > 0n);
      assert.equal(active.executedInTx, null);
      assert.deepEqual(
        active.calls.map((c) => c.change),
        [
          { parameter: "budgetPerEpoch", from: "10000000000000000000000", to: "20000000000000000000000" },
          { parameter: "capBps", from: "3000", to: "2500" },
          null,
        ],
      );
      assert.equal(active.calls[0]?.description, "Sets the budget per epoch from 10000 GUILD to 20000 GUILD");
      assert.deepEqual(
        [active.calls[2]?.contract, active.calls[2]?.function, active.calls[2]?.description],
        [null, null, `Calls 0x12345678 on ${guild.stranger}`],
      );

      const first = await client.proposals({ limit: 1 });
      assert.equal(first.nextCursor, guild.activeProposal.toString());
      const second = await client.proposals({ limit: 1, cursor: first.nextCursor ?? "" });
      assert.deepEqual([second.items[0]?.id, second.nextCursor], [guild.executedProposal.toString(), null]);
      await problem(get("/v1/proposals?cursor=12345"), "get", "/v1/proposals", 400, "InvalidCursor");
      await problem(get("/v1/proposals?cursor=abc"), "get", "/v1/proposals", 400, "InvalidCursor");
      await problem(get("/v1/proposals?limit=-1"), "get", "/v1/proposals", 400, "InvalidLimit");
    });
  });

  describe("sign-in with Ethereum", () => {
    const account = dev(3);
    const message = (nonce: string, fields: Partial<Parameters<typeof createSiweMessage>[0]> = {}) =>
      createSiweMessage({
        address: account.address,
        chainId: 31337,
        domain: "127.0.0.1:7450",
        uri: `${ORIGIN}/dashboard`,
        version: "1",
        nonce,
        issuedAt: new Date(),
        statement: "Sign in to the guild's dashboard",
        ...fields,
      });
    const nonce = async (target = app) =>
      (await ok<AuthNonce>(await get("/v1/auth/nonce", target), "get", "/v1/auth/nonce")).nonce;
    const verify = async (text: string, target = app, signer = account) =>
      post(
        "/v1/auth/verify",
        { message: text, signature: await signer.signMessage({ message: text }) },
        target,
      );
    const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0] ?? "";

    it("opens an HttpOnly, SameSite=Strict session for a signed message, once per nonce, and closes it", async () => {
      const issued = await ok<AuthNonce>(await get("/v1/auth/nonce"), "get", "/v1/auth/nonce");
      assert.match(issued.nonce, /^[0-9a-f]{32}$/);
      assert.deepEqual([issued.domains, issued.chainId], [["127.0.0.1:7450"], 31337]);
      const text = message(issued.nonce);
      const signedIn = await verify(text);
      const session = await ok<SessionView>(signedIn.clone(), "post", "/v1/auth/verify");
      assert.equal(session.address, account.address);
      const setCookie = signedIn.headers.get("set-cookie") ?? "";
      assert.match(setCookie, /^guild_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
      const cookie = cookieOf(signedIn);
      const me = await ok<SessionView>(
        await get("/v1/auth/me", app, undefined, { cookie }),
        "get",
        "/v1/auth/me",
      );
      assert.deepEqual(me, session);
      await problem(verify(text), "post", "/v1/auth/verify", 401, "SiweNonceInvalid");
      const out = await ok<{ signedOut: boolean }>(
        await post("/v1/auth/logout", {}, app, { cookie }),
        "post",
        "/v1/auth/logout",
      );
      assert.equal(out.signedOut, true);
      await problem(get("/v1/auth/me", app, undefined, { cookie }), "get", "/v1/auth/me", 401, "NotSignedIn");
      await problem(get("/v1/auth/me"), "get", "/v1/auth/me", 401, "NotSignedIn");
      await problem(get("/v1/auth/nonce?n=2"), "get", "/v1/auth/nonce", 400, "UnknownParameter");
    });

    it("refuses another domain, URI, chain, an unknown or expired nonce, an expired message and a wrong signature", async () => {
      const t = "/v1/auth/verify";
      await problem(
        verify(message(await nonce(), { domain: "evil.example" })),
        "post",
        t,
        401,
        "SiweDomainMismatch",
      );
      await problem(
        verify(message(await nonce(), { uri: "https://evil.example/x" })),
        "post",
        t,
        401,
        "SiweUriMismatch",
      );
      await problem(verify(message(await nonce(), { chainId: 1 })), "post", t, 401, "SiweChainMismatch");
      await problem(verify(message("abcdef0123456789")), "post", t, 401, "SiweNonceInvalid");
      await problem(
        verify(message(await nonce(), { expirationTime: new Date(Date.now() - 1000) })),
        "post",
        t,
        401,
        "SiweMessageExpired",
      );
      await problem(verify(message(await nonce()), app, dev(2)), "post", t, 401, "SiweSignatureInvalid");
      await problem(post(t, { message: "hello", signature: "0x00" }), "post", t, 400, "InvalidSiweMessage");
      await problem(post(t, { message: message(await nonce()) }), "post", t, 400, "InvalidSiweMessage");
      // A nonce expires unused.
      let clock = Date.now();
      const timed = appWith({ now: () => clock, nonceTtlSeconds: 60 });
      const old = await nonce(timed);
      clock += 61_000;
      await problem(
        verify(message(old, { issuedAt: new Date(clock) }), timed),
        "post",
        t,
        401,
        "SiweNonceInvalid",
      );
      // A session expires.
      const fresh = await nonce(timed);
      const signedIn = await verify(message(fresh, { issuedAt: new Date(clock) }), timed);
      assert.equal(signedIn.status, 200);
      clock += 86_400_000;
      await problem(
        get("/v1/auth/me", timed, undefined, { cookie: cookieOf(signedIn) }),
        "get",
        "/v1/auth/me",
        401,
        "NotSignedIn",
      );
    });
  });

  describe("rate limits", () => {
    it("answers 429 RateLimited with Retry-After per IP, and refills", async () => {
      let clock = 1_000_000;
      const limited = appWith({
        now: () => clock,
        rateLimits: { ip: { capacity: 2, refillPerSecond: 0.5 }, address: false },
      });
      assert.equal((await get("/v1/epochs/1", limited, "10.0.0.1")).status, 200);
      assert.equal((await get("/v1/epochs/1", limited, "10.0.0.1")).status, 200);
      const refused = await get("/v1/epochs/1", limited, "10.0.0.1");
      assert.equal(refused.headers.get("retry-after"), "2");
      const body = await problem(refused, "get", "/v1/epochs/{id}", 429, "RateLimited");
      assert.deepEqual(body.details, { retryAfterSeconds: 2 });
      assert.equal(
        (await get("/v1/epochs/1", limited, "10.0.0.2")).status,
        200,
        "another IP has its own bucket",
      );
      clock += 2_000;
      assert.equal((await get("/v1/epochs/1", limited, "10.0.0.1")).status, 200);
      const proxied = appWith({
        trustProxy: true,
        rateLimits: { ip: { capacity: 1, refillPerSecond: 0.01 }, address: false },
      });
      assert.equal(
        (await get("/v1/guild", proxied, "127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).status,
        200,
      );
      assert.equal(
        (await get("/v1/guild", proxied, "127.0.0.1", { "x-forwarded-for": "203.0.113.8, 127.0.0.1" }))
          .status,
        200,
      );
      await problem(
        get("/v1/guild", proxied, "127.0.0.1", { "x-forwarded-for": "203.0.113.7" }),
        "get",
        "/v1/guild",
        429,
        "RateLimited",
      );
    });

    it("limits signed writes per address, counting only writes that were signed", async () => {
      const limited = appWith({
        rateLimits: { ip: false, address: { capacity: 1, refillPerSecond: 0.001 } },
      });
      const domain = { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token };
      const t = "/v1/identity-claims";
      const forged = {
        ...(await signIdentityClaim(dev(2), { source: "git:x@example.org", name: "X" }, domain)),
        address: dev(9).address,
      };
      await problem(post(t, forged, limited), "post", t, 400, "InvalidIdentityClaim");
      // The forged claims in dev 9's name spent nothing of dev 9's budget.
      const first = await signIdentityClaim(dev(9), { source: "git:nine@example.org", name: "Nine" }, domain);
      assert.equal((await post(t, first, limited)).status, 201);
      const second = await signIdentityClaim(
        dev(9),
        { source: "git:nine2@example.org", name: "Nine" },
        domain,
      );
      const refused = await problem(post(t, second, limited), "post", t, 429, "RateLimited");
      assert.ok(Number((refused.details as { retryAfterSeconds: number }).retryAfterSeconds) > 0);
    });

    it("limits a signed-in address's requests", async () => {
      const limited = appWith({
        rateLimits: { ip: false, address: { capacity: 2, refillPerSecond: 0.001 } },
      });
      const { nonce } = (await (await get("/v1/auth/nonce", limited)).json()) as AuthNonce;
      const text = createSiweMessage({
        address: dev(3).address,
        chainId: 31337,
        domain: "127.0.0.1:7450",
        uri: ORIGIN,
        version: "1",
        nonce,
      });
      const signedIn = await post(
        "/v1/auth/verify",
        { message: text, signature: await dev(3).signMessage({ message: text }) },
        limited,
      );
      const cookie = signedIn.headers.get("set-cookie")?.split(";")[0] ?? "";
      assert.equal((await get("/v1/auth/me", limited, undefined, { cookie })).status, 200);
      assert.equal((await get("/v1/auth/me", limited, undefined, { cookie })).status, 200);
      await problem(
        get("/v1/auth/me", limited, undefined, { cookie }),
        "get",
        "/v1/auth/me",
        429,
        "RateLimited",
      );
    });
  });

  describe("errors", () => {
    /** The node with a store whose `getEpoch` fails with `error`. */
    const failing = (error: unknown): NodeContext => ({
      ...ctx,
      store: new Proxy(ctx.store, {
        get(target, property, receiver) {
          if (property === "getEpoch") return async () => Promise.reject(error);
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    });

    it("answers an unexpected error with {code: Internal} and nothing of the error, which goes to the log", async () => {
      const secret = new Error(
        "connection to postgres://admin:hunter2@db.internal:5432 failed at /srv/guild/src/x.ts:12",
      );
      internalErrors.length = 0;
      const broken = appWith({}, failing(secret));
      const response = await broken.request("/v1/epochs/1");
      const text = await response.clone().text();
      assert.deepEqual(JSON.parse(text), {
        code: "Internal",
        message: "the node could not handle this request",
      });
      assert.doesNotMatch(text, /hunter2|postgres|stack|\.ts/);
      await problem(response, "get", "/v1/epochs/{id}", 500, "Internal");
      assert.deepEqual(internalErrors, [secret]);
      const thrownString = await appWith({}, failing("plain string")).request("/v1/epochs/1");
      assert.deepEqual(await thrownString.json(), {
        code: "Internal",
        message: "the node could not handle this request",
      });
      assert.deepEqual(internalErrors, [secret, "plain string"]);
    });

    it("answers a database that is unreachable with 503 Unavailable", async () => {
      const down = appWith(
        {},
        failing(
          new DatabaseUnavailable("the database is unreachable: ECONNREFUSED 10.1.2.3", {
            code: "ECONNREFUSED",
          }),
        ),
      );
      const response = await down.request("/v1/epochs/1");
      assert.equal(response.headers.get("retry-after"), "5");
      const body = await problem(response, "get", "/v1/epochs/{id}", 503, "Unavailable");
      assert.doesNotMatch(JSON.stringify(body), /10\.1\.2\.3/);
    });

    it("answers an unknown route with a JSON 404", async () => {
      const missing = await app.request("/v1/nothing");
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { code: "NotFound", message: "no route GET /v1/nothing" });
      assert.equal((await app.request("/v1/guild", { method: "DELETE" })).status, 404);
    });
  });
});
