// The epoch engine's commands as a person runs them: import, submit, epoch, report and claim, through the bin.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { runGuild as guild } from "./testing/runGuild.ts";

const ROUND = join(import.meta.dirname, "../../../shared/data/grant-round/applications.jsonl");
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;
const DAY = 86_400;
const TRACE_HINT = "  (run with --debug for the stack trace)";

const ok = (result: { code: number | null; stderr: string }) => assert.equal(result.code, 0, result.stderr);

describe("guild epoch engine commands", { concurrency: true }, () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-epoch-cli-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("a grant round from import to claims", {
    concurrency: 1,
    skip: !existsSync(ROUND) && `${ROUND} is absent (the shared data sits beside the repository)`,
  }, () => {
    const dataDir = join(dir, "round");
    const addressesFile = join(dir, "addresses.json");
    /** The first eight applications belong to dev accounts 1 to 8; the other 112 stay unmapped. */
    const applicationIds = existsSync(ROUND)
      ? readFileSync(ROUND, "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line) => (JSON.parse(line) as { id: string }).id)
      : [];

    before(async () => {
      writeFileSync(
        addressesFile,
        JSON.stringify(Object.fromEntries(applicationIds.slice(0, 8).map((id, i) => [id, dev(i + 1)]))),
      );
      ok(await guild(dataDir, "init"));
    });

    it("imports the round with the preset, into epoch 1, and a second time finds it all there", async () => {
      const imported = await guild(
        dataDir,
        ...["import", "round", ROUND, "--preset", "fil-retro-pgf-3", "--addresses", addressesFile, "--json"],
      );
      ok(imported);
      const summary = JSON.parse(imported.stdout) as {
        epochId: number;
        new: number;
        alreadyThere: number;
        mapped: number;
        unmapped: { count: number; contributors: { source: string }[] };
      };
      assert.deepEqual(
        [summary.epochId, summary.new, summary.alreadyThere, summary.mapped, summary.unmapped.count],
        [1, 120, 0, 8, 112],
      );
      assert.ok(summary.unmapped.contributors.every((u) => u.source.startsWith("round:")));

      const again = await guild(dataDir, "import", "round", ROUND, "--preset", "fil-retro-pgf-3");
      ok(again);
      // Without the addresses the eight mapped applications read as other contributions: skipped, not added.
      const [first, skipped, credited] = again.stdout.split("\n");
      assert.equal(first, "Imported applications.jsonl into epoch 1: 0 new, 112 already there (120 read)");
      assert.match(
        skipped ?? "",
        /^ {2}8 skipped: their source is already stored as another contribution \(first: ".+" in epoch 1\); a stored contribution is never imported twice or replaced$/,
      );
      assert.equal(credited, "  0 credited to an address");
    });

    it("runs the epoch up to proposed, with a progress bar on stderr, and shows its status", async () => {
      const run = await guild(dataDir, "epoch", "run");
      ok(run);
      const lines = run.stdout.split("\n");
      assert.match(lines[0] ?? "", /^epoch 1 closed under config 0x[0-9a-f]{64}$/);
      assert.equal(lines[1], "epoch 1 assessed");
      assert.match(lines[2] ?? "", /^epoch 1 allocated: root 0x[0-9a-f]{64}, report 0x[0-9a-f]{64}$/);
      assert.match(lines[3] ?? "", /^epoch 1 proposed on chain \(tx 0x[0-9a-f]{64}\)$/);
      assert.match(run.stderr, /^epoch 1: assessing \[#{30}\] 360\/360 /m);

      const status = await guild(dataDir, "epoch", "status", "--json");
      ok(status);
      const epoch = JSON.parse(status.stdout) as {
        id: number;
        state: string;
        enteredAt: Record<string, number>;
        contributions: number;
        jobs: { done: number; failed: number };
        root: string;
        reportHash: string;
        txHashes: Record<string, string>;
        onChain: { state: string; root: string; reportHash: string; challengeEndsAt: number };
      };
      assert.equal(epoch.id, 1);
      assert.equal(epoch.state, "proposed");
      assert.deepEqual(Object.keys(epoch.enteredAt).sort(), [
        "allocated",
        "assessed",
        "closed",
        "open",
        "proposed",
      ]);
      assert.equal(epoch.contributions, 120);
      assert.deepEqual(epoch.jobs, { done: 360, failed: 0, queued: 0, leased: 0 });
      assert.equal(epoch.onChain.state, "Proposed");
      assert.equal(epoch.onChain.root, epoch.root);
      assert.equal(epoch.onChain.reportHash, epoch.reportHash);
      assert.match(epoch.txHashes.propose ?? "", /^0x[0-9a-f]{64}$/);

      // Finalizing inside the challenge window is refused, saying when it ends.
      const early = await guild(dataDir, "epoch", "finalize");
      assert.equal(early.code, 1);
      const endsAt = new Date(epoch.onChain.challengeEndsAt * 1000).toISOString();
      assert.deepEqual(early.stderr.split("\n").slice(0, 3), [
        `error: epoch 1's challenge window is open until ${endsAt}`,
        "  epochId: 1",
        `  endsAt: ${epoch.onChain.challengeEndsAt}`,
      ]);
      assert.match(
        early.stdout,
        new RegExp(`^epoch 1 is proposed; its challenge window ends ${endsAt} \\(in 4 days`),
      );
    });

    it("shows a juror the pairs to judge, most informative first, and records a signed answer once", async () => {
      // Dev account 1 owns the first application: it is never asked about it.
      const pairs = await guild(dataDir, "juror", "pairs", "--count", "3", "--dev-account", "1", "--json");
      ok(pairs);
      const asked = JSON.parse(pairs.stdout) as { epochId: number; pairs: { a: string; b: string }[] };
      assert.equal(asked.epochId, 1);
      assert.equal(asked.pairs.length, 3);
      const table = await guild(dataDir, "juror", "pairs", "--count", "2", "--dev-account", "1");
      ok(table);
      assert.match(table.stdout, /^Spot checks for 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 in epoch 1/);
      const [first] = asked.pairs;
      assert.ok(first !== undefined);
      const answer = ["juror", "answer", "--a", first.a, "--b", first.b, "--winner", "b", "--times", "2.5"];
      const answered = await guild(dataDir, ...answer, "--dev-account", "1");
      ok(answered);
      assert.match(answered.stdout, /^Recorded: b was worth 2\.5× the other \(epoch 1\)/);
      const again = await guild(dataDir, ...answer, "--dev-account", "1");
      assert.equal(again.code, 1);
      assert.match(
        again.stderr,
        /^error: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 already answered the pair/,
      );
      const bad = await guild(dataDir, "juror", "answer", "--a", first.a, "--b", first.b, "--winner", "c");
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^error: --winner takes a or b, got "c"/);
    });

    it("finalizes after the window (moving the embedded clock) and prints who was paid what and why", async () => {
      const finalized = await guild(dataDir, "epoch", "finalize", "--advance-time", String(5 * DAY));
      ok(finalized);
      assert.match(finalized.stdout, /^epoch 1 finalized on chain \(tx 0x[0-9a-f]{64}\)$/m);

      const report = await guild(dataDir, "report", "1");
      ok(report);
      const lines = report.stdout.split("\n");
      assert.deepEqual(lines.slice(0, 5), [
        "Epoch 1 (finalized): 10,000.00 GUILD to 8 recipient(s) of a 10,000.00 GUILD budget",
        "  120 contribution(s); cap 20% (2,000.00 GUILD), floor 1.00 GUILD; 0.00 GUILD stays in the treasury",
        "",
        "recipient                                   value share  payout (GUILD)  reputation  notes  why",
        `${dev(2)}       14.08%        1,408.04    1,408.04         14.0805% of this epoch's value (98 value). Pro-rata share 1408045977011494252874. Paid 1408045977011494252874.`,
      ]);
      assert.ok(lines.includes("fairness              payouts  voting power"), report.stdout);
      assert.ok(lines.includes("Gini                    5.10%        14.63%"), report.stdout);
      assert.ok(
        lines.includes(
          "Not paid: 112 contributor(s) with no address when their work was imported (assessed and shown, not paid)",
        ),
      );
      assert.match(
        report.stdout,
        /\nReport: .*epoch-1\.json\n {2}keccak256 0x[0-9a-f]{64} \(the file matches; this hash goes on chain with the root\)\n$/,
      );

      // The CSV's payouts sum exactly to what the report pays, and the report file is what was hashed.
      const csv = await guild(dataDir, "report", "1", "--csv");
      ok(csv);
      const [header, ...rows] = csv.stdout.trimEnd().split("\n");
      assert.equal(header, "recipient,payout,reputation,value_share");
      assert.equal(rows.length, 8);
      const stored = JSON.parse(readFileSync(join(dataDir, "reports", "epoch-1.json"), "utf8")) as {
        allocation: { totalPaid: string };
      };
      const total = rows.reduce((sum, row) => sum + parseEther(row.split(",")[1] ?? "x"), 0n);
      assert.equal(total, BigInt(stored.allocation.totalPaid));
      const shares = rows.reduce((sum, row) => sum + Number(row.split(",")[3]), 0);
      assert.ok(Math.abs(shares - 1) < 1e-5, `value shares sum to ${shares}`);
    });

    it("claims a recipient's leaf once, and refuses a second claim and an account with no leaf", async () => {
      const claimed = await guild(dataDir, "claim", "--dev-account", "2", "--json");
      ok(claimed);
      const result = JSON.parse(claimed.stdout) as {
        account: string;
        paid: string;
        epochId: number;
        txHash: string;
      };
      assert.equal(result.account, dev(2));
      assert.equal(result.epochId, 1);
      assert.equal(result.paid, "1408045977011494252874");

      const twice = await guild(dataDir, "claim", "--account", dev(2));
      assert.equal(twice.code, 1);
      assert.deepEqual(twice.stderr.split("\n").slice(0, 5), [
        `error: ${dev(2)} has nothing to claim in epoch 1: its leaf is claimed already`,
        `  account: ${dev(2)}`,
        "  epochId: 1",
        "  leafAmount: 1,408.04 GUILD",
        "  claimed: 1,408.04 GUILD",
      ]);

      const stranger = await guild(dataDir, "claim", "--dev-account", "12");
      assert.equal(stranger.code, 1);
      assert.deepEqual(stranger.stderr.split("\n").slice(0, 2), [
        `error: ${dev(12)} has no leaf in epoch 1: it was never paid by the guild`,
        `  account: ${dev(12)}`,
      ]);
    });
  });

  describe("signed submissions and git history", { concurrency: 1 }, () => {
    const dataDir = join(dir, "submit");
    const repo = join(dir, "repo");
    before(async () => {
      makeRepository(repo);
      ok(await guild(dataDir, "init"));
    });

    it("refuses a submission with a bad link or an unknown kind, naming the problem, and accepts a good one", async () => {
      const untitled = await guild(dataDir, "submit", "--kind", "docs");
      assert.equal(untitled.code, 1);
      assert.equal(
        untitled.stderr,
        ["error: submission field title is missing", "  field: title", TRACE_HINT, ""].join("\n"),
      );

      const badLink = await guild(
        dataDir,
        "submit",
        "--kind",
        "docs",
        "--title",
        "The guide",
        "--link",
        "ftp://example.org/guide",
      );
      assert.equal(badLink.code, 1);
      assert.equal(
        badLink.stderr,
        [
          'error: submission links[0] "ftp://example.org/guide" is not an http(s) URL',
          "  index: 0",
          "  link: ftp://example.org/guide",
          TRACE_HINT,
          "",
        ].join("\n"),
      );
      assert.equal(badLink.stdout, "");

      const badKind = await guild(dataDir, "submit", "--kind", "poetry", "--title", "An ode to the treasury");
      assert.equal(badKind.code, 1);
      assert.equal(
        badKind.stderr,
        [
          'error: kind "poetry" is not one of code, docs, research, review, design, grant, other',
          "  kind: poetry",
          "  allowed: code, docs, research, review, design, grant, other",
          TRACE_HINT,
          "",
        ].join("\n"),
      );

      const accepted = await guild(
        dataDir,
        ...[
          "submit",
          "--kind",
          "docs",
          "--title",
          "Wrote the epoch guide",
          "--description",
          "How an epoch runs.",
        ],
        ...["--link", "https://example.org/guide", "--metric", "pages=4", "--dev-account", "3", "--json"],
      );
      ok(accepted);
      const submission = JSON.parse(accepted.stdout) as {
        id: string;
        epochId: number;
        contributor: string;
        stored: boolean;
      };
      assert.match(submission.id, /^0x[0-9a-f]{64}$/);
      assert.deepEqual([submission.epochId, submission.contributor, submission.stored], [1, dev(3), true]);
    });

    it("imports a local git history, and refuses a bad round file leaving nothing behind", async () => {
      const addresses = join(dir, "authors.csv");
      writeFileSync(addresses, `identity,address\nalice@example.org,${dev(4)}\n`);
      const imported = await guild(dataDir, "import", "git", repo, "--addresses", addresses);
      ok(imported);
      assert.deepEqual(imported.stdout.split("\n"), [
        `Imported ${repo} into epoch 1: 3 new, 0 already there (3 read)`,
        "  2 credited to an address",
        "  1 unmapped contributor(s) with 1 contribution(s): no address, so assessed and shown in the report but not paid",
        "    Bob (git:bob@example.org)",
        "  a stored contribution keeps its contributor: map identities with --addresses or --claims when importing (--json lists them all)",
        "",
      ]);

      const badRound = join(dir, "bad.jsonl");
      writeFileSync(badRound, '{"id":"a","title":"A","created_at":"2025-01-01"}\nnot json\n');
      const refused = await guild(
        dataDir,
        "import",
        "round",
        badRound,
        "--id",
        "id",
        "--title",
        "title",
        "--created-at",
        "created_at",
      );
      assert.equal(refused.code, 1);
      assert.deepEqual(refused.stderr.split("\n").slice(0, 2), [
        `error: ${badRound} has 1 bad line(s); nothing was imported:`,
        `  line 2: not JSON: Unexpected token 'o', "not json" is not valid JSON`,
      ]);

      // One submission and three commits: no refused submission and no line of the bad round is stored.
      const all = await guild(dataDir, "epoch", "status", "--all");
      ok(all);
      const [header, row, ...rest] = all.stdout.split("\n");
      assert.equal(
        header,
        "epoch  state  since                     contributions  jobs done  failed  root  on chain",
      );
      assert.match(
        row ?? "",
        /^ {4}1 {2}open {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z {14}4 {10}0 {7}0 {2}- {5}-$/,
      );
      assert.deepEqual(rest, [""]);
    });
  });
});

/** A small repository: two commits by Alice (mapped to an address), one by Bob (unmapped), at fixed times. */
function makeRepository(path: string): void {
  mkdirSync(path, { recursive: true });
  const T0 = 1_735_689_600; // 2025-01-01T00:00:00Z
  const git = (args: string[], name = "Alice", email = "alice@example.org", time = T0) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: path,
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: email,
        GIT_AUTHOR_DATE: `@${time} +0000`,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: email,
        GIT_COMMITTER_DATE: `@${time} +0000`,
      },
    });
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(path, file)), { recursive: true });
    writeFileSync(join(path, file), text);
  };
  git(["init", "-q", "-b", "main"]);
  write("docs/guide.md", "# Guide\n\nHow to run an epoch.\n");
  git(["add", "."]);
  git(["commit", "-q", "-m", "Write the guide"]);
  write("src/parse.ts", "export const parse = (s: string) => s.trim();\n");
  write("src/parse.test.ts", "import { parse } from './parse.ts';\n");
  git(["add", "."]);
  git(["commit", "-q", "-m", "Add the parser and its test"], "Alice", "alice@example.org", T0 + 3600);
  write("README.md", "# Project\n");
  git(["add", "."]);
  git(["commit", "-q", "-m", "Add a readme"], "Bob", "bob@example.org", T0 + 7200);
}
