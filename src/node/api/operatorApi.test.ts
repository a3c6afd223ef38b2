// The embedded chain's JSON-RPC relay and the operator's epoch routes, in process (app.request) on a fresh
// embedded guild: a wallet's reads and a raw transaction through the relay (which survives a restart),
// methods that act as accounts or rewrite the chain refused, malformed calls answered with JSON-RPC errors;
// an epoch run by a signed-in operator in the background, one run at a time, its progress on the epoch,
// and the contributor's claim sent through the relay.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Chain, LocalAccount } from "viem";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { connectChain } from "../../chain/connectChain.ts";
import { GuildToken } from "../../chain/contracts.generated.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { signSubmission } from "../../core/contribution/signSubmission.ts";
import { acceptSubmission } from "../acceptSubmission.ts";
import type { NodeContext } from "../openNode.ts";
import { DEFAULT_ASSESSMENT, openNode } from "../openNode.ts";
import type {
  AccountClaim,
  ApiErrorBody,
  EpochRunView,
  EpochView,
  JsonRpcResponse,
  OperatorView,
} from "./apiTypes.ts";
import { GuildApiError, GuildClient } from "./client/guildClient.ts";
import type { ApiOptions } from "./createApi.ts";
import { createApi, MAX_BODY_BYTES } from "./createApi.ts";
import { MAX_BATCH } from "./routes/chainRoutes.ts";
import { schemaErrors } from "./testing/schemaErrors.ts";

const ORIGIN = "http://127.0.0.1:7450";
const dev = (index: number): LocalAccount => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
/** The contributors of epoch 1 (dev 0 is the operator and the node), each with work of their own. */
const CONTRIBUTORS = [4, 5, 6, 7, 8];
const WORK = [
  ["Cache payout trees per epoch", "Build each epoch's Merkle tree once and serve every proof from memory."],
  ["Explain claiming in the docs", "A walkthrough of claiming rewards with a wallet, with screenshots."],
  ["Fuzz the allocation policy", "Property tests that every split of a budget sums to the budget exactly."],
  [
    "Translate the dashboard to Spanish",
    "Every page and error message of the dashboard, reviewed by two people.",
  ],
  ["Speed up the importer", "Stream grant-round files instead of loading them whole; ten times less memory."],
] as const;

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

