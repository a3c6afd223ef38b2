// Calibration benchmark on the Deep Funding trial (../shared/data/deepfunding): pairwise accuracy and Deep
// Funding's cost on held-out jurors (cross-validated by juror), for Guild's fits and for the three submitted
// models' weights scored on the same held-out pairs; writes bench/results/calibration.json.
// Run with `npm run bench:calibration` (or `scripts/with-node24.sh node bench/calibration.ts`).
// Data: Deep Funding L1 trial (davidgasquez/deepfunding-trial-data-analysis, data/pairs.csv; model submissions),
// repository stats from deepfunding/dependency-graph (MIT).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../src/cli/commands/allocateCsv.ts";
import { itemKey } from "../src/cli/commands/allocateItemKey.ts";
import { readItems } from "../src/cli/commands/allocateItems.ts";
import { readJurorPairs } from "../src/cli/commands/allocatePairs.ts";
import { calibrate } from "../src/core/calibration/calibrate.ts";
import type { CrossValidation } from "../src/core/calibration/crossValidateByJuror.ts";
import { crossValidateByJuror } from "../src/core/calibration/crossValidateByJuror.ts";
import { fitBradleyTerry } from "../src/core/calibration/fitBradleyTerry.ts";
import type { JurorPair, LogWeights } from "../src/core/calibration/jurorPair.ts";
import { kendallTau } from "../src/core/calibration/kendallTau.ts";
import { logFeatures } from "../src/core/calibration/logFeatures.ts";
import { spearman } from "../src/core/calibration/spearman.ts";

const DATA = join(import.meta.dirname, "..", "..", "shared", "data", "deepfunding");
const FOLDS = 5;
const TARGET = 0.78;
const MODELS = ["model_arbitron.csv", "model_composite_model.csv", "model_final_seer_weights.csv"] as const;
const log = (text: string) => process.stderr.write(`${text}\n`);
const started = performance.now();

// The items and pairs exactly as `guild allocate` reads them (ids matched by itemKey).
const items = await readItems(join(DATA, "trial-repos.csv"), "url");
const { pairs } = await readJurorPairs(join(DATA, "juror-pairs.csv"), new Set(items.keys), "trial-repos.csv");
const keys = items.keys;
const jurors = new Set(pairs.map((p) => p.juror));

/** A submitted model's log-weights by item key; every trial repository must be there, spelled to match. */
function readModel(file: string): Map<string, number> {
  const parsed = parseCsv(readFileSync(join(DATA, file), "utf8"));
  if ("problem" in parsed) throw new Error(`${file}:${parsed.problem.line}: ${parsed.problem.reason}`);
  const [header, ...rows] = parsed.records;
  const repo = header?.fields.indexOf("repo") ?? -1;
  const weight = header?.fields.indexOf("weight") ?? -1;
  if (repo < 0 || weight < 0) throw new Error(`${file}: no repo or weight column`);
  const out = new Map<string, number>();
  const stripped: string[] = [];
  for (const row of rows) {
    const key = itemKey(row.fields[repo] ?? "");
    const text = (row.fields[weight] ?? "").trim();
    // One value in final_seer has a stray trailing "C".
    const clean = text.replace(/C$/, "");
    if (clean !== text) stripped.push(`line ${row.line}: ${text}`);
    const value = Number(clean);
    if (!(value > 0)) throw new Error(`${file}:${row.line}: weight ${text} is not a positive number`);
    if (!keys.includes(key))
      throw new Error(`${file}:${row.line}: ${row.fields[repo]} is not a trial repository`);
    out.set(key, Math.log(value));
  }
  const missing = keys.filter((k) => !out.has(k));
  if (missing.length > 0) throw new Error(`${file}: no weight for ${missing.join(", ")}`);
  if (stripped.length > 0) log(`${file}: stripped a trailing C from ${stripped.join("; ")}`);
  return out;
}
const models = Object.fromEntries(MODELS.map((f) => [f.replace(/^model_|\.csv$/g, ""), readModel(f)]));

