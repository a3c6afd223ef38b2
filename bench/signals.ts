// Signals benchmark: what one verdict of the built-in evaluator costs on the 120 real grant applications
// (../shared/data/grant-round), the minimum over runs; writes bench/results/signals.json.
// Run with `npm run bench:signals`, or `scripts/with-node24.sh node bench/signals.ts <checkout>` to measure
// another checkout of the repository (an older commit, say) with this same script.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(process.argv[2] ?? join(import.meta.dirname, ".."));
const ROUND = join(import.meta.dirname, "..", "..", "shared", "data", "grant-round", "applications.jsonl");
const RUNS = 5;
const PASSES = 30;
const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;

const { FIL_RETRO_PGF_3_MAPPING } = await import(join(ROOT, "src/ingest/round/filRetroPgf3Mapping.ts"));
const { importRound } = await import(join(ROOT, "src/ingest/round/importRound.ts"));
const { SignalsEvaluator } = await import(join(ROOT, "src/assess/signals/signalsEvaluator.ts"));
const { DEFAULT_RUBRIC } = await import(join(ROOT, "src/core/assessment/defaultRubric.ts"));
const { deepFreeze } = await import(join(ROOT, "src/core/deepFreeze.ts"));

const { contributions } = await importRound(ROUND, FIL_RETRO_PGF_3_MAPPING, {
  epochId: 1,
  addresses: new Map(),
});
const evaluator = new SignalsEvaluator();
// Frozen, as the node holds the governed rubric: its hash is computed once.
const rubric = deepFreeze(structuredClone(DEFAULT_RUBRIC));
const perVerdict: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  for (let pass = 0; pass < PASSES; pass++) for (const c of contributions) await evaluator.assess(c, rubric);
  perVerdict.push(((performance.now() - started) * 1000) / (PASSES * contributions.length));
}
const round = (v: number) => Math.round(v * 10) / 10;
const result = {
  checkout: ROOT,
  evaluator: { id: evaluator.id, version: evaluator.version },
  applications: contributions.length,
  runs: RUNS,
  passesPerRun: PASSES,
  microsecondsPerVerdict: { min: round(Math.min(...perVerdict)), runs: perVerdict.map(round) },
  loadAverageAtStart,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
console.log(
  `${evaluator.id} ${evaluator.version} (${ROOT}): ${result.microsecondsPerVerdict.min} µs a verdict at best over ${RUNS} runs of ${contributions.length} applications × ${PASSES}`,
);
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, "signals.json");
writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
