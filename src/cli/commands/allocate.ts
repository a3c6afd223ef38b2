// `guild allocate`: an offline what-if split of a budget over items, valued by their metrics, the signals
// evaluator or jurors' pairwise comparisons, written as an id,amount CSV that sums to the budget exactly.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { splitExact } from "../../core/allocation/splitExact.ts";
import type { Calibration } from "../../core/calibration/calibrate.ts";
import { calibrate } from "../../core/calibration/calibrate.ts";
import { deepFundingCost } from "../../core/calibration/deepFundingCost.ts";
import { logFeatures } from "../../core/calibration/logFeatures.ts";
import { pairwiseAccuracy } from "../../core/calibration/pairwiseAccuracy.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { renderTable } from "../table.ts";
import { OutputFileUnwritable } from "./allocateErrors.ts";
import type { ItemTable } from "./allocateItems.ts";
import { readItems } from "./allocateItems.ts";
import type { PairTable } from "./allocatePairs.ts";
import { readJurorPairs } from "./allocatePairs.ts";
import type { SignalsValues } from "./allocateSignals.ts";
import { ROUND_FIELDS, signalsValues } from "./allocateSignals.ts";
import { InvalidArgument } from "./init.ts";

export const allocateHelp = `guild allocate --items <file> --budget <n> --out <file.csv> [--pairs <file.csv>] [options]

Splits a budget over items offline, as a what-if: nothing is stored, signed or sent.

  --items <file>        the items: CSV with a header, or JSON Lines (.jsonl); one item a row, with an id
  --id-column <name>    the column (or JSON key) holding each item's id (default id); URLs match loosely
                        (case, scheme, www., trailing / and .git ignored), other ids exactly
  --budget <n>          the amount to split, a whole number of base units
  --out <file.csv>      where to write id,amount (items in file order; the amounts sum to the budget exactly)
  --pairs <file.csv>    jurors' comparisons in Deep Funding's format
                        (timestamp,juror,repo_a,repo_b,parent,choice,multiplier; choice 1: repo_a deserves
                        more, 2: repo_b; multiplier: how many times more)
  --evaluator <e>       what values the items before (or without) pairs: auto (default), signals, metrics
  --top <n>             how many items the summary lists (default 10)

Without --pairs, items are valued by
  signals   the built-in signals evaluator (guild/signals, default rubric): for a grant round in the
            Filecoin RetroPGF 3 format (JSON Lines with project_name and description, as
            guild import round --preset fil-retro-pgf-3 reads it); an item's share is its overall score's
  metrics   every numeric column (blanks allowed): each as a standardised log, averaged; a blank counts as
            average; an item's weight is e to that average. With no numeric column, shares are equal.
auto is signals for such a grant round file and metrics otherwise.
With --pairs, items get log-weights fitted to the jurors (Deep Funding's log-ratio least squares), pulled
toward a prior made of the same metrics (and the signals score), whose nonnegative weights are fitted too;
the fit's settings are chosen by cross-validation by juror. Items no pair names keep their prior.`;

interface Allocation {
  id: string;
  /** The item's name from the file (project_name, name or title), when it has one. */
  name?: string;
  share: number;
  amount: bigint;
}

