// `guild allocate` as an operator runs it: on the real Deep Funding and grant-round files, and on bad input.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "guild.js");
const DATA = join(import.meta.dirname, "..", "..", "..", "..", "shared", "data");
const TRIAL = join(DATA, "deepfunding", "trial-repos.csv");
const PAIRS = join(DATA, "deepfunding", "juror-pairs.csv");
const APPLICATIONS = join(DATA, "grant-round", "applications.jsonl");

const guild = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, "allocate", ...args], {
    encoding: "utf8",
    env: { ...process.env, GUILD_RPC_URL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** The same, without waiting: bad-input cases run side by side. */
const guildAsync = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [BIN, "allocate", ...args],
      { encoding: "utf8", env: { ...process.env, GUILD_RPC_URL: "" } },
      (error, stdout, stderr) => done({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });

/** The id,amount rows of an allocation file, checked for its header. */
function readAllocation(file: string): { id: string; amount: bigint }[] {
  const [header, ...rows] = readFileSync(file, "utf8").trimEnd().split("\n");
  assert.equal(header, "id,amount");
  return rows.map((row) => {
    const comma = row.lastIndexOf(",");
    return { id: row.slice(0, comma), amount: BigInt(row.slice(comma + 1)) };
  });
}
const sum = (rows: { amount: bigint }[]) => rows.reduce((s, r) => s + r.amount, 0n);

describe("guild allocate", { concurrency: 2 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-allocate-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("splits a budget by jurors' pairs, the one they favour getting more, and prints a summary", () => {
    const items = file("items.csv", 'id,stars,note\nalpha,10,"a, quoted note"\nbeta,,plain\ngamma,1000,""\n');
    const pairs = file(
      "pairs.csv",
      [
        "timestamp,juror,repo_a,repo_b,parent,choice,multiplier",
        "t,j1,alpha,beta,p,1,4",
        "t,j2,beta,alpha,p,2,3",
        "t,j1,gamma,beta,p,1,2",
        "",
      ].join("\n"),
    );
    const out = join(dir, "small.csv");
    const run = guild("--items", items, "--pairs", pairs, "--budget", "1000", "--out", out);
    assert.equal(run.code, 0, run.stderr);
    const rows = readAllocation(out);
    assert.deepEqual(
      rows.map((r) => r.id),
      ["alpha", "beta", "gamma"],
    );
    assert.equal(sum(rows), 1000n);
    const amount = (id: string) => rows.find((r) => r.id === id)?.amount ?? -1n;
    assert.ok(amount("alpha") > amount("beta") && amount("gamma") > amount("beta"));
    // What the operator reads, whole: a change to it is a visible decision.
    assert.equal(
      run.stdout,
      [
        "Allocated 1000 over 3 item(s) of items.csv, valued by 3 juror pair(s) from 2 juror(s) in pairs.csv, with a prior from stars",
        "  every item appears in a pair",
        "  fit: ridge 0.3, juror log-ratios clipped at ±ln 4 (4×), chosen by 2-fold cross-validation by juror",
        "  held-out jurors: pairwise accuracy 100.0%, Deep Funding cost 0.082 per pair (the figures the setting was chosen on)",
        "  in sample: pairwise accuracy 100.0%, Deep Funding cost 0.018 per pair over 3 pairs",
        "  prior weights (per standard deviation of the log metric): stars 0.000",
        "",
        "rank  id      share  amount",
        "   1  alpha  51.85%     518",
        "   2  gamma  31.90%     319",
        "   3  beta   16.25%     163",
        "",
        "Sum check: the 3 amounts sum to 1000, the budget exactly.",
        `Wrote ${out} (id,amount)`,
        "",
      ].join("\n"),
    );
  });

  it("runs on the Deep Funding trial repositories with the jurors' pairs (--json)", {
    skip: !existsSync(PAIRS) && "no ../shared/data",
  }, () => {
    const out = join(dir, "trial.csv");
    const run = guild(
      "--items",
      TRIAL,
      "--id-column",
      "url",
      "--pairs",
      PAIRS,
      "--budget",
      "1000000000000000000000",
      "--out",
      out,
      "--json",
    );
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as {
      items: number;
      total: string;
      sumMatchesBudget: boolean;
      valuedBy: string;
      calibration: { pairs: number; jurors: number; inSampleAccuracy: number; heldOutAccuracy: number };
      allocations: { id: string; amount: string }[];
    };
    assert.equal(result.items, 45);
    assert.equal(result.valuedBy, "pairs");
    assert.equal(result.total, "1000000000000000000000");
    assert.equal(result.sumMatchesBudget, true);
    assert.equal(result.calibration.pairs, 403);
    assert.equal(result.calibration.jurors, 25);
    assert.ok(result.calibration.heldOutAccuracy > 0.7 && result.calibration.inSampleAccuracy > 0.75);
    const rows = readAllocation(out);
    assert.equal(rows.length, 45);
    assert.equal(sum(rows), 10n ** 21n);
    assert.ok(
      rows.every((r) => r.amount > 0n),
      "every repository (blank metrics or not) gets a share",
    );
  });

  it("values the trial repositories by their metrics without pairs, blanks as average", {
    skip: !existsSync(TRIAL) && "no ../shared/data",
  }, () => {
    const out = join(dir, "metrics.csv");
    const run = guild("--items", TRIAL, "--id-column", "url", "--budget", "999", "--out", out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /valued by 7 numeric metric\(s\): star_count, fork_count, gitcoin_grants_usd/);
    assert.match(run.stdout, /25 item\(s\) have none of them and get the average weight/);
    const rows = readAllocation(out);
    assert.equal(sum(rows), 999n);
    assert.equal(rows[0]?.id, "https://github.com/a16z/helios");
  });

  it("values the grant round's applications with the signals evaluator", {
    skip: !existsSync(APPLICATIONS) && "no ../shared/data",
  }, () => {
    const out = join(dir, "round.csv");
    const run = guild("--items", APPLICATIONS, "--budget", "1000003", "--out", out, "--json");
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as {
      valuedBy: string;
      signals: { evaluator: { id: string } };
      allocations: { name?: string }[];
    };
    assert.equal(result.valuedBy, "signals");
    assert.equal(result.signals.evaluator.id, "guild/signals");
    assert.ok(result.allocations.every((a) => typeof a.name === "string"));
    const rows = readAllocation(out);
    assert.equal(rows.length, 120);
    assert.equal(sum(rows), 1000003n);
    const amounts = rows.map((r) => r.amount);
    assert.ok(
      amounts.some((a) => a !== amounts[0]),
      "scores differ, so amounts do",
    );
  });

  it("names the file, line and column of bad input, and writes nothing", async () => {
    const items = file("ok.csv", "id,stars\nhttps://github.com/A/B,1\nc,2\n");
    const cases: (() => Promise<void>)[] = [];
    const refused = (args: string[], pattern: RegExp) => {
      const out = join(dir, `never-${cases.length}.csv`);
      cases.push(async () => {
        const run = await guildAsync(...args, "--out", out);
        assert.equal(run.code, 1, run.stdout);
        assert.match(run.stderr, pattern);
        assert.ok(!existsSync(out), "an output file was left behind");
      });
    };
    refused(
      ["--items", file("noid.csv", "url,stars\nx,1\n"), "--budget", "1"],
      /^error: .*noid\.csv:1 \(id\): no "id" column: the columns are url, stars \(name the id column with --id-column\)\n/,
    );
    refused(
      [
        "--items",
        file("dup.csv", "id,stars\nhttps://github.com/A/B,1\nc,2\nhttp://www.github.com/a/b/,3\n"),
        "--budget",
        "1",
      ],
      /^error: .*dup\.csv:4:1 \(id\): duplicate id "http:\/\/www\.github\.com\/a\/b\/": first on line 2 \(spelled "https:\/\/github\.com\/A\/B" there\)\n/,
    );
    refused(
      ["--items", file("bad.jsonl", '{"id":"a"}\n\n{"id":\n'), "--budget", "1"],
      /^error: .*bad\.jsonl:3: not JSON: /,
    );
    refused(
      ["--items", file("ragged.csv", "id,stars\na,1\nb\n"), "--budget", "1"],
      /^error: .*ragged\.csv:3: has 1 field\(s\), the header has 2\n/,
    );
    refused(
      [
        "--items",
        items,
        "--budget",
        "1",
        "--pairs",
        file(
          "unknown.csv",
          "juror,repo_a,repo_b,choice,multiplier\nj,c,https://github.com/a/b,1,2\nj,c,d,2,2\n",
        ),
      ],
      /^error: .*unknown\.csv:3:3 \(repo_b\): "d" is not an item of .*ok\.csv\n {2}file: /,
    );
    refused(
      [
        "--items",
        items,
        "--budget",
        "1",
        "--pairs",
        file("choice.csv", "juror,repo_a,repo_b,choice,multiplier\nj,c,https://github.com/a/b,3,2\n"),
      ],
      /^error: .*choice\.csv:2:4 \(choice\): choice must be 1 \(repo_a\) or 2 \(repo_b\), got "3"\n/,
    );
    refused(
      [
        "--items",
        items,
        "--budget",
        "1",
        "--pairs",
        file("mult.csv", "juror,repo_a,repo_b,choice,multiplier\nj,c,https://github.com/a/b,1,0.5\n"),
      ],
      /^error: .*mult\.csv:2:5 \(multiplier\): the multiplier must be a number ≥ 1 \(how many times more\), got "0\.5"\n/,
    );
    refused(
      ["--items", items, "--budget", "1", "--pairs", file("cols.csv", "juror,a,b,choice,multiplier\n")],
      /^error: .*cols\.csv:1 \(repo_a\): no "repo_a", "repo_b" column/,
    );
    for (const budget of ["-5", "1.5", "ten", ""])
      refused(
        ["--items", items, `--budget=${budget}`],
        /^error: (--budget takes a whole number of base units ≥ 0, got|guild allocate needs --budget)/,
      );
    refused(
      ["--items", join(dir, "missing.csv"), "--budget", "1"],
      /^error: cannot read the items file .*missing\.csv: ENOENT/,
    );
    refused(
      ["--items", items, "--budget", "1", "--pairs", join(dir, "gone.csv")],
      /^error: cannot read the pairs file .*gone\.csv/,
    );
    refused(
      ["--items", items, "--budget", "1", "--evaluator", "signals"],
      /^error: --evaluator signals reads grant round applications/,
    );
    refused(["--budget", "1"], /^error: guild allocate needs --items <file>/);
    // Four at a time: quicker than one by one, without a process per case at once.
    const workers = Array.from({ length: 4 }, async () => {
      for (let next = cases.shift(); next !== undefined; next = cases.shift()) await next();
    });
    await Promise.all(workers);
  });

  it("values by numeric columns only, leaving out identifiers and text", () => {
    const items = file(
      "mixed.jsonl",
      [
        '{"id":1,"account_id":"123","paid":"10","stars":5,"lang":"Go","huge":"12345678901234567890"}',
        '{"id":2,"account_id":"456","paid":"N/A","stars":500,"lang":"Rust","huge":"2"}',
        "",
      ].join("\n"),
    );
    const run = guild("--items", items, "--budget", "7", "--out", join(dir, "mixed.csv"), "--json");
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { metrics: string[]; valuedBy: string };
    assert.deepEqual(result.metrics, ["paid", "stars"]);
    assert.equal(result.valuedBy, "metrics");
    assert.deepEqual(readAllocation(join(dir, "mixed.csv")), [
      { id: "1", amount: 1n },
      { id: "2", amount: 6n },
    ]);
  });

  it("refuses to write over an input file", () => {
    const items = file("self.csv", "id,stars\na,1\n");
    const run = guild("--items", items, "--budget", "5", "--out", items);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is an input file: it would be overwritten/);
    assert.equal(readFileSync(items, "utf8"), "id,stars\na,1\n");
  });
});