describe("the embedded chain's relay and the operator's epoch routes", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-operator-api-"));
  let ctx: NodeContext;
  let app: ReturnType<typeof createApi>;
  let doc: Doc;
  let chain: Chain;

  const appWith = (options: ApiOptions = {}, node: NodeContext = ctx) =>
    createApi(node, {
      origins: [ORIGIN],
      rateLimits: { ip: false, address: false },
      onInternalError: (error) => assert.fail(`internal error: ${String(error)}`),
      ...options,
    });
  const post = (path: string, body: unknown, target = app, headers: Record<string, string> = {}) =>
    target.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const get = (path: string, target = app, headers: Record<string, string> = {}) =>
    target.request(path, { headers });

  /** The body of an answer, checked against the schema the OpenAPI document gives its status. */
  const ok = async <T>(response: Response, method: string, template: string, status = 200): Promise<T> => {
    const text = await response.text();
    assert.equal(response.status, status, `${method} ${template}: ${text}`);
    const schema = (
      doc.paths[template]?.[method]?.responses[String(status)]?.content as
        | { "application/json": { schema: Record<string, unknown> } }
        | undefined
    )?.["application/json"].schema;
    assert.ok(schema !== undefined, `${method} ${template} does not document ${status}`);
    const body = JSON.parse(text) as T;
    assert.deepEqual(schemaErrors(body, schema, doc.components.schemas), [], `${method} ${template}`);
    return body;
  };
  /** An API error answer: its status and code, and the code documented for the route. */
  const problem = async (
    response: Response,
    method: string,
    template: string,
    status: number,
    code: string,
  ) => {
    const text = await response.text();
    assert.equal(response.status, status, `${method} ${template}: expected ${status} ${code}, got ${text}`);
    const body = JSON.parse(text) as ApiErrorBody;
    assert.equal(body.code, code, text);
    assert.ok(
      JSON.stringify(doc.paths[template]?.[method]?.responses[String(status)]).includes(`"${code}"`),
      `${method} ${template} does not document ${status} ${code}`,
    );
    return body;
  };

  /** One JSON-RPC call through the relay, its answer checked against the document. */
  const rpc = async (method: string, params?: unknown[], target = app): Promise<JsonRpcResponse> =>
    ok<JsonRpcResponse>(
      await post(
        "/v1/chain",
        { jsonrpc: "2.0", id: 1, method, ...(params === undefined ? {} : { params }) },
        target,
      ),
      "post",
      "/v1/chain",
    );
  /** viem clients whose transport is the relay, as the dashboard's dev picker has them. */
  const overRelay = (account: LocalAccount, target = app) => {
    const transport = http(`${ORIGIN}/v1/chain`, {
      fetchFn: async (input, init) => target.request(String(input), init),
      retryCount: 0,
    });
    return {
      publicClient: createPublicClient({ chain, transport, pollingInterval: 5 }),
      walletClient: createWalletClient({ chain, transport, account, pollingInterval: 5 }),
    };
  };
  /** A session cookie for `account`, signed in on `target`. */
  const signIn = async (account: LocalAccount, target = app): Promise<string> => {
    const { nonce } = (await (await get("/v1/auth/nonce", target)).json()) as { nonce: string };
    const message = createSiweMessage({
      address: account.address,
      chainId: 31337,
      domain: "127.0.0.1:7450",
      uri: ORIGIN,
      version: "1",
      nonce,
    });
    const signedIn = await post(
      "/v1/auth/verify",
      { message, signature: await account.signMessage({ message }) },
      target,
    );
    assert.equal(signedIn.status, 200, await signedIn.clone().text());
    return signedIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  };
  /** The epoch once no run of it is under way (polled; the run goes on in the background). */
  const settled = async (id: number, target = app): Promise<EpochView> => {
    for (;;) {
      const epoch = await ok<EpochView>(await get(`/v1/epochs/${id}`, target), "get", "/v1/epochs/{id}");
      if (epoch.run?.status !== "running") return epoch;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  before(async () => {
    const clients = await connectChain({ dataDir });
    try {
      await initGuild(
        clients,
        dataDir,
        defaultParams(
          dev(0).address,
          [1, 2, 3].map((i) => ({ account: dev(i).address, reputation: parseEther("50") })),
          DEFAULT_ASSESSMENT,
        ),
        "embedded",
      );
    } finally {
      await clients.close();
    }
    ctx = await openNode({ chain: { dataDir } });
    chain = ctx.chain.chain;
    await ctx.store.openEpoch(1);
    const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    for (const [i, index] of CONTRIBUTORS.entries()) {
      await acceptSubmission(
        ctx,
        await signSubmission(
          dev(index),
          {
            epochId: 1,
            kind: i % 2 === 0 ? "code" : "docs",
            title: WORK[i]?.[0] ?? "",
            description: WORK[i]?.[1] ?? "",
            links: [`https://example.org/work/${index}`],
            metrics: { linesAdded: 40 * (i + 1) },
            nonce: 1n,
            deadline: now + 3_600,
          },
          { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token },
        ),
      );
    }
    app = appWith();
    doc = (await (await app.request("/v1/openapi.json")).json()) as Doc;
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe("POST /v1/chain", () => {
    it("answers a wallet's reads, one call or a batch in order, and passes a revert's data on", async () => {
      assert.deepEqual(await rpc("eth_chainId"), { jsonrpc: "2.0", id: 1, result: "0x7a69" });
      assert.equal((await rpc("net_version")).result, "31337");
      const batch = await ok<JsonRpcResponse[]>(
        await post("/v1/chain", [
          { jsonrpc: "2.0", id: "a", method: "eth_getBalance", params: [dev(1).address, "latest"] },
          { jsonrpc: "2.0", id: 2, method: "eth_getCode", params: [ctx.manifest.contracts.token, "latest"] },
          { jsonrpc: "2.0", id: null, method: "eth_blockNumber" },
        ]),
        "post",
        "/v1/chain",
      );
      assert.deepEqual(
        batch.map((answer) => answer.id),
        ["a", 2, null],
      );
      assert.ok(BigInt(batch[0]?.result as string) > 0n, "dev 1 is funded");
      assert.ok(String(batch[1]?.result).length > 1_000, "the token has code");
      assert.match(batch[2]?.result as string, /^0x[0-9a-f]+$/);

      const { publicClient } = overRelay(dev(4));
      const supply = await publicClient.readContract({
        address: ctx.manifest.contracts.token,
        abi: GuildToken.abi,
        functionName: "totalSupply",
      });
      assert.equal(supply, parseEther("1000000"));
      // A claim with no finalized epoch reverts: the custom error reaches viem through the relay.
      const refused = await publicClient
        .simulateContract({
          address: ctx.manifest.contracts.token,
          abi: GuildToken.abi,
          functionName: "claim",
          args: [dev(4).address, 1n, 0n, []],
          account: dev(4),
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(refused instanceof BaseError, String(refused));
      const revert = refused.walk((e) => e instanceof ContractFunctionRevertedError);
      assert.ok(revert instanceof ContractFunctionRevertedError, refused.message);
      assert.ok(revert.data?.errorName !== undefined, `a named custom error: ${revert.message}`);
    });

    it("sends a transaction signed in the wallet as a raw transaction", async () => {
      const { publicClient, walletClient } = overRelay(dev(9));
      const before = await publicClient.getBalance({ address: dev(19).address });
      const hash = await walletClient.sendTransaction({ to: dev(19).address, value: parseEther("1.5") });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
      assert.equal(await publicClient.getBalance({ address: dev(19).address }), before + parseEther("1.5"));
      const byHash = await rpc("eth_getTransactionByHash", [hash]);
      assert.equal((byHash.result as { from: string }).from.toLowerCase(), dev(9).address.toLowerCase());
    });

    it("refuses by name every method that would act as an account or rewrite the chain", async () => {
      const height = (await rpc("eth_blockNumber")).result;
      const refused: [string, unknown[]][] = [
        ["eth_sendTransaction", [{ from: dev(1).address, to: dev(2).address, value: "0x1" }]],
        ["eth_accounts", []],
        ["eth_sign", [dev(1).address, "0x00"]],
        ["eth_signTypedData_v4", [dev(1).address, "{}"]],
        ["personal_sign", ["0x00", dev(1).address]],
        ["evm_mine", []],
        ["evm_increaseTime", [3_600]],
        ["evm_snapshot", []],
        ["hardhat_setBalance", [dev(9).address, "0x1"]],
        ["hardhat_impersonateAccount", [dev(1).address]],
        ["debug_traceTransaction", ["0x00"]],
      ];
      for (const [method, params] of refused) {
        const answer = await rpc(method, params);
        assert.equal(answer.error?.code, -32601, `${method}: ${JSON.stringify(answer)}`);
        assert.match(answer.error?.message ?? "", new RegExp(`^${method} is refused`));
        assert.equal(answer.result, undefined);
      }
      const unknown = await rpc("eth_fillTransaction", [{}]);
      assert.deepEqual(unknown.error, {
        code: -32601,
        message: "eth_fillTransaction is not served by this relay",
        data: { method: "eth_fillTransaction" },
      });
      assert.equal((await rpc("eth_blockNumber")).result, height, "nothing was mined");
    });

    it("answers malformed calls with JSON-RPC errors, and bad bodies as every route does", async () => {
      const errorOf = async (body: unknown) =>
        (await ok<JsonRpcResponse>(await post("/v1/chain", body), "post", "/v1/chain")).error;
      assert.equal((await errorOf([]))?.code, -32600);
      const many = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({
        jsonrpc: "2.0",
        id: i,
        method: "eth_chainId",
      }));
      assert.deepEqual(await errorOf(many), {
        code: -32600,
        message: `a batch holds at most ${MAX_BATCH} calls`,
        data: { calls: MAX_BATCH + 1 },
      });
      assert.equal((await errorOf({ jsonrpc: "2.0", method: "eth_chainId" }))?.code, -32600, "no id");
      assert.equal((await errorOf({ jsonrpc: "1.0", id: 1, method: "eth_chainId" }))?.code, -32600);
      assert.equal((await errorOf({ jsonrpc: "2.0", id: 1, method: 7 }))?.code, -32600);
      assert.equal((await errorOf({ jsonrpc: "2.0", id: {}, method: "eth_chainId" }))?.code, -32600);
      assert.equal((await errorOf("5"))?.code, -32600);
      const byName = await errorOf({ jsonrpc: "2.0", id: 1, method: "eth_getBalance", params: { a: 1 } });
      assert.equal(byName?.code, -32602);
      const notHex = await errorOf({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_sendRawTransaction",
        params: ["0x12zz"],
      });
      assert.equal(notHex?.code, -32602);
      const unsigned = await errorOf({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_sendRawTransaction",
        params: ["0x1234"],
      });
      assert.deepEqual(unsigned, {
        code: -32602,
        message: "the transaction is not a signed transaction",
        data: { method: "eth_sendRawTransaction" },
      });
      // A batch answers each call, the malformed ones with their error.
      const mixed = await ok<JsonRpcResponse[]>(
        await post("/v1/chain", [
          { jsonrpc: "2.0", id: 1, method: "eth_chainId" },
          42,
          { jsonrpc: "2.0", id: 3, method: "evm_mine" },
        ]),
        "post",
        "/v1/chain",
      );
      assert.deepEqual(
        mixed.map((a) => [a.id, a.result ?? a.error?.code]),
        [
          [1, "0x7a69"],
          [null, -32600],
          [3, -32601],
        ],
      );
      await problem(await post("/v1/chain", "{not json"), "post", "/v1/chain", 400, "InvalidJson");
      await problem(
        await post("/v1/chain", "{}", app, { "content-type": "text/plain" }),
        "post",
        "/v1/chain",
        415,
        "UnsupportedMediaType",
      );
      await problem(
        await post("/v1/chain", JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) })),
        "post",
        "/v1/chain",
        413,
        "BodyTooLarge",
      );
    });

    it("limits raw transactions per sender and requests per IP, as every signed write", async () => {
      const limited = appWith({
        rateLimits: { ip: false, address: { capacity: 1, refillPerSecond: 0.001 } },
      });
      const { walletClient } = overRelay(dev(10), limited);
      await walletClient.sendTransaction({ to: dev(19).address, value: 1n });
      const signed = await walletClient.signTransaction(
        await walletClient.prepareTransactionRequest({ to: dev(19).address, value: 1n }),
      );
      const refused = await post(
        "/v1/chain",
        { jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [signed] },
        limited,
      );
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
      await problem(refused, "post", "/v1/chain", 429, "RateLimited");
      // Reads of others are not limited by that sender's budget.
      assert.equal((await rpc("eth_chainId", [], limited)).result, "0x7a69");
      const perIp = appWith({ rateLimits: { ip: { capacity: 1, refillPerSecond: 0.001 }, address: false } });
      assert.equal((await rpc("eth_chainId", [], perIp)).result, "0x7a69");
      await problem(
        await post("/v1/chain", { jsonrpc: "2.0", id: 1, method: "eth_chainId" }, perIp),
        "post",
        "/v1/chain",
        429,
        "RateLimited",
      );
    });

    it("answers NotEmbedded when the node's chain is a JSON-RPC endpoint", async () => {
      const remote = appWith({}, { ...ctx, chain: { ...ctx.chain, kind: "rpc" } });
      const body = await problem(
        await post("/v1/chain", { jsonrpc: "2.0", id: 1, method: "eth_chainId" }, remote),
        "post",
        "/v1/chain",
        404,
        "NotEmbedded",
      );
      assert.deepEqual(body.details, { chain: "rpc", chainId: 31337 });
    });
  });

  describe("operator routes", () => {
    it("say who the operators are, and refuse anyone else by name", async () => {
      const operator = await ok<OperatorView>(await get("/v1/operator"), "get", "/v1/operator");
      assert.deepEqual(operator, { accounts: [dev(0).address], chain: "embedded", run: null });
      // The typed client has a method for each of these routes.
      const client = new GuildClient({ fetch: async (input, init) => app.request(input, init) });
      assert.deepEqual(await client.operator(), operator);
      assert.equal(
        (await client.chainRpc({ jsonrpc: "2.0", id: 7, method: "eth_chainId" })).result,
        "0x7a69",
      );
      await assert.rejects(client.runEpoch(1), (e) => e instanceof GuildApiError && e.code === "NotSignedIn");
      await assert.rejects(
        client.finalizeEpoch(1, { passChallengeWindow: true }),
        (e) => e instanceof GuildApiError && e.status === 401,
      );
      const t = "/v1/epochs/{id}/run";
      await problem(await post("/v1/epochs/1/run", {}), "post", t, 401, "NotSignedIn");
      const contributor = await signIn(dev(4));
      const refused = await problem(
        await post("/v1/epochs/1/run", {}, app, { cookie: contributor }),
        "post",
        t,
        403,
        "NotOperator",
      );
      assert.deepEqual(refused.details, { address: dev(4).address, operators: [dev(0).address] });
      await problem(
        await post("/v1/epochs/1/finalize", { passChallengeWindow: true }, app, { cookie: contributor }),
        "post",
        "/v1/epochs/{id}/finalize",
        403,
        "NotOperator",
      );
      const cookie = await signIn(dev(0));
      await problem(await post("/v1/epochs/99/run", {}, app, { cookie }), "post", t, 404, "UnknownEpoch");
      await problem(await post("/v1/epochs/0/run", {}, app, { cookie }), "post", t, 400, "InvalidEpochId");
      await problem(
        await post("/v1/epochs/1/run", { until: "finalized" }, app, { cookie }),
        "post",
        t,
        400,
        "InvalidEpochRunRequest",
      );
      await problem(
        await post("/v1/epochs/1/finalize", { passChallengeWindow: "yes" }, app, { cookie }),
        "post",
        "/v1/epochs/{id}/finalize",
        400,
        "InvalidEpochRunRequest",
      );
      // Moving the clock is for the embedded chain only.
      const { advanceTime: _, ...withoutClock } = ctx.chain;
      const remote = appWith({}, { ...ctx, chain: { ...withoutClock, kind: "rpc" } });
      await problem(
        await post("/v1/epochs/1/finalize", { passChallengeWindow: true }, remote, {
          cookie: await signIn(dev(0), remote),
        }),
        "post",
        "/v1/epochs/{id}/finalize",
        400,
        "ClockNeedsEmbeddedChain",
      );
      assert.equal((await settled(1)).state, "open", "nothing ran");
    });

    it("run an epoch in the background, one run at a time, its progress on the epoch; the claim goes through the relay", async () => {
      const cookie = await signIn(dev(0));
      const started = await ok<EpochRunView>(
        await post("/v1/epochs/1/run", {}, app, { cookie }),
        "post",
        "/v1/epochs/{id}/run",
        202,
      );
      assert.deepEqual(
        [started.epochId, started.action, started.target, started.status, started.startedBy],
        [1, "run", "proposed", "running", dev(0).address],
      );
      const busy = await problem(
        await post("/v1/epochs/1/finalize", {}, app, { cookie }),
        "post",
        "/v1/epochs/{id}/finalize",
        409,
        "EpochBusy",
      );
      assert.equal(busy.details?.epochId, 1);

      const proposed = await settled(1);
      assert.equal(proposed.state, "proposed", JSON.stringify(proposed.run));
      assert.equal(proposed.run?.status, "done");
      assert.equal(proposed.run?.step, null);
      assert.ok(proposed.run?.assessed !== null && proposed.run?.assessed !== undefined);
      assert.equal(proposed.run.assessed.finished, proposed.run.assessed.total);
      assert.ok(proposed.run.assessed.total >= CONTRIBUTORS.length);
      assert.match(proposed.txHashes.propose ?? "", /^0x[0-9a-f]{64}$/);
      assert.equal((await settled(2)).state, "open", "closing opened epoch 2");
      const latest = await ok<OperatorView>(await get("/v1/operator"), "get", "/v1/operator");
      assert.deepEqual(latest.run, proposed.run);

      // The window is open: finalizing is refused, saying until when, unless the clock is moved.
      const open = await problem(
        await post("/v1/epochs/1/finalize", {}, app, { cookie }),
        "post",
        "/v1/epochs/{id}/finalize",
        409,
        "ChallengeWindowOpen",
      );
      assert.ok(Number(open.details?.endsAt) > Number(open.details?.now));
      await ok<EpochRunView>(
        await post("/v1/epochs/1/finalize", { passChallengeWindow: true }, app, { cookie }),
        "post",
        "/v1/epochs/{id}/finalize",
        202,
      );
      const finalized = await settled(1);
      assert.deepEqual([finalized.state, finalized.run?.status], ["finalized", "done"]);
      assert.match(finalized.txHashes.finalize ?? "", /^0x[0-9a-f]{64}$/);

      // The contributor claims with a key that signs on the client, through the relay.
      const claim = await ok<AccountClaim>(
        await get(`/v1/accounts/${dev(4).address}/claim`),
        "get",
        "/v1/accounts/{address}/claim",
      );
      assert.ok(BigInt(claim.claimableAmount) > 0n);
      assert.ok(claim.current !== null);
      const { publicClient, walletClient } = overRelay(dev(4));
      const { request } = await publicClient.simulateContract({
        address: ctx.manifest.contracts.token,
        abi: GuildToken.abi,
        functionName: "claim",
        args: [
          dev(4).address,
          BigInt(claim.current.cumulativeAmount),
          BigInt(claim.current.cumulativeReputation),
          claim.current.proof,
        ],
        account: dev(4),
      });
      const receipt = await publicClient.waitForTransactionReceipt({
        hash: await walletClient.writeContract(request),
      });
      assert.equal(receipt.status, "success");
      const balance = await ctx.chain.publicClient.readContract({
        address: ctx.manifest.contracts.token,
        abi: GuildToken.abi,
        functionName: "balanceOf",
        args: [dev(4).address],
      });
      assert.equal(balance, BigInt(claim.claimableAmount));
    });
  });

  // Last: it closes and reopens the node.
  it("keeps a raw transaction sent through the relay across a restart (the chain's journal)", async () => {
    const { publicClient, walletClient } = overRelay(dev(11));
    const hash = await walletClient.sendTransaction({ to: dev(18).address, value: parseEther("2") });
    await publicClient.waitForTransactionReceipt({ hash });
    const balance = await publicClient.getBalance({ address: dev(18).address });
    await ctx.close();
    ctx = await openNode({ chain: { dataDir } });
    app = appWith();
    const reopened = overRelay(dev(11));
    assert.equal(await reopened.publicClient.getBalance({ address: dev(18).address }), balance);
    const receipt = await reopened.publicClient.getTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal((await ctx.store.getEpoch(1))?.state, "finalized");
  });
});