export async function allocateCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      items: { type: "string" },
      pairs: { type: "string" },
      budget: { type: "string" },
      out: { type: "string" },
      "id-column": { type: "string", default: "id" },
      evaluator: { type: "string", default: "auto" },
      top: { type: "string", default: "10" },
    },
  });
  globalOptions(values);
  if (positionals.length > 0)
    throw new InvalidArgument(`unexpected argument "${positionals[0]}"`, { argument: positionals[0] });
  const itemsFile = required(values.items, "--items", "<file>");
  const outFile = required(values.out, "--out", "<file.csv>");
  const budget = parseBudget(required(values.budget, "--budget", "<n>"));
  const idColumn = values["id-column"];
  const evaluatorFlag = values.evaluator;
  if (evaluatorFlag !== "auto" && evaluatorFlag !== "signals" && evaluatorFlag !== "metrics")
    throw new InvalidArgument(`--evaluator takes auto, signals or metrics, got "${evaluatorFlag}"`, {
      flag: "--evaluator",
      value: evaluatorFlag,
    });
  if (!/^[1-9]\d{0,5}$/.test(values.top))
    throw new InvalidArgument(`--top takes a whole number ≥ 1, got "${values.top}"`, {
      flag: "--top",
      value: values.top,
    });
  const top = Number(values.top);
  for (const input of [itemsFile, values.pairs]) {
    if (input !== undefined && resolve(input) === resolve(outFile))
      throw new InvalidArgument(`--out ${outFile} is an input file: it would be overwritten`, {
        out: outFile,
      });
  }

  const items = await readItems(itemsFile, idColumn);
  const isRound = items.format === "jsonl" && ROUND_FIELDS.every((f) => items.fields.includes(f));
  if (evaluatorFlag === "signals" && !isRound)
    throw new InvalidArgument(
      `--evaluator signals reads grant round applications (JSON Lines with ${ROUND_FIELDS.join(" and ")}); ${itemsFile} is not one`,
      { flag: "--evaluator", items: itemsFile },
    );
  const useSignals = evaluatorFlag === "signals" || (evaluatorFlag === "auto" && isRound);
  const pairTable =
    values.pairs === undefined
      ? undefined
      : await readJurorPairs(values.pairs, new Set(items.keys), itemsFile);
  const signals = useSignals ? await signalsValues(itemsFile, idColumn) : undefined;

  const valuation = valueItems(items, signals, pairTable);
  const units = toUnits(valuation.weights);
  const amounts = splitExact(budget, units);
  const totalUnits = units.reduce((s, u) => s + u, 0n);
  const allocations: Allocation[] = items.ids.map((id, i) => ({
    id,
    ...(items.labels[i] === undefined ? {} : { name: items.labels[i] }),
    share: totalUnits === 0n ? 0 : Number(((units[i] as bigint) * 1_000_000_000n) / totalUnits) / 1e9,
    amount: amounts[i] as bigint,
  }));
  const total = amounts.reduce((s, a) => s + a, 0n);
  writeAllocation(outFile, allocations);

  const result = {
    items: items.ids.length,
    itemsFile,
    budget,
    total,
    sumMatchesBudget: total === budget,
    valuedBy: valuation.valuedBy,
    metrics: items.metricNames,
    ...(signals === undefined ? {} : { signals: { evaluator: signals.evaluator, flags: signals.flags } }),
    ...(valuation.calibration === undefined ? {} : { calibration: valuation.calibration }),
    out: outFile,
    allocations,
  };
  out.result(result, () => {
    out.line(
      `Allocated ${budget} over ${items.ids.length} item(s) of ${basename(itemsFile)}, valued by ${valuation.description}`,
    );
    for (const note of valuation.notes) out.line(`  ${note}`);
    out.line();
    const ranked = allocations
      .map((a, index) => ({ ...a, index }))
      .sort((x, y) => (x.amount === y.amount ? x.index - y.index : x.amount > y.amount ? -1 : 1));
    out.line(
      renderTable(
        [
          {
            header: "rank",
            value: (r: (typeof ranked)[number]) => String(ranked.indexOf(r) + 1),
            align: "right",
          },
          { header: "id", value: (r) => r.id },
          ...(items.labels.some((l) => l !== undefined)
            ? [{ header: "name", value: (r: (typeof ranked)[number]) => shorten(r.name ?? "", 40) }]
            : []),
          { header: "share", value: (r) => `${(r.share * 100).toFixed(2)}%`, align: "right" },
          { header: "amount", value: (r) => r.amount.toString(), align: "right" },
        ],
        ranked.slice(0, top),
      ),
    );
    if (ranked.length > top) out.line(`… and ${ranked.length - top} more in ${outFile}`);
    out.line();
    out.line(
      total === budget
        ? `Sum check: the ${items.ids.length} amounts sum to ${total}, the budget exactly.`
        : `Sum check FAILED: the amounts sum to ${total}, the budget is ${budget}.`,
    );
    out.line(`Wrote ${outFile} (id,amount)`);
  });
}