// Features for the fits: the trial repositories' numeric columns (20 of 45 have them), as guild allocate uses.
const metrics = logFeatures(items.metrics);
const noFeatures = keys.map(() => []);
// The submitted models as evaluators: each model's log-weights, centred and scaled to unit deviation.
const modelNames = Object.keys(models);
const modelColumns = modelNames.map((name) => {
  const values = keys.map((k) => models[name]?.get(k) ?? 0);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return values.map((v) => (v - mean) / sd);
});
const modelFeatures = keys.map((_, i) => modelColumns.map((col) => col[i] as number));
const meanOfModels = new Map(
  keys.map((k) => [k, modelNames.reduce((s, n) => s + (models[n]?.get(k) ?? 0), 0) / modelNames.length]),
);

interface Method {
  name: string;
  description: string;
  /** Fits on training pairs only (fixed models ignore them). */
  fit: (training: JurorPair[]) => LogWeights;
  fitted: boolean;
}
const nested = (features: readonly (readonly number[])[]) => (training: JurorPair[]) =>
  calibrate(keys, features, training, { folds: FOLDS }).logWeights;
const methods: Method[] = [
  {
    name: "guild pairs + metrics prior",
    description:
      "what `guild allocate --pairs` does: Deep Funding log-ratio least squares with a ridge toward a prior fitted from the repositories' numeric metrics (nonnegative weights); ridge and log-ratio clip chosen by 5-fold juror cross-validation inside the training jurors",
    fit: nested(metrics.rows),
    fitted: true,
  },
  {
    name: "guild pairs only",
    description:
      "Deep Funding log-ratio least squares, ridge toward equal weights; settings chosen inside the training jurors",
    fit: nested(noFeatures),
    fitted: true,
  },
  {
    name: "guild Bradley-Terry",
    description: "Bradley–Terry maximum likelihood of who won, ridge 1 (fixed, not tuned)",
    fit: (training) => fitBradleyTerry(keys, training, { ridge: 1 }),
    fitted: true,
  },
  {
    name: "guild ensemble of submitted models",
    description:
      "the three submitted models as evaluators: nonnegative weights on their log-weights plus the pairs' correction, fitted to the training jurors; settings chosen inside the training jurors",
    fit: nested(modelFeatures),
    fitted: true,
  },
  {
    name: "mean of submitted models",
    description: "the three models' log-weights averaged, nothing fitted (a reference, not a submission)",
    fit: () => meanOfModels,
    fitted: false,
  },
  ...modelNames.map((name) => ({
    name: `submitted ${name}`,
    description: `model_${name}.csv as submitted, scored on the same held-out pairs`,
    fit: () => models[name] as LogWeights,
    fitted: false,
  })),
];

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;
const summary = (cv: CrossValidation) => ({
  accuracy: round(cv.accuracy),
  cost: round(cv.cost, 2),
  meanCost: round(cv.meanCost, 3),
  pairs: cv.pairs,
  folds: cv.folds.map((f) => ({
    jurors: f.jurors,
    pairs: f.pairs,
    accuracy: round(f.accuracy),
    ties: f.ties,
    cost: round(f.cost, 2),
    meanCost: round(f.meanCost, 3),
  })),
});

const results = methods.map((m) => {
  log(`${m.name}…`);
  const kFold = crossValidateByJuror(pairs, FOLDS, m.fit);
  const leaveOneOut = crossValidateByJuror(pairs, jurors.size, m.fit);
  return {
    name: m.name,
    description: m.description,
    heldOut5Fold: summary(kFold),
    leaveOneJurorOut: { accuracy: round(leaveOneOut.accuracy), meanCost: round(leaveOneOut.meanCost, 3) },
  };
});

