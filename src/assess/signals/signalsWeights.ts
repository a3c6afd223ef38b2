// The weights of the signals model: how much each signal counts toward each criterion. Part of the governed config.
import { GuildError } from "../../core/errors.ts";

/** The signals the model computes; see README.md for what each measures and how it is scaled. */
export const SIGNAL_FEATURES = [
  "changeSize",
  "testsTouched",
  "docsTouched",
  "descriptionSubstance",
  "descriptionStructure",
  "evidenceLinks",
  "adoption",
  "community",
  "releases",
  "projectAge",
] as const;
export type SignalFeature = (typeof SIGNAL_FEATURES)[number];

/** Signals every contribution has (they read its text), so a criterion weighing one always has something to go on. */
export const TEXT_FEATURES: readonly SignalFeature[] = [
  "descriptionSubstance",
  "descriptionStructure",
  "evidenceLinks",
];

/**
 * For each rubric criterion id, the share in basis points each signal has of that criterion's score;
 * each criterion's shares sum to 10,000. A signal with no data for a contribution drops out and the
 * others keep their proportions, so a missing metric neither helps nor hurts.
 */
export type SignalsWeights = Readonly<Record<string, Readonly<Partial<Record<SignalFeature, number>>>>>;

/** The default weights, for the criteria of the default rubric. */
export const DEFAULT_SIGNALS_WEIGHTS: SignalsWeights = Object.freeze({
  impact: Object.freeze({
    adoption: 2500,
    community: 1500,
    changeSize: 1500,
    evidenceLinks: 1500,
    descriptionSubstance: 3000,
  }),
  rigour: Object.freeze({
    testsTouched: 4000,
    releases: 2000,
    evidenceLinks: 2000,
    descriptionStructure: 2000,
  }),
  scope: Object.freeze({
    changeSize: 4000,
    projectAge: 1500,
    community: 1500,
    descriptionSubstance: 3000,
  }),
  clarity: Object.freeze({
    descriptionStructure: 3500,
    descriptionSubstance: 2500,
    docsTouched: 2500,
    evidenceLinks: 1500,
  }),
});

/** The signals weights are malformed; `details.criterion` and `details.feature` say where. */
export class InvalidSignalsWeights extends GuildError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(`invalid signals weights: ${reason}`, { reason, ...details });
  }
}

/**
 * Checks that every criterion's shares are whole basis points ≥ 0 for known signals, sum to 10,000,
 * and give some weight to a text signal (so no contribution leaves a criterion with nothing to score).
 * @throws InvalidSignalsWeights naming the first problem found
 */
export function checkSignalsWeights(weights: SignalsWeights): void {
  if (typeof weights !== "object" || weights === null) throw new InvalidSignalsWeights("not an object");
  for (const [criterion, shares] of Object.entries(weights)) {
    if (typeof shares !== "object" || shares === null)
      throw new InvalidSignalsWeights(`${criterion} is not an object`, { criterion });
    let totalBps = 0;
    for (const [feature, bps] of Object.entries(shares)) {
      if (!(SIGNAL_FEATURES as readonly string[]).includes(feature))
        throw new InvalidSignalsWeights(`${criterion} names unknown signal ${feature}`, {
          criterion,
          feature,
          known: SIGNAL_FEATURES,
        });
      if (typeof bps !== "number" || !Number.isSafeInteger(bps) || bps < 0)
        throw new InvalidSignalsWeights(`${criterion}.${feature} must be whole basis points, at least 0`, {
          criterion,
          feature,
          bps,
        });
      totalBps += bps;
    }
    if (totalBps !== 10_000)
      throw new InvalidSignalsWeights(`${criterion} shares sum to ${totalBps} basis points, not 10,000`, {
        criterion,
        totalBps,
      });
    if (!TEXT_FEATURES.some((feature) => (shares[feature] ?? 0) > 0))
      throw new InvalidSignalsWeights(`${criterion} gives no weight to any of ${TEXT_FEATURES.join(", ")}`, {
        criterion,
      });
  }
}
