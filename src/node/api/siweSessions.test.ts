// Sign-In with Ethereum's nonces and sessions live in the store, in process (app.request) on a fresh
// embedded guild, with PGlite and with a PostgreSQL server: a session opened through one API is accepted by
// another on the same store (two API processes; on PostgreSQL each with its own connections), a nonce is
// spent once whichever process issued or takes it, signing out on one ends the session on all, and
// sessions and pending nonces survive closing and reopening the node.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LocalAccount } from "viem";
import { parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { connectChain } from "../../chain/connectChain.ts";
import { defaultParams } from "../../chain/defaultParams.ts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { initGuild } from "../../chain/initGuild.ts";
import { openStore } from "../../store/openStore.ts";
import { openPostgresClient } from "../../store/postgresClient.ts";
import type { ThrowawayPostgres } from "../../store/testing/throwawayPostgres.ts";
import { startThrowawayPostgres } from "../../store/testing/throwawayPostgres.ts";
import type { NodeContext } from "../openNode.ts";
import { DEFAULT_ASSESSMENT, openNode } from "../openNode.ts";
import type { ApiErrorBody, AuthNonce, SessionView, SignedOut } from "./apiTypes.ts";
import { createApi } from "./createApi.ts";

const ORIGIN = "http://127.0.0.1:7450";
const dev = (index: number): LocalAccount => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });

type App = ReturnType<typeof createApi>;

const appOn = (node: NodeContext): App =>
  createApi(node, {
    origins: [ORIGIN],
    rateLimits: { ip: false, address: false },
    onInternalError: (error) => assert.fail(`internal error: ${String(error)}`),
  });
const get = (app: App, path: string, cookie?: string) =>
  app.request(path, { headers: cookie === undefined ? {} : { cookie } });
const post = (app: App, path: string, body: unknown, cookie?: string) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie === undefined ? {} : { cookie }) },
    body: JSON.stringify(body),
  });

/** A nonce issued by `app`. */
const nonceFrom = async (app: App): Promise<string> => {
  const response = await get(app, "/v1/auth/nonce");
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as AuthNonce).nonce;
};
/** Posts `account`'s signed sign-in message naming `nonce` to `app`. */
const verify = async (app: App, nonce: string, account = dev(3)): Promise<Response> => {
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: "127.0.0.1:7450",
    uri: ORIGIN,
    version: "1",
    nonce,
  });
  return post(app, "/v1/auth/verify", { message, signature: await account.signMessage({ message }) });
};
/** The session cookie (`guild_session=…`) a successful sign-in sets. */
const cookieOf = async (response: Response): Promise<string> => {
  assert.equal(response.status, 200, await response.clone().text());
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  assert.match(cookie, /^guild_session=[\w-]{43}$/);
  return cookie;
};
/** Who `cookie` signs in as on `app`, or the error code it gets. */
const me = async (app: App, cookie: string): Promise<SessionView | string> => {
  const response = await get(app, "/v1/auth/me", cookie);
  const body = (await response.json()) as SessionView | ApiErrorBody;
  return "code" in body ? body.code : body;
};
const errorCode = async (response: Response): Promise<string> =>
  ((await response.json()) as ApiErrorBody).code;

describe("sign-in with Ethereum sessions in the store", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-siwe-"));
  let postgres: ThrowawayPostgres | undefined;

  before(async () => {
    const clients = await connectChain({ dataDir });
    try {
      await initGuild(
        clients,
        dataDir,
        defaultParams(
          dev(0).address,
          [{ account: dev(1).address, reputation: parseEther("50") }],
          DEFAULT_ASSESSMENT,
        ),
        "embedded",
      );
    } finally {
      await clients.close();
    }
    postgres = await startThrowawayPostgres();
    const admin = await openPostgresClient(postgres.url, { maxConnections: 1 });
    await admin.query("CREATE DATABASE guild_siwe");
    await admin.close();
  });
  after(async () => {
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const backend of ["PGlite", "PostgreSQL"] as const) {
    describe(`on ${backend}`, () => {
      let databaseUrl: string | undefined;
      let node: NodeContext;
      /** The second API process's node: its own store on the same server, or (PGlite) the same node. */
      let other: NodeContext;
      let first: App;
      let second: App;

      /** Opens the node and the second process's, and an API on each. */
      const start = async () => {
        node = await openNode({ chain: { dataDir }, databaseUrl });
        other =
          databaseUrl === undefined
            ? node
            : { ...node, store: await openStore({ databaseUrl }), close: async () => undefined };
        first = appOn(node);
        second = appOn(other);
      };
      const stop = async () => {
        if (other !== node) await other.store.close();
        await node.close();
      };

      before(async () => {
        if (backend === "PostgreSQL") {
          const url = new URL(postgres?.url ?? "");
          url.pathname = "/guild_siwe";
          databaseUrl = url.toString();
        }
        await start();
      });
      after(stop);

      it("accepts a session opened through one API process on another", async () => {
        const cookie = await cookieOf(await verify(first, await nonceFrom(first)));
        const session = await me(first, cookie);
        assert.equal((session as SessionView).address, dev(3).address);
        assert.deepEqual(await me(second, cookie), session);
      });

      it("spends a nonce once, whichever process issued it and whichever takes it", async () => {
        const nonce = await nonceFrom(first);
        const cookie = await cookieOf(await verify(second, nonce));
        const session = await me(first, cookie);
        assert.equal((session as SessionView).address, dev(3).address);
        assert.deepEqual(await me(second, cookie), session);
        for (const app of [first, second]) {
          assert.equal(await errorCode(await verify(app, nonce)), "SiweNonceInvalid");
        }
        // Raced on both processes at once: exactly one sign-in gets the nonce.
        const raced = await nonceFrom(second);
        const answers = await Promise.all([verify(first, raced), verify(second, raced, dev(4))]);
        assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401]);
        const refused = answers.find((answer) => answer.status === 401);
        assert.equal(refused === undefined ? undefined : await errorCode(refused), "SiweNonceInvalid");
      });

      it("signs out everywhere", async () => {
        const cookie = await cookieOf(await verify(first, await nonceFrom(first)));
        const out = await post(second, "/v1/auth/logout", {}, cookie);
        assert.deepEqual((await out.json()) as SignedOut, { signedOut: true });
        assert.equal(await me(first, cookie), "NotSignedIn");
        assert.equal(await me(second, cookie), "NotSignedIn");
        const again = await post(first, "/v1/auth/logout", {}, cookie);
        assert.deepEqual((await again.json()) as SignedOut, { signedOut: false });
      });

      // Last: it closes and reopens the node.
      it("keeps sessions and pending nonces across a restart", async () => {
        const cookie = await cookieOf(await verify(first, await nonceFrom(first)));
        const session = await me(first, cookie);
        const pending = await nonceFrom(second);
        await stop();
        await start();
        assert.deepEqual(await me(first, cookie), session);
        assert.deepEqual(await me(second, cookie), session);
        const later = await cookieOf(await verify(first, pending, dev(5)));
        assert.equal(((await me(second, later)) as SessionView).address, dev(5).address);
      });
    });
  }
});
