// The HTTP API in process (app.request): a signed submission is stored once, bad input gets its code.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { signSubmission } from "../../core/contribution/signSubmission.ts";
import { DEFAULT_ASSESSMENT, type NodeContext, openNode } from "../openNode.ts";
import { createApi, MAX_BODY_BYTES } from "./createApi.ts";

describe("HTTP API", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-api-"));
  let ctx: NodeContext;
  let app: ReturnType<typeof createApi>;
  const contributor = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 4 });

  before(async () => {
    const clients = await connectChain({ dataDir });
    const operator = clients.walletClient.account.address;
    await initGuild(
      clients,
      dataDir,
      defaultParams(operator, [{ account: operator, reputation: parseEther("1") }], DEFAULT_ASSESSMENT),
      "embedded",
    );
    await clients.close();
    ctx = await openNode({ chain: { dataDir } });
    await ctx.store.openEpoch(1);
    app = createApi(ctx);
  });
  after(async () => {
    await ctx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const submission = async (overrides: { links?: string[]; nonce?: bigint } = {}) => {
    const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
    return signSubmission(
      contributor,
      {
        epochId: 1,
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
  const post = (body: string) =>
    app.request("/v1/contributions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it("stores a signed submission once and refuses its replay with 409", async () => {
    const body = JSON.stringify(await submission());
    const created = await post(body);
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    assert.ok((await ctx.store.getContribution(id as `0x${string}`)) !== undefined);
    const replay = await post(body);
    assert.equal(replay.status, 409);
    assert.equal(((await replay.json()) as { code: string }).code, "NonceAlreadyUsed");
    assert.equal((await ctx.store.listContributions(1)).length, 1);
  });

  it("names the problem in a bad submission with 400, and stores nothing", async () => {
    const bad = await post(JSON.stringify(await submission({ links: ["ftp://example.org/x"], nonce: 8n })));
    assert.equal(bad.status, 400);
    const error = (await bad.json()) as { code: string; message: string; details: { link: string } };
    assert.equal(error.code, "LinkNotHttp");
    assert.equal(error.details.link, "ftp://example.org/x");
    const notJson = await post("{not json");
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { code: string }).code, "InvalidJson");
    const tooLarge = await post(JSON.stringify({ padding: "x".repeat(MAX_BODY_BYTES) }));
    assert.equal(tooLarge.status, 413);
    assert.equal((await ctx.store.listContributions(1)).length, 1);
  });

  it("reads an epoch, and answers unknown routes and ids with JSON errors", async () => {
    const epoch = await app.request("/v1/epochs/1");
    assert.equal(epoch.status, 200);
    assert.equal(((await epoch.json()) as { state: string }).state, "open");
    assert.equal((await app.request("/v1/epochs/zero")).status, 400);
    assert.equal((await app.request("/v1/epochs/99")).status, 404);
    const missing = await app.request("/v1/nothing");
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { code: "NotFound", message: "no route GET /v1/nothing" });
  });
});
