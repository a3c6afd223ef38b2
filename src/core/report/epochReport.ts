// The epoch report: one canonical JSON document that explains an epoch, whose hash goes on chain.
import type { Address, Hex } from "viem";
import { keccak256, stringToBytes } from "viem";
import type { Allocation } from "../allocation/allocate.ts";
import type { Consensus } from "../assessment/consensus.ts";
import type { Contribution } from "../contribution/contribution.ts";
import type { FairnessFigures } from "../fairness/fairnessFigures.ts";
import type { PayoutLeaf } from "../merkle/payoutTree.ts";
import { canonicalJson } from "./canonicalJson.ts";

export const REPORT_VERSION = "guild-epoch-report/1";

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
  contributions: readonly Contribution[];
  /** The accepted verdict per contribution and evaluator, with how its replicas agreed. */
  verdicts: readonly Consensus[];
  /** Each contributor's value this epoch, in value units, as allocated. */
  allocation: Allocation;
  /** Reputation each recipient earns this epoch, valued at the reference time. */
  reputation: readonly { recipient: Address; amount: bigint }[];
  /** Contributors with no address yet: their work is assessed and shown, and not paid. */
  unmapped: readonly { source: string; name: string; contributions: number; valueUnits: bigint }[];
  leaves: readonly PayoutLeaf[];
  root: Hex;
  fairness: { payouts: FairnessFigures; votingPower: FairnessFigures };
}

export interface EpochReport {
  /** The report's canonical JSON: the bytes that are hashed and published. */
  json: string;
  /** keccak256 of `json`, proposed on chain with the root. */
  hash: Hex;
}

const hashOf = (value: unknown): Hex => keccak256(stringToBytes(canonicalJson(value)));

/**
 * Builds the report: it names the hash of every input (contributions, verdicts, config, rubric), every
 * verdict with its evaluator and input hash, every payout with its explanation, the leaves' root and
 * the fairness figures. The same input always gives the same bytes.
 * @throws NotCanonicalizable if an input holds a value canonical JSON cannot represent
 */
export function buildEpochReport(input: EpochReportInput): EpochReport {
  const contributions = [...input.contributions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const verdicts = [...input.verdicts].sort((a, b) =>
    a.verdict.contributionId === b.verdict.contributionId
      ? a.verdict.evaluator.id < b.verdict.evaluator.id
        ? -1
        : 1
      : a.verdict.contributionId < b.verdict.contributionId
        ? -1
        : 1,
  );
  const report = {
    version: REPORT_VERSION,
    epoch: input.epochId,
    chainId: input.chainId,
    settlement: input.settlement,
    referenceTime: input.referenceTime,
    inputs: {
      configHash: input.configHash,
      rubricHash: input.rubricHash,
      contributionsHash: hashOf(contributions),
      verdictsHash: hashOf(verdicts.map((v) => v.verdict)),
    },
    config: input.config,
    contributions: contributions.map((c) => ({
      id: c.id,
      contributor: c.contributor,
      kind: c.kind,
      title: c.title,
      source: c.source,
    })),
    verdicts: verdicts.map((v) => ({
      contributionId: v.verdict.contributionId,
      evaluator: v.verdict.evaluator,
      inputHash: v.verdict.inputHash,
      overall: v.verdict.overall,
      scores: v.verdict.scores,
      flags: v.verdict.flags,
      replicas: v.replicas,
      agreeing: v.agreeing,
      outliers: v.outliers,
    })),
    allocation: input.allocation,
    reputation: [...input.reputation].sort((a, b) => (a.recipient < b.recipient ? -1 : 1)),
    unmapped: input.unmapped,
    settlementTree: {
      root: input.root,
      leaves: input.leaves.length,
      cumulativeAmount: input.leaves.reduce((s, l) => s + l.cumulativeAmount, 0n),
    },
    fairness: input.fairness,
  };
  const json = canonicalJson(report);
  return { json, hash: keccak256(stringToBytes(json)) };
}
