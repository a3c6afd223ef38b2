// The dashboard end to end in Debian's Chromium: a node started as `guild up` (a child process) on a
// `hardhat node` chain and a PostgreSQL server, so the CLI can run epochs beside it; a contributor submits
// through the page, an epoch runs through `guild epoch`, the contributor reads the verdict, disputes it
// while the epoch can still be vetoed (the report counts the dispute) and, once it is final, claims; a
// founder and the contributor (whose claim minted reputation) pass a proposal that raises the cap, and a
// juror opens the spot checks. Screenshots of every page go to test-artifacts/. Skipped, saying so, only
// when Chromium is not installed.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import type { Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { GuildConfig, GuildToken } from "../../src/chain/contracts.generated.ts";
import { DEV_MNEMONIC } from "../../src/chain/embeddedChain.ts";
import { readEpoch } from "../../src/chain/settlement.ts";
import type { ChainTarget } from "../../src/chain/testing/chainTargets.ts";
import { jsonRpcTarget } from "../../src/chain/testing/chainTargets.ts";
import type { GuildProcess } from "../../src/cli/testing/guildProcess.ts";
import { runGuild, startGuildUp } from "../../src/cli/testing/guildProcess.ts";
import { signSubmission } from "../../src/core/contribution/signSubmission.ts";
import type { GuildOverview } from "../../src/node/api/apiTypes.ts";
import type { ThrowawayPostgres } from "../../src/store/testing/throwawayPostgres.ts";
import { startThrowawayPostgres } from "../../src/store/testing/throwawayPostgres.ts";
import type { DashboardServer } from "./dashboardServer.ts";
import { dashboardOrigin } from "./dashboardServer.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, findChromium } from "./findChromium.ts";
import { installTestWallet } from "./testWallet.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const chromiumPath = findChromium();
if (chromiumPath === undefined) {
  // Said on stderr as well as in the runner's SKIP line, so a missing browser is never a quiet pass.
  process.stderr.write(
    `dashboard e2e: SKIPPED: no Chromium at ${process.env.CHROMIUM_PATH ?? CHROMIUM_PATH} (apt-get install chromium)\n`,
  );
}

const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
/** Hardhat's dev account 0 key (public knowledge): the guild's operator and node on the test chain. */
const OPERATOR_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DAY = 86_400;