/** How the items were valued: a weight per item (≥ 0, in file order), and what to tell the operator. */
interface Valuation {
  weights: number[];
  valuedBy: "pairs" | "signals" | "metrics" | "equal";
  description: string;
  notes: string[];
  calibration?: Record<string, unknown>;
}

function valueItems(
  items: ItemTable,
  signals: SignalsValues | undefined,
  pairs: PairTable | undefined,
): Valuation {
  const metricNames = [...items.metricNames];
  const rawFeatures = items.metrics.map((row) => [...row]);
  if (signals !== undefined) {
    metricNames.push(`${signals.evaluator.id} overall`);
    for (const [i, key] of items.keys.entries())
      (rawFeatures[i] as (number | undefined)[]).push(signals.overall.get(key));
  }
  const features = logFeatures(rawFeatures);
  const featureNames = features.kept.map((j) => metricNames[j] as string);
  const notes: string[] = [];
  const flagNote = signals === undefined ? [] : signalsFlags(signals);

  if (pairs !== undefined) {
    const fit = calibrate(items.keys, features.rows, pairs.pairs);
    const accuracy = pairwiseAccuracy(fit.logWeights, pairs.pairs);
    const cost = deepFundingCost(fit.logWeights, pairs.pairs);
    const chosen = fit.candidates.find((c) => c.ridge === fit.ridge && c.maxLogRatio === fit.maxLogRatio);
    const named = new Set(pairs.pairs.flatMap((p) => [p.a, p.b])).size;
    notes.push(
      named === items.ids.length
        ? `every item appears in a pair`
        : `${named} of ${items.ids.length} items appear in a pair; the other ${items.ids.length - named} keep their prior (${featureNames.length === 0 ? "no metrics: the average" : "from their metrics"})`,
    );
    notes.push(
      `fit: ridge ${fit.ridge === Number.POSITIVE_INFINITY ? "∞ (metrics only)" : fit.ridge}, juror log-ratios ${clipText(fit.maxLogRatio)}, ${fit.chosenBy === "cross-validation" ? `chosen by ${fit.folds}-fold cross-validation by juror` : "the default (too few jurors to cross-validate)"}`,
    );
    if (chosen !== undefined)
      notes.push(
        `held-out jurors: pairwise accuracy ${percent(chosen.accuracy)}, Deep Funding cost ${chosen.meanCost.toFixed(3)} per pair (the figures the setting was chosen on)`,
      );
    notes.push(
      `in sample: pairwise accuracy ${percent(accuracy.accuracy)}, Deep Funding cost ${cost.meanCost.toFixed(3)} per pair over ${cost.pairs} pairs`,
    );
    if (featureNames.length > 0)
      notes.push(
        `prior weights (per standard deviation of the log metric): ${featureNames.map((n, j) => `${n} ${(fit.featureWeights[j] ?? 0).toFixed(3)}`).join(", ")}`,
      );
    notes.push(...flagNote);
    const logWeights = items.keys.map((k) => fit.logWeights.get(k) ?? 0);
    return {
      weights: exponentials(logWeights),
      valuedBy: "pairs",
      description: `${pairs.pairs.length} juror pair(s) from ${pairs.jurors} juror(s) in ${basename(pairs.file)}${featureNames.length > 0 ? `, with a prior from ${featureNames.join(", ")}` : ""}`,
      notes,
      calibration: calibrationSummary(fit, pairs, accuracy.accuracy, cost.meanCost, featureNames),
    };
  }
  if (signals !== undefined) {
    const weights = items.keys.map((k) => signals.overall.get(k) ?? 0);
    notes.push(
      `each item's share is its overall score (0–100) over the sum of scores; scores ${Math.min(...weights)}–${Math.max(...weights)}`,
    );
    notes.push(...flagNote);
    return {
      weights,
      valuedBy: "signals",
      description: `the ${signals.evaluator.id} evaluator (version ${signals.evaluator.version}, default rubric)`,
      notes,
    };
  }
  if (featureNames.length === 0) {
    notes.push("no numeric column to value the items by: every item gets an equal share");
    return {
      weights: items.ids.map(() => 1),
      valuedBy: "equal",
      description: "nothing: equal shares",
      notes,
    };
  }
  const means = features.rows.map((row) => row.reduce((s, v) => s + v, 0) / row.length);
  const blanks = items.metrics.filter((row) => features.kept.every((j) => row[j] === undefined)).length;
  notes.push(
    `weight = e^(mean of the standardised log metrics); a blank counts as average${blanks > 0 ? `; ${blanks} item(s) have none of them and get the average weight` : ""}`,
  );
  if (features.dropped.length > 0)
    notes.push(
      `left out: ${features.dropped.map((d) => `${metricNames[d.column]} (${d.reason})`).join(", ")}`,
    );
  return {
    weights: exponentials(means),
    valuedBy: "metrics",
    description: `${featureNames.length} numeric metric(s): ${featureNames.join(", ")}`,
    notes,
  };
}

