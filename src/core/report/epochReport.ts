// The epoch report: one canonical JSON document that explains an epoch, whose hash goes on chain.
import type { Address, Hex } from "viem";
import type { Allocation } from "../allocation/allocate.ts";
import type { AssessedVerdict } from "../assessment/assessedVerdict.ts";
import { sortAssessedVerdicts } from "../assessment/assessedVerdict.ts";
import type { ContributionHead } from "../contribution/contribution.ts";
import type { FairnessFigures } from "../fairness/fairnessFigures.ts";
import { hashCanonicalJson } from "../hash/hashCanonicalJson.ts";
import { Keccak256 } from "../hash/keccak256.ts";
import type { PayoutLeaf } from "../merkle/payoutTree.ts";
import { canonicalJson, emitCanonicalJson } from "./canonicalJson.ts";

/**
 * Version 2: verdicts carry their scores and the hash of the whole verdict (reasons included, kept in
 * the store) instead of the reasons' text, and contributions are named by id and head, not full text.
 * Version 3: the contributions not paid because they copy an earlier one (`duplicates`).
 */
export const REPORT_VERSION = "guild-epoch-report/3";

export interface EpochReportInput {
  epochId: number;
  chainId: number;
  /** The settlement (GuildToken) contract the report's root is proposed to. */
  settlement: Address;
  /** GuildConfig.configHash() the epoch ran under, and the parameters it names. */
  configHash: Hex;
  config: Readonly<Record<string, unknown>>;
  rubricHash: Hex;
  /** The epoch's reference time (its challenge window's end), unix seconds. */
  referenceTime: bigint;
  /** The epoch's contributions; a head's id is the hash of the whole content. */
  contributions: readonly ContributionHead[];
  /** The accepted verdict per contribution and evaluator, with how its replicas agreed. */
  verdicts: readonly AssessedVerdict[];
  /**
   * assessedVerdictsHash(verdicts), when the caller has it already (the assessed step keeps it): saves
   * serializing a hundred thousand verdicts once more. Computed when absent.
   */
  verdictsHash?: Hex;
  /** Each contributor's value this epoch, in value units, as allocated. */
  allocation: Allocation;
  /** Reputation each recipient earns this epoch, valued at the reference time. */
  reputation: readonly { recipient: Address; amount: bigint }[];
  /** Contributors with no address yet: their work is assessed and shown, and not paid. */
  unmapped: readonly { source: string; name: string; contributions: number; valueUnits: bigint }[];
  /** Contributions that copy an earlier one: assessed, and not paid (the original is). None when absent. */
  duplicates?: readonly ReportDuplicate[];
  leaves: readonly PayoutLeaf[];
  root: Hex;
  fairness: { payouts: FairnessFigures; votingPower: FairnessFigures };
}

/** A contribution not paid because it copies an earlier one (the original, of this epoch or an earlier). */
export interface ReportDuplicate {
  contributionId: Hex;
  originalId: Hex;
  originalEpochId: number;
  similarityBps: number;
  sameContributor: boolean;
}

export interface EpochReport {
  /**
   * The report without its two long lists (contributions and verdicts, whose counts and hashes it
   * keeps): what the store holds and what commands read. Plain JSON (bigints as decimal strings).
   */
  summary: Record<string, unknown>;
  /** keccak256 of the report's canonical JSON, proposed on chain with the root (computed when first read). */
  readonly hash: Hex;
  /**
   * Emits the report's canonical JSON, the bytes that are hashed and published, in pieces (so that an
   * epoch of 100,000 contributions is never one string in memory). Joined, the pieces hash to `hash`.
   */
  emit(sink: (piece: string) => void): void;
  /** emit, hashing the pieces on the way (one pass instead of two): returns the report's hash. */
  emitAndHash(sink: (piece: string) => void): Hex;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the report: it names the hash of every input (contributions, verdicts, config, rubric), every
 * contribution and verdict with its evaluator, input hash and verdict hash, every payout with its
 * explanation, the leaves' root and the fairness figures. The same input always gives the same bytes.
 * @throws NotCanonicalizable if an input holds a value canonical JSON cannot represent
 */
export function buildEpochReport(input: EpochReportInput): EpochReport {
  const contributions = [...input.contributions]
    .sort((a, b) => byId(a.id, b.id))
    .map((c) => ({ id: c.id, contributor: c.contributor, kind: c.kind, title: c.title, source: c.source }));
  const verdicts = sortAssessedVerdicts(input.verdicts);
  const summary = {
    version: REPORT_VERSION,
    epoch: input.epochId,
    chainId: input.chainId,
    settlement: input.settlement,
    referenceTime: input.referenceTime,
    inputs: {
      configHash: input.configHash,
      rubricHash: input.rubricHash,
      contributionsHash: hashCanonicalJson(contributions),
      verdictsHash: input.verdictsHash ?? hashCanonicalJson(verdicts),
    },
    counts: { contributions: contributions.length, verdicts: verdicts.length },
    config: input.config,
    allocation: input.allocation,
    reputation: [...input.reputation].sort((a, b) => byId(a.recipient, b.recipient)),
    unmapped: input.unmapped,
    duplicates: [...(input.duplicates ?? [])]
      .sort((a, b) => byId(a.contributionId, b.contributionId))
      .map((d) => ({
        contributionId: d.contributionId,
        originalId: d.originalId,
        originalEpochId: d.originalEpochId,
        similarityBps: d.similarityBps,
        sameContributor: d.sameContributor,
      })),
    settlementTree: {
      root: input.root,
      leaves: input.leaves.length,
      cumulativeAmount: input.leaves.reduce((s, l) => s + l.cumulativeAmount, 0n),
    },
    fairness: input.fairness,
  };
  // The whole report: the summary with the two lists, serialized an entry at a time.
  const emit = (sink: (piece: string) => void) =>
    emitCanonicalJson({ ...summary, contributions, verdicts }, sink, 2);
  let hash: Hex | undefined;
  const emitAndHash = (sink: (piece: string) => void): Hex => {
    const hasher = new Keccak256();
    emit((piece) => {
      hasher.updateText(piece);
      sink(piece);
    });
    hash = hasher.digest();
    return hash;
  };
  return {
    summary: JSON.parse(canonicalJson(summary)) as Record<string, unknown>,
    get hash() {
      return hash ?? emitAndHash(() => {});
    },
    emit,
    emitAndHash,
  };
}