describe("dashboard in Chromium against guild up", {
  skip:
    chromiumPath === undefined
      ? `no Chromium at ${process.env.CHROMIUM_PATH ?? CHROMIUM_PATH} (apt-get install chromium)`
      : false,
  timeout: 300_000,
}, () => {
  let chain: ChainTarget;
  let postgres: ThrowawayPostgres;
  let up: GuildProcess;
  let dashboard: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let guild: GuildOverview;
  const dataDir = mkdtempSync(join(tmpdir(), "guild-web-e2e-"));
  const wallet = { account: dev(4).address as Address };
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) =>
    runGuild([...args, "--data-dir", dataDir, "--rpc-url", chain.url ?? ""], env);

  const shot = async (name: string, target: Page = page) => {
    await target.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const go = async (path: string) => {
    await page.goto(`${dashboard.url}${path}`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
  };
  /** Connects the page's browser wallet, holding `index`'s account. */
  const connectAs = async (index: number) => {
    wallet.account = dev(index).address;
    const disconnect = page.getByRole("button", { name: "Disconnect" });
    if (await disconnect.isVisible()) await disconnect.click();
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-address").waitFor();
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [chain, postgres] = await Promise.all([jsonRpcTarget(), startThrowawayPostgres()]);
    env = { ...process.env, GUILD_PRIVATE_KEY: OPERATOR_KEY, DATABASE_URL: postgres.url };
    await cli(
      "init",
      "--founder",
      `${dev(1).address}=100`,
      "--founder",
      `${dev(2).address}=60`,
      "--founder",
      `${dev(3).address}=40`,
    );
    // The CLI's submission opens epoch 1; others sign as any client of the API would.
    await cli("submit", "--kind", "code", "--title", "Operator's tooling", "--metric", "linesAdded=90");
    up = await startGuildUp(["--data-dir", dataDir, "--rpc-url", chain.url ?? "", "--port", "0"], env);
    dashboard = await dashboardOrigin(up.url);
    guild = (await (await fetch(`${up.url}/v1/guild`)).json()) as GuildOverview;
    const now = Number((await chain.publicClient.getBlock()).timestamp);
    for (const [i, index] of [5, 6, 7, 8].entries()) {
      const signed = await signSubmission(
        dev(index),
        {
          epochId: 1,
          kind: i % 2 === 0 ? "docs" : "code",
          title: `Work of dev ${index}`,
          description: "Steady work that the guild needed.",
          links: [`https://example.org/work/${index}`],
          metrics: { linesAdded: 40 * (i + 1) },
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
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await installTestWallet(context, chain.url ?? "", () => wallet.account);
    page = await context.newPage();
    page.on("pageerror", (error) => process.stderr.write(`page error: ${error.message}\n`));
  });

  // The page as the last test left it: what to look at first when one fails.
  afterEach(async () => {
    await page?.screenshot({ path: join(ARTIFACTS, "last-test-state.png"), fullPage: true });
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await up?.stop();
    await chain?.close();
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the guild's overview, also on a phone-sized screen", async () => {
    await go("/");
    await page.getByTestId("epoch-state").filter({ hasText: "open" }).waitFor();
    assert.match((await page.getByTestId("budget").textContent()) ?? "", /10,000 GUILD/);
    assert.match((await page.getByTestId("cap").textContent()) ?? "", /20% of the budget/);
    await shot("overview");
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${dashboard.url}/`);
    await phone.getByTestId("epoch-state").waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the overview is ${overflow}px wider than a phone's screen`);
    await shot("overview-phone", phone);
    await phone.close();
  });

  it("lets a contributor sign and submit a contribution with the browser wallet", async () => {
    await go("/contributions");
    await connectAs(4);
    const form = page.getByRole("form", { name: "Submit a contribution" });
    await form.getByLabel("Kind").selectOption("docs");
    await form.getByLabel("Title").fill("Explain the claim flow");
    await form.getByLabel("Description").fill("A page on claiming rewards with a wallet, with pictures.");
    await form.getByLabel("Links, one per line").fill("https://example.org/docs/claims");
    await form.getByLabel("Metrics, one name=value per line").fill("docsTouched=3");
    await form.getByRole("button", { name: /Sign and submit/ }).click();
    await page.getByRole("status").filter({ hasText: "Submitted to epoch #1" }).waitFor();
    await page.getByRole("link", { name: "Explain the claim flow" }).waitFor();
    // The filters narrow the list to the contributor's own work.
    await page.getByLabel("Contributor").fill(dev(4).address);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/contributor=/);
    // The filtered page replaces the list when its request answers: wait for the one row, not the URL.
    const rows = page.getByRole("table", { name: "Contributions" }).locator("tbody tr");
    for (let waited = 0; (await rows.count()) !== 1 && waited < 10_000; waited += 100) {
      await page.waitForTimeout(100);
    }
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? "", /Explain the claim flow/);
    await shot("contributions");
  });

  it("runs the epoch with the CLI beside the node, shows the verdict, and takes the contributor's dispute of it", async () => {
    await cli("epoch", "run", "--until", "proposed");

    await go(`/contributions?contributor=${dev(4).address}`);
    await connectAs(4);
    await page.getByRole("link", { name: "Explain the claim flow" }).click();
    await page.getByRole("heading", { name: "Verdicts" }).waitFor();
    const verdict = page.getByRole("table", { name: /^Scores by / }).first();
    await verdict.waitFor();
    assert.ok((await verdict.locator("tbody tr").count()) >= 1, "a verdict lists its criteria");
    assert.notEqual(
      ((await verdict.locator("tbody tr td").nth(1).textContent()) ?? "").trim(),
      "",
      "each score has a reason",
    );
    await shot("contribution-verdict");

    // The epoch is proposed and its challenge window open: the contributor disputes the verdict.
    const card = page.getByRole("region", { name: /^Verdict by / }).first();
    await card.getByRole("button", { name: "Dispute this verdict" }).click();
    const form = card.getByRole("form", { name: /^Dispute the verdict by / });
    const reason = "The page has six screenshots of the claim flow; the verdict counted none.";
    await form.getByLabel("Why is this verdict wrong?").fill(`  ${reason}\n`);
    // The form fits a phone's screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the dispute form is ${overflow}px wider than a phone's screen`);
    await shot("contribution-dispute-form-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByRole("button", { name: "Sign and file dispute" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: "You disputed this verdict" })
      .waitFor({ timeout: 30_000 });
    const listed = card.getByTestId("dispute");
    assert.equal(await listed.count(), 1);
    assert.match((await listed.textContent()) ?? "", new RegExp(`^${reason}by 0x`), "the reason, trimmed");
    assert.equal(await card.getByRole("button", { name: "Dispute this verdict" }).count(), 0, "once");
    await shot("contribution-disputed");

    // Voters see it on the epoch's report before the challenge window ends.
    await go("/epochs/1");
    await page.getByTestId("dispute-count").filter({ hasText: "1 dispute on 1 contribution" }).waitFor();
    await page.getByRole("list", { name: "Disputes of epoch 1" }).getByText(reason).waitFor();
  });

  it("finalizes the epoch after its challenge window, then shows the report", async () => {
    // The node picks the challenge window's end (at least the governed window ahead): pass it.
    const proposed = await readEpoch(chain.publicClient, guild.contracts.token, 1n);
    const now = (await chain.publicClient.getBlock()).timestamp;
    await chain.timeTravel(Number(proposed.challengeEndsAt) - Number(now) + 1);
    await cli("epoch", "finalize");

    await go("/epochs/1");
    await page.getByTestId("report-state").filter({ hasText: "finalized" }).waitFor();
    assert.match((await page.getByTestId("report-root").textContent()) ?? "", /^0x[0-9a-f]{64}$/);
    assert.match((await page.getByTestId("report-hash").textContent()) ?? "", /^0x[0-9a-f]{64}$/);
    assert.equal(((await page.getByTestId("verify-command").textContent()) ?? "").trim(), "guild verify 1");
    const table = page.getByRole("table", { name: "Payouts of epoch 1" });
    // The payouts load after the epoch's state: wait for them before counting.
    await table.locator("tbody tr").nth(5).waitFor();
    assert.equal(await table.locator("tbody tr").count(), 6);
    await page.getByRole("button", { name: "Sort by Recipient" }).click();
    const sorted = await table.locator("tbody tr td:first-child").allTextContents();
    assert.deepEqual(sorted, [...sorted].sort(), "sorted by recipient");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /^recipient,value_share_ppm,payout_base_units/);
    assert.ok(csv.toLowerCase().includes(dev(4).address.toLowerCase()), "the CSV has the contributor's row");
    await page.getByTestId("dispute-count").filter({ hasText: "1 dispute on 1 contribution" }).waitFor();
    await shot("epoch-report");

    await go("/");
    await page.getByRole("img", { name: /Largest payouts of epoch 1/ }).waitFor();
    await page.getByRole("img", { name: /Lorenz curve of payouts/ }).waitFor();
    await shot("overview-after-epoch");
  });

  it("lets the contributor claim in one transaction and shows it confirmed", async () => {
    await go("/claim");
    await connectAs(4);
    const claimable = (await page.getByTestId("claimable").textContent()) ?? "";
    assert.doesNotMatch(claimable, /^0 GUILD/, "the contributor has something to claim");
    await page.getByRole("button", { name: /^Claim .* GUILD$/ }).click();
    await page.getByTestId("claim-confirmed").waitFor({ timeout: 30_000 });
    await page
      .getByTestId("claimable")
      .filter({ hasText: /^0 GUILD/ })
      .waitFor();
    const balance = await chain.publicClient.readContract({
      address: guild.contracts.token,
      abi: GuildToken.abi,
      functionName: "balanceOf",
      args: [dev(4).address],
    });
    assert.ok(balance > 0n, "the claim paid the contributor on chain");
    await shot("claim");
  });

  it("lets a founder and a contributor pass a proposal that raises the cap, from proposing to executing", async () => {
    await go("/governance");
    await connectAs(1);
    const form = page.getByRole("form", { name: "Propose a change" });
    await form.getByLabel("Parameter").selectOption("setCapBps");
    await form.getByLabel(/New value/).fill("30");
    await form.getByLabel("Description").fill("Raise the per-recipient cap to 30% of the budget");
    await form.getByRole("button", { name: "Propose" }).click();
    await page.getByText("Proposed: voting opens").waitFor({ timeout: 30_000 });
    const proposal = page.getByRole("article", { name: /Raise the per-recipient cap/ });
    await proposal.getByText(/Sets the cap per recipient .* to 30%/).waitFor();

    await chain.timeTravel(guild.parameters.votingDelaySeconds + 1);
    await go("/governance");
    await connectAs(1);
    await proposal.getByRole("button", { name: "Vote for" }).click();
    await proposal.getByText("Vote for: confirmed").waitFor({ timeout: 30_000 });
    // The contributor's claim minted reputation: the epoch's work now weighs more than the founders'.
    await connectAs(4);
    await proposal.getByRole("button", { name: "Vote for" }).click();
    await proposal.getByText("Vote for: confirmed").waitFor({ timeout: 30_000 });
    await shot("governance-voting");

    await chain.timeTravel(guild.parameters.votingPeriodSeconds + 1);
    await go("/governance");
    await connectAs(2);
    await proposal.getByRole("button", { name: "Queue on the timelock" }).click();
    await proposal.getByText("Queue: confirmed").waitFor({ timeout: 30_000 });
    await chain.timeTravel(DAY + 1);
    await go("/governance");
    await connectAs(2);
    await proposal.getByRole("button", { name: "Execute" }).click();
    await proposal.getByText("Execute: confirmed").waitFor({ timeout: 30_000 });
    await go("/governance");
    await proposal.getByText("Executed").first().waitFor();
    await shot("governance-executed");
    const capBps = await chain.publicClient.readContract({
      address: guild.contracts.config,
      abi: GuildConfig.abi,
      functionName: "capBps",
    });
    assert.equal(capBps, 3000);
    await go("/");
    await page.getByTestId("cap").filter({ hasText: "30% of the budget" }).waitFor();
  });

  it("asks a juror one pair at a time and records a keyboard-only answer", async () => {
    await go("/jurors");
    await connectAs(3);
    await page.getByRole("heading", { name: /^Spot check 1 of/ }).waitFor();
    // Keyboard only: B was worth more, three times more, Enter signs (EIP-712) and the node records it.
    await page.keyboard.press("b");
    await page.keyboard.press("3");
    assert.equal(await page.getByLabel("How many times more").inputValue(), "3");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Recorded: B worth 3×" }).waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: /^Spot check 2 of/ }).waitFor();
    await shot("jurors");
  });
});