// How two jurors agree when they judged the same pair of repositories: every two judgments of one pair.
let agreeing = 0;
let comparisons = 0;
const byPair = new Map<string, JurorPair[]>();
for (const p of pairs) {
  const key = [p.a, p.b].sort().join(" ");
  byPair.set(key, [...(byPair.get(key) ?? []), p]);
}
for (const group of byPair.values()) {
  const winners = group.map((p) => (p.winner === "a" ? p.a : p.b));
  for (let i = 0; i < winners.length; i++)
    for (let j = i + 1; j < winners.length; j++) {
      if (group[i]?.juror === group[j]?.juror) continue;
      comparisons++;
      if (winners[i] === winners[j]) agreeing++;
    }
}

// Ours fitted on every pair, compared with each model's ranking of the 45 repositories.
const full = calibrate(keys, metrics.rows, pairs, { folds: FOLDS });
const ours = keys.map((k) => full.logWeights.get(k) ?? 0);
const agreement = Object.fromEntries(
  modelNames.map((name) => {
    const theirs = keys.map((k) => models[name]?.get(k) ?? 0);
    return [
      name,
      { spearman: round(spearman(ours, theirs), 3), kendallTau: round(kendallTau(ours, theirs), 3) },
    ];
  }),
);

// The primary figure is declared before looking: what `guild allocate --pairs` does. The others are context.
const primary = results[0] as (typeof results)[number];
const result = {
  data: "Deep Funding L1 trial: davidgasquez/deepfunding-trial-data-analysis (data/pairs.csv, model submissions); repository stats deepfunding/dependency-graph (MIT)",
  repositories: keys.length,
  pairs: pairs.length,
  jurors: jurors.size,
  folds: FOLDS,
  foldRule:
    "jurors by pair count, most first, each into the fold with the fewest pairs; every pair held out once",
  accuracyRule:
    "share of held-out pairs whose stated winner has the higher weight; equal weights count half; pooled over folds",
  costRule:
    "Deep Funding's cost Σ (ln w_b − ln w_a − ln-ratio)² over held-out pairs, unclipped; meanCost per pair",
  jurorAgreement: { sameItemPairJudgments: comparisons, agreement: round(agreeing / comparisons) },
  target: TARGET,
  primary: {
    name: primary.name,
    accuracy: primary.heldOut5Fold.accuracy,
    meanCost: primary.heldOut5Fold.meanCost,
    meetsTarget: primary.heldOut5Fold.accuracy >= TARGET,
  },
  methods: results,
  fullFit: {
    ridge: Number.isFinite(full.ridge) ? full.ridge : null,
    maxLogRatio: Number.isFinite(full.maxLogRatio) ? round(full.maxLogRatio, 3) : null,
    priorWeights: Object.fromEntries(
      metrics.kept.map((j, i) => [items.metricNames[j], round(full.featureWeights[i] ?? 0, 3)]),
    ),
    rankAgreementWithModels: agreement,
  },
  seconds: round((performance.now() - started) / 1000, 2),
  node: process.version,
  measuredAt: new Date().toISOString(),
};

const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);
console.log(
  `\nHeld-out jurors, ${FOLDS}-fold by juror (${pairs.length} pairs, ${jurors.size} jurors; two jurors on one pair agree ${pct(result.jurorAgreement.agreement).trim()})`,
);
console.log(
  `${"method".padEnd(38)} ${"accuracy".padStart(8)}  ${"cost/pair".padStart(9)}   ${"per fold".padEnd(FOLDS * 7)}   leave one juror out`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(38)} ${pct(r.heldOut5Fold.accuracy).padStart(8)}  ${r.heldOut5Fold.meanCost.toFixed(3).padStart(9)}   ${r.heldOut5Fold.folds.map((f) => pct(f.accuracy)).join("")}   ${pct(r.leaveOneJurorOut.accuracy)} ${r.leaveOneJurorOut.meanCost.toFixed(3)}`,
  );
}
console.log(
  `\nTarget ≥ ${pct(TARGET).trim()} on held-out jurors for ${primary.name} (what guild allocate does): ${result.primary.meetsTarget ? "met" : "NOT met"}, ${pct(primary.heldOut5Fold.accuracy).trim()}; ${result.seconds} s`,
);

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, "calibration.json");
writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
