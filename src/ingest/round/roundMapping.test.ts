import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { FIL_RETRO_PGF_3_MAPPING } from "./filRetroPgf3Mapping.ts";
import { readRoundMapping } from "./readRoundMapping.ts";
import { InvalidRoundMapping } from "./roundErrors.ts";
import { parseRoundMapping } from "./roundMapping.ts";
import { roundMappingFromFlags } from "./roundMappingFromFlags.ts";

describe("parseRoundMapping", () => {
  it("accepts the Filecoin RetroPGF 3 mapping as JSON", () => {
    assert.deepEqual(
      parseRoundMapping(JSON.parse(JSON.stringify(FIL_RETRO_PGF_3_MAPPING)), "fil.json"),
      FIL_RETRO_PGF_3_MAPPING,
    );
    assert.deepEqual(parseRoundMapping({ id: "i", title: "t" }, "m"), {
      id: "i",
      title: "t",
      text: [],
      metrics: {},
    });
  });

  it("names the entry at fault", () => {
    const cases: [unknown, string][] = [
      [[], "(mapping)"],
      [{ title: "t" }, "id"],
      [{ id: "i", title: "" }, "title"],
      [{ id: "i", title: "t", text: "description" }, "text"],
      [{ id: "i", title: "t", text: ["a", 3] }, "text[1]"],
      [{ id: "i", title: "t", metrics: ["stars"] }, "metrics"],
      [{ id: "i", title: "t", metrics: { stars: 3 } }, "metrics.stars"],
      [{ id: "i", title: "t", metrics: { devs: { field: "d", decimals: 1.5 } } }, "metrics.devs.decimals"],
      [
        { id: "i", title: "t", metrics: { devs: { field: "d", decimals: 1, scale: 2 } } },
        "metrics.devs.scale",
      ],
      [{ id: "i", title: "t", kind: "art" }, "kind"],
      [{ id: "i", title: "t", wallet: "w" }, "wallet"],
      [
        {
          id: "i",
          title: "t",
          metrics: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`m${i}`, "f"])),
        },
        "metrics",
      ],
    ];
    for (const [value, field] of cases) {
      assert.throws(
        () => parseRoundMapping(value, "m.json"),
        (error: unknown) => {
          assert.ok(error instanceof InvalidRoundMapping);
          assert.equal(error.details.field, field);
          return true;
        },
      );
    }
  });
});

describe("readRoundMapping and roundMappingFromFlags", () => {
  it("reads a JSON mapping file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guild-mapping-"));
    try {
      writeFileSync(join(dir, "m.json"), JSON.stringify(FIL_RETRO_PGF_3_MAPPING));
      writeFileSync(join(dir, "bad.json"), "{");
      assert.deepEqual(await readRoundMapping(join(dir, "m.json")), FIL_RETRO_PGF_3_MAPPING);
      await assert.rejects(readRoundMapping(join(dir, "bad.json")), InvalidRoundMapping);
      await assert.rejects(readRoundMapping(join(dir, "missing.json")), InvalidRoundMapping);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("builds a mapping from flags", () => {
    assert.deepEqual(
      roundMappingFromFlags({
        id: "id",
        title: "project_name",
        text: ["description"],
        metric: [
          "stars=oso_code_metrics_star_count",
          "devsTenths=oso_code_metrics_avg_monthly_active_devs_6_months:1",
        ],
        link: ["github_url"],
        kind: "research",
      }),
      {
        id: "id",
        title: "project_name",
        text: ["description"],
        metrics: {
          stars: "oso_code_metrics_star_count",
          devsTenths: { field: "oso_code_metrics_avg_monthly_active_devs_6_months", decimals: 1 },
        },
        links: ["github_url"],
        kind: "research",
      },
    );
    assert.throws(
      () => roundMappingFromFlags({ id: "i", title: "t", metric: ["stars"] }),
      InvalidRoundMapping,
    );
    assert.throws(
      () => roundMappingFromFlags({ id: "i", title: "t", metric: ["a=b", "a=c"] }),
      InvalidRoundMapping,
    );
    assert.throws(() => roundMappingFromFlags({ id: "i", title: "t", kind: "art" }), {
      message: "round mapping flags: kind must be one of code, docs, research, review, design, grant, other",
    });
  });
});
