// Scores one rubric criterion from the signals it weighs, and says why in plain words.
import type { ContributionKind } from "../../core/contribution/contribution.ts";
import type { KindBaseline } from "./kindBaselines.ts";
import { divideRounded, type Signals } from "./readSignals.ts";
import { SIGNAL_FEATURES, type SignalFeature } from "./signalsWeights.ts";

/** One criterion's score, 0–100, and its reason. */
export interface CriterionResult {
  score: number;
  reason: string;
}

/**
 * The weighted mean of the signals `shares` weighs (basis points), over those with data, as a whole
 * score 0–100. Tests or docs that are optional for the contribution's kind count only in the
 * combination that gives the highest score, so they can raise it and never lower it; the score never
 * falls when any signal rises. `shares` must give weight to at least one text signal (checked with the
 * weights), which always has data.
 */
export function scoreCriterion(
  shares: Readonly<Partial<Record<SignalFeature, number>>>,
  signals: Signals,
  kind: ContributionKind,
  baseline: KindBaseline,
): CriterionResult {
  const weighed = SIGNAL_FEATURES.filter((feature) => (shares[feature] ?? 0) > 0).sort(
    (a, b) => (shares[b] ?? 0) - (shares[a] ?? 0),
  );
  const optional = weighed.filter(
    (feature) =>
      signals.readings[feature] !== undefined &&
      ((feature === "testsTouched" && baseline.tests === "optional") ||
        (feature === "docsTouched" && baseline.docs === "optional")),
  );
  const always = weighed.filter(
    (feature) => signals.readings[feature] !== undefined && !optional.includes(feature),
  );

  const perMilleOf = (features: readonly SignalFeature[]): number => {
    let weighted = 0;
    let total = 0;
    for (const feature of features) {
      const share = shares[feature] ?? 0;
      weighted += share * (signals.readings[feature]?.perMille ?? 0);
      total += share;
    }
    return divideRounded(weighted, total);
  };

  // Every subset of the optional signals (at most two), the empty one first; the best strictly wins.
  let counted: readonly SignalFeature[] = always;
  let best = perMilleOf(always);
  for (let mask = 1; mask < 1 << optional.length; mask += 1) {
    const subset = weighed.filter(
      (f) => always.includes(f) || optional.some((o, i) => o === f && mask & (1 << i)),
    );
    const perMille = perMilleOf(subset);
    if (perMille > best) {
      best = perMille;
      counted = subset;
    }
  }

  const total = counted.reduce((sum, feature) => sum + (shares[feature] ?? 0), 0);
  const parts = counted.map((feature) => {
    const reading = signals.readings[feature];
    const percent = divideRounded((shares[feature] ?? 0) * 100, total);
    return `${reading?.measured} → ${divideRounded(reading?.perMille ?? 0, 10)}/100, weight ${percent}%`;
  });
  const skipped = weighed.flatMap((feature) => {
    if (counted.includes(feature)) return [];
    const reading = signals.readings[feature];
    if (reading === undefined) return [`${signals.missing[feature] ?? feature}`];
    return [`${reading.measured}, optional for ${kind} work and counted only when it raises the score`];
  });
  const notCounted = skipped.length === 0 ? "" : ` Not counted: ${skipped.join("; ")}.`;
  const reason = `${capitalise(parts.join("; "))}.${notCounted}`;
  return { score: divideRounded(best, 10), reason };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
