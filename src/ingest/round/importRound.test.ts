import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import { contributionId } from "../../core/contribution/contribution.ts";
import { signIdentityClaim } from "../../core/contribution/signIdentityClaim.ts";
import { parseAddressMapping } from "../identity/addressMapping.ts";
import { FIL_RETRO_PGF_3_MAPPING } from "./filRetroPgf3Mapping.ts";
import { importRound } from "./importRound.ts";
import { InvalidRoundFile, InvalidRoundMapping, RoundFileUnreadable } from "./roundErrors.ts";
import type { RoundMapping } from "./roundMapping.ts";

const FIL_FILE = join(import.meta.dirname, "../../../../shared/data/grant-round/applications.jsonl");
const A = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const B = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;

const SMALL: RoundMapping = {
  id: "id",
  title: "name",
  text: ["summary", "impact"],
  metrics: { stars: "stars", devsTenths: { field: "devs", decimals: 1 } },
  links: ["repo", "site"],
  createdAt: "created",
};

describe("importRound on Filecoin RetroPGF 3", () => {
  it("imports all 120 applications with their metrics parsed", async () => {
    const lines = readFileSync(FIL_FILE, "utf8").trim().split("\n");
    const { contributions, unmapped } = await importRound(FIL_FILE, FIL_RETRO_PGF_3_MAPPING, { epochId: 3 });
    assert.equal(lines.length, 120);
    assert.equal(contributions.length, 120);
    assert.equal(new Set(contributions.map((c) => c.id)).size, 120);
    assert.equal(unmapped.length, 120);

    for (const [i, contribution] of contributions.entries()) {
      const application = JSON.parse(lines[i] ?? "") as Record<string, string | null>;
      assert.deepEqual(contribution.source, { kind: "round", file: FIL_FILE, applicationId: application.id });
      assert.equal(contribution.title, application.project_name);
      assert.equal(contribution.kind, "grant");
      assert.equal(contribution.createdAt, Math.floor(Date.parse(application.created_at ?? "") / 1000));
      const { id, source: _, ...content } = contribution;
      assert.equal(id, contributionId(content));
      // Every metric is there exactly when the application gives a value, and equals it (in tenths for decimals).
      for (const [name, metric] of Object.entries(FIL_RETRO_PGF_3_MAPPING.metrics)) {
        const field = typeof metric === "string" ? metric : metric.field;
        const scale = typeof metric === "string" ? 1 : 10 ** metric.decimals;
        const value = application[field];
        if (value === null || value === undefined || value === "N/A")
          assert.equal(name in contribution.metrics, false);
        else
          assert.equal(
            contribution.metrics[name],
            Math.round(Number(value) * scale),
            `${application.id} ${name}`,
          );
      }
    }

    const first = contributions[0];
    assert.ok(first);
    assert.deepEqual(first.metrics, {
      ageMonths: 16,
      packageCount: 0,
      releaseCount: 3,
      starCount: 2,
      forkCount: 0,
      contributorCount: 2,
      contributorCount6Months: 1,
      avgMonthlyActiveDevs6MonthsTenths: 2,
    });
    assert.deepEqual(first.links, [
      "https://github.com/CIDgravity/nextcloud-cidgravity-app",
      "https://apps.nextcloud.com/apps/cidgravity",
      "https://bsky.app/profile/cidgravity.bsky.social/post/3m4r7frfcnk2h",
    ]);
    assert.ok(
      first.description.startsWith(
        "## category_name\n\nTooling and Utilities\n\n## description\n\nThe CIDgravity Nextcloud App",
      ),
    );
    assert.ok(first.description.includes("\n\n## oso_code_metrics_primary_language\n\nPHP"));
    assert.equal(first.description.includes("## additional_impact"), false); // null there
    assert.equal(first.description.includes("## how_many_package_downloads"), false); // "N/A" there
    assert.deepEqual(first.contributor, {
      kind: "unmapped",
      source: "round:04075bb8-3220-4e24-85fe-91595b81548c",
      name: "CIDgravity Nextcloud App",
    });
    assert.equal(contributions[13]?.metrics.avgMonthlyActiveDevs6MonthsTenths, 143);
  });

  it("pays the applications an address mapping or a claim names", async () => {
    const [one, two] = readFileSync(FIL_FILE, "utf8")
      .split("\n")
      .map((l) => JSON.parse(l || "{}").id as string);
    const addresses = parseAddressMapping(`${one},${A}\n`, "csv", "ids.csv");
    const claim = await signIdentityClaim(
      privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
      { source: `round:${two}`, name: "second" },
      domain,
    );
    const { contributions, unmapped } = await importRound(FIL_FILE, FIL_RETRO_PGF_3_MAPPING, {
      epochId: 3,
      addresses,
      claims: { domain, signed: [claim] },
    });
    assert.deepEqual(contributions[0]?.contributor, { kind: "address", address: A });
    assert.deepEqual(contributions[1]?.contributor, { kind: "address", address: B });
    assert.equal(unmapped.length, 118);
  });
});

