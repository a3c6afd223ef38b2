// The dashboard end to end in Debian's Chromium on the embedded chain, as a guild starts out: `guild init`
// into a fresh data directory, `guild up` holding the chain and the database (the CLI's epoch steps are
// refused, saying where to run them), a contributor submitting through the page with a development
// account, the operator signing in with theirs and running the epoch from the Operator panel, and the
// contributor claiming in one transaction sent through the node's relay to the embedded chain.
// Screenshots go to test-artifacts/embedded-*.png. Skipped, saying so, only when Chromium is not installed.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../../src/chain/embeddedChain.ts";
import type { GuildProcess } from "../../src/cli/testing/guildProcess.ts";
import { runGuild, startGuildUp } from "../../src/cli/testing/guildProcess.ts";
import { signSubmission } from "../../src/core/contribution/signSubmission.ts";
import type { AccountClaim, GuildOverview } from "../../src/node/api/apiTypes.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, findChromium } from "./findChromium.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const chromiumPath = findChromium();
if (chromiumPath === undefined) {
  process.stderr.write(
    `embedded dashboard e2e: SKIPPED: no Chromium at ${process.env.CHROMIUM_PATH ?? CHROMIUM_PATH} (apt-get install chromium)\n`,
  );
}

const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
/** Work of other contributors, each of its own (near-duplicates would be paid once). */
const OTHERS: readonly [number, string, string][] = [
  [
    5,
    "Fuzz the allocation policy",
    "Property tests that every split of a budget sums to the budget exactly.",
  ],
  [6, "Translate the dashboard to Spanish", "Every page and error message, reviewed by two native speakers."],
  [
    7,
    "Speed up the grant-round importer",
    "Stream the files instead of loading them whole: ten times less memory.",
  ],
  [8, "Record the community call", "Notes, decisions and the recording of the March call, published."],
];