function calibrationSummary(
  fit: Calibration,
  pairs: PairTable,
  inSampleAccuracy: number,
  inSampleMeanCost: number,
  featureNames: readonly string[],
): Record<string, unknown> {
  const chosen = fit.candidates.find((c) => c.ridge === fit.ridge && c.maxLogRatio === fit.maxLogRatio);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    pairsFile: pairs.file,
    pairs: pairs.pairs.length,
    jurors: pairs.jurors,
    ridge: finite(fit.ridge),
    maxLogRatio: finite(fit.maxLogRatio),
    chosenBy: fit.chosenBy,
    folds: fit.folds,
    heldOutAccuracy: chosen?.accuracy ?? null,
    heldOutMeanCost: chosen?.meanCost ?? null,
    inSampleAccuracy,
    inSampleMeanCost,
    priorWeights: Object.fromEntries(featureNames.map((n, j) => [n, fit.featureWeights[j] ?? 0])),
  };
}

function signalsFlags(signals: SignalsValues): string[] {
  const flags = Object.entries(signals.flags);
  return flags.length === 0
    ? []
    : [`signals flags (a person should look): ${flags.map(([f, n]) => `${f} ×${n}`).join(", ")}`];
}

/** `text` cut to `max` characters with an ellipsis, for table cells. */
const shorten = (text: string, max: number) => {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
};
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const clipText = (v: number) =>
  v === Number.POSITIVE_INFINITY
    ? "not clipped"
    : `clipped at ±ln ${Math.round(Math.exp(v))} (${Math.round(Math.exp(v))}×)`;

/** e^(x − max x): the largest is 1, so nothing overflows. */
function exponentials(logWeights: readonly number[]): number[] {
  const max = Math.max(...logWeights);
  return logWeights.map((x) => Math.exp(x - max));
}

/**
 * Weights ≥ 0 as integers for splitExact: scaled so the largest is 10^15 (below 2^53, so exact), rounded.
 * A weight below 5·10^-16 of the largest rounds to 0 and gets nothing.
 */
function toUnits(weights: readonly number[]): bigint[] {
  const max = Math.max(0, ...weights);
  if (max === 0) return weights.map(() => 0n);
  return weights.map((w) => BigInt(Math.round((Math.max(0, w) / max) * 1e15)));
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === "")
    throw new InvalidArgument(`guild allocate needs ${flag} ${what}`, {
      flag,
      hint: "guild allocate --help",
    });
  return value;
}

function parseBudget(text: string): bigint {
  if (!/^\d+$/.test(text.trim()))
    throw new InvalidArgument(`--budget takes a whole number of base units ≥ 0, got "${text}"`, {
      flag: "--budget",
      value: text,
    });
  return BigInt(text.trim());
}

/** Writes id,amount to a temporary file beside `file`, then renames it over `file`: never half-written. */
function writeAllocation(file: string, allocations: readonly Allocation[]): void {
  const lines = ["id,amount", ...allocations.map((a) => `${csvField(a.id)},${a.amount}`)];
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${lines.join("\n")}\n`);
    renameSync(temporary, file);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new OutputFileUnwritable(file, (cause as Error).message, { cause });
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