describe("importRound", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "guild-round-"));
  });
  after(() => rmSync(dir, { recursive: true }));
  const file = (name: string, lines: readonly string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join("\n"));
    return path;
  };

  it("maps fields, takes an address in the contributor field, skips blank lines and absent values", async () => {
    const path = file("small.jsonl", [
      JSON.stringify({
        id: 7,
        name: "Seven",
        summary: "Short.",
        impact: 12,
        stars: 40,
        devs: "1.5",
        repo: "https://x.org/7",
        site: "https://x.org/7",
        created: 1_700_000_000,
        wallet: A.toLowerCase(),
      }),
      "",
      JSON.stringify({
        id: "b",
        name: "Bee",
        summary: "  ",
        impact: null,
        stars: "N/A",
        devs: 2,
        created: "2025-01-02",
        wallet: "bee",
      }),
      "\r",
    ]);
    const { contributions, unmapped } = await importRound(
      path,
      { ...SMALL, contributor: "wallet", kind: "research" },
      { epochId: 1 },
    );
    const [seven, bee] = contributions;
    assert.deepEqual(seven && { ...seven, id: undefined }, {
      epochId: 1,
      contributor: { kind: "address", address: A },
      kind: "research",
      title: "Seven",
      description: "## summary\n\nShort.\n\n## impact\n\n12",
      links: ["https://x.org/7"],
      metrics: { stars: 40, devsTenths: 15 },
      createdAt: 1_700_000_000,
      id: undefined,
      source: { kind: "round", file: path, applicationId: "7" },
    });
    assert.deepEqual(bee?.metrics, { devsTenths: 20 });
    assert.equal(bee?.description, "");
    assert.equal(bee?.createdAt, 1_735_776_000);
    assert.deepEqual(unmapped, [{ source: "round:bee", name: "Bee", count: 1 }]);
  });

  it("refuses a file with bad lines, importing nothing and listing every bad line", async () => {
    const good = { id: "g", name: "Good", created: "2025-01-01" };
    const path = file("bad.jsonl", [
      JSON.stringify(good),
      "{not json",
      JSON.stringify({ name: "No id", created: "2025-01-01" }),
      JSON.stringify({ id: "t", created: "2025-01-01" }),
      JSON.stringify({ ...good, name: "Again" }),
      "[1, 2]",
      JSON.stringify({ ...good, id: "m", stars: "~20", devs: "0.25" }),
      JSON.stringify({ ...good, id: "l", repo: "javascript:alert(1)", created: "2025-01-01T10:00" }),
      JSON.stringify({ ...good, id: "x", name: "x".repeat(201), summary: { nested: true } }),
      JSON.stringify({ ...good, id: "ok2" }),
    ]);
    await assert.rejects(importRound(path, SMALL, { epochId: 1 }), (error: unknown) => {
      assert.ok(error instanceof InvalidRoundFile);
      assert.deepEqual(error.details.problems, [
        { line: 2, reason: `not JSON: ${jsonError("{not json")}` },
        { line: 3, field: "id", reason: "missing (or not a string or integer)" },
        { line: 4, field: "name", reason: "missing (or not a string)" },
        { line: 5, field: "id", reason: 'duplicate id "g" (first on line 1)' },
        { line: 6, reason: "not a JSON object" },
        { line: 7, field: "stars", reason: '"~20" is not an integer' },
        { line: 7, field: "devs", reason: '"0.25" is not a number with at most 1 decimal(s)' },
        { line: 8, field: "repo", reason: '"javascript:alert(1)" is not an http(s) URL' },
        { line: 8, field: "created", reason: "is not a date (ISO 8601 with a zone, or unix seconds)" },
        { line: 9, field: "summary", reason: "is not text" },
        { line: 9, reason: "title is 201 characters, more than the 200 allowed" },
      ]);
      assert.match(error.message, /has 8 bad line\(s\); nothing was imported:\n {2}line 2: not JSON/);
      return true;
    });
  });

  it("needs a createdAt field or a default, and uses the default where the field is absent", async () => {
    const path = file("dates.jsonl", [
      JSON.stringify({ id: "a", name: "A" }),
      JSON.stringify({ id: "b", name: "B", created: 5 }),
    ]);
    const { createdAt: _, ...noDate } = SMALL;
    await assert.rejects(importRound(path, noDate, { epochId: 1 }), InvalidRoundMapping);
    const { contributions } = await importRound(path, SMALL, { epochId: 1, createdAt: 99 });
    assert.deepEqual(
      contributions.map((c) => c.createdAt),
      [99, 5],
    );
    await assert.rejects(importRound(path, SMALL, { epochId: 1 }), (error: unknown) => {
      assert.ok(error instanceof InvalidRoundFile);
      assert.deepEqual(error.details.problems, [
        { line: 1, field: "created", reason: "missing, and no default createdAt was given" },
      ]);
      return true;
    });
  });

  it("refuses a missing file and an address with a bad checksum", async () => {
    await assert.rejects(importRound(join(dir, "missing.jsonl"), SMALL, { epochId: 1 }), RoundFileUnreadable);
    const bad = A.replace("f39F", "f39f");
    const path = file("checksum.jsonl", [JSON.stringify({ id: "a", name: "A", created: 1, wallet: bad })]);
    await assert.rejects(importRound(path, { ...SMALL, contributor: "wallet" }, { epochId: 1 }), {
      name: "InvalidRoundFile",
      message: new RegExp(`wallet: ${bad} is an address with a bad checksum`),
    });
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}