describe("dashboard in Chromium on the embedded chain, the epoch run from the Operator panel", {
  skip:
    chromiumPath === undefined
      ? `no Chromium at ${process.env.CHROMIUM_PATH ?? CHROMIUM_PATH} (apt-get install chromium)`
      : false,
  timeout: 300_000,
}, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-web-embedded-"));
  // The embedded chain and PGlite, whatever the environment says.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GUILD_RPC_URL: "",
    GUILD_DATA_DIR: "",
    DATABASE_URL: "",
    GUILD_PRIVATE_KEY: "",
  };
  const cli = (...args: string[]) => runGuild([...args, "--data-dir", dataDir], env);
  let up: GuildProcess;
  let browser: Browser;
  let page: Page;
  let guild: GuildOverview;

  const shot = async (name: string) => {
    await page.screenshot({ path: join(ARTIFACTS, `embedded-${name}.png`), fullPage: true });
  };
  /** Opens a page of the dashboard (a full load: the account is picked again after). */
  const go = async (path: string) => {
    await page.goto(`${up.url}${path}`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
  };
  /** Picks development account `index` in the header, as a person does on the embedded chain. */
  const pickDevAccount = async (index: number) => {
    const disconnect = page.getByRole("button", { name: "Disconnect" });
    if (await disconnect.isVisible()) await disconnect.click();
    await page.getByLabel("development account — embedded chain only").selectOption(String(index));
    await page.getByRole("button", { name: "Use development account" }).click();
    await page.getByTestId("connected-address").waitFor();
    assert.match(
      (await page.locator(".wallet .badge-warn").textContent()) ?? "",
      new RegExp(`^development account ${index}$`),
      "the account is labelled as a development account",
    );
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await cli("init", "--founder", `${dev(1).address}=100`, "--founder", `${dev(2).address}=60`);
    // The operator's own work, signed by the CLI (dev account 0 on the embedded chain), opens epoch 1.
    await cli("submit", "--kind", "code", "--title", "Operator's tooling", "--metric", "linesAdded=90");
    up = await startGuildUp(["--data-dir", dataDir, "--port", "0"], env);
    guild = (await (await fetch(`${up.url}/v1/guild`)).json()) as GuildOverview;
    assert.equal(guild.chain, "embedded");
    const now = Math.floor(Date.now() / 1000);
    for (const [index, title, description] of OTHERS) {
      const signed = await signSubmission(
        dev(index),
        {
          epochId: 1,
          kind: index % 2 === 0 ? "docs" : "code",
          title,
          description,
          links: [`https://example.org/work/${index}`],
          metrics: { linesAdded: 30 * index },
          nonce: BigInt(index),
          deadline: now + 3_600,
        },
        { chainId: guild.chainId, verifyingContract: guild.contracts.token },
      );
      const response = await fetch(`${up.url}/v1/contributions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(signed),
      });
      assert.equal(response.status, 201, await response.text());
    }
    browser = await chromium.launch({ executablePath: chromiumPath as string, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("pageerror", (error) => process.stderr.write(`page error: ${error.message}\n`));
  });

  afterEach(async () => {
    await page?.screenshot({ path: join(ARTIFACTS, "embedded-last-test-state.png"), fullPage: true });
  });

  after(async () => {
    await browser?.close();
    await up?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses the CLI's epoch steps while guild up holds the data directory, saying where to run them", async () => {
    const refused = await cli("epoch", "run").then(
      () => "",
      (error: unknown) => String(error),
    );
    assert.match(refused, /guild up \(pid \d+\) is serving this data directory at http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(refused.includes(`POST ${up.url}/v1/epochs/{id}/run`), refused);
    assert.match(refused, /Operator panel/);
  });

  it("lets a contributor sign and submit with a development account", async () => {
    await go("/contributions");
    // No browser wallet here: the development accounts are what the embedded chain offers.
    assert.equal(await page.getByRole("button", { name: "Connect wallet" }).count(), 0);
    await pickDevAccount(4);
    const form = page.getByRole("form", { name: "Submit a contribution" });
    await form.getByLabel("Kind").selectOption("docs");
    await form.getByLabel("Title").fill("Explain the claim flow");
    await form.getByLabel("Description").fill("A page on claiming rewards with a wallet, with pictures.");
    await form.getByLabel("Links, one per line").fill("https://example.org/docs/claims");
    await form.getByLabel("Metrics, one name=value per line").fill("docsTouched=3");
    await form.getByRole("button", { name: /Sign and submit/ }).click();
    await page.getByRole("status").filter({ hasText: "Submitted to epoch #1" }).waitFor();
    await shot("contributions");
  });

  it("lets a member endorse another's work from its page while the epoch is open", async () => {
    const listed = (await (
      await fetch(`${up.url}/v1/contributions?contributor=${dev(4).address}&epoch=1`)
    ).json()) as { items: { id: string; title: string }[] };
    const work = listed.items.find((c) => c.title === "Explain the claim flow");
    assert.ok(work !== undefined, JSON.stringify(listed));
    await go(`/contributions/${work.id}`);
    const panel = page.getByRole("region", { name: "Endorsements" });
    await panel
      .getByTestId("endorsement-count")
      .filter({ hasText: "No member has endorsed this work." })
      .waitFor();
    // The contributor cannot endorse their own work; dev account 1, a founding member, can.
    await pickDevAccount(4);
    assert.equal(await panel.getByRole("button", { name: "Endorse this work" }).count(), 0);
    await pickDevAccount(1);
    await panel.getByRole("button", { name: "Endorse this work" }).click();
    await panel.getByRole("status").filter({ hasText: "You endorsed this work." }).waitFor();
    await panel
      .getByTestId("endorsement-count")
      .filter({ hasText: "1 member endorsed this work." })
      .waitFor();
    assert.equal(
      await panel
        .getByRole("listitem")
        .filter({ hasText: dev(1).address })
        .count(),
      1,
    );
    await shot("endorsed");
    const stored = (await (await fetch(`${up.url}/v1/contributions/${work.id}/endorsements`)).json()) as {
      items: { endorser: string }[];
    };
    assert.deepEqual(
      stored.items.map((e) => e.endorser),
      [dev(1).address],
    );
  });

  it("shows the Operator panel only to the operator, who signs in and runs the epoch to finalized", async () => {
    await go("/epochs");
    await pickDevAccount(4);
    await page.getByRole("table", { name: "Epochs" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Operator" }).count(), 0, "not for a contributor");

    await pickDevAccount(0);
    const panel = page.getByRole("region", { name: "Operator" });
    await panel.getByRole("button", { name: "Sign in as operator" }).click();
    await panel.getByText(/^Signed in as/).waitFor();
    await panel.getByRole("button", { name: "Run epoch #1" }).click();
    const run = panel.getByTestId("operator-run");
    await run.filter({ hasText: "Epoch #1 is proposed." }).waitFor({ timeout: 120_000 });
    await page
      .getByRole("table", { name: "Epochs" })
      .locator("tbody tr")
      .filter({ hasText: "#1" })
      .filter({ hasText: "proposed" })
      .waitFor();
    await shot("operator-proposed");

    // The challenge window is days long: on the embedded chain the panel can move its clock past it.
    await panel
      .getByRole("button", { name: "Pass the challenge window and finalize (development chain)" })
      .click();
    await run.filter({ hasText: "Epoch #1 is finalized." }).waitFor({ timeout: 60_000 });
    await page
      .getByRole("table", { name: "Epochs" })
      .locator("tbody tr")
      .filter({ hasText: "#1" })
      .filter({ hasText: "finalized" })
      .waitFor();
    await shot("operator-finalized");
  });

  it("lets the contributor claim in one transaction through the node's relay and shows it confirmed", async () => {
    await go("/claim");
    await pickDevAccount(4);
    const claimable = page.getByTestId("claimable");
    await claimable.waitFor();
    const before = (await (
      await fetch(`${up.url}/v1/accounts/${dev(4).address}/claim`)
    ).json()) as AccountClaim;
    assert.ok(BigInt(before.claimableAmount) > 0n, "the contributor has something to claim");
    assert.doesNotMatch((await claimable.textContent()) ?? "", /^0 GUILD/);
    await page.getByRole("button", { name: /^Claim .* GUILD$/ }).click();
    await page.getByTestId("claim-confirmed").waitFor({ timeout: 30_000 });
    await claimable.filter({ hasText: /^0 GUILD/ }).waitFor();
    await shot("claim");
    const afterClaim = (await (
      await fetch(`${up.url}/v1/accounts/${dev(4).address}/claim`)
    ).json()) as AccountClaim;
    assert.equal(afterClaim.claimed.amount, before.claimableAmount, "the chain paid the contributor");
  });
});
