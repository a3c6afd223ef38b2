// The auditor's check of an epoch: every step recomputed from its stored inputs and compared with what
// the store, the report file and the chain say.
import { existsSync, readFileSync } from "node:fs";
import { keccak256, stringToBytes } from "viem";
import { assessmentConfigHash, evaluatorOf } from "../assess/assessmentConfig.ts";
import { LLM_JUDGE_ID } from "../assess/llm/judgeRequest.ts";
import type { LlmAudit } from "../assess/llm/llmAudit.ts";
import { LlmJudge } from "../assess/llm/llmJudge.ts";
import { reproduceVerdict } from "../assess/llm/reproduceVerdict.ts";
import { verdictFromAudit } from "../assess/llm/verdictFromAudit.ts";
import { PEERS_EVALUATOR_ID } from "../assess/peers/peersEvaluator.ts";
import { GuildConfig, GuildToken, Reputation } from "../chain/contracts.generated.ts";
import { signingDomain } from "../chain/manifest.ts";
import { readEpoch } from "../chain/settlement.ts";
import { assessedVerdictsHash, verdictSummaryOf } from "../core/assessment/assessedVerdict.ts";
import type { Evaluator } from "../core/assessment/evaluator.ts";
import type { Verdict } from "../core/assessment/verdict.ts";
import type { Contribution } from "../core/contribution/contribution.ts";
import { contributionId } from "../core/contribution/contribution.ts";
import { validateEndorsement } from "../core/endorsements/validateEndorsement.ts";
import { GuildError } from "../core/errors.ts";
import { keccak256Bytes } from "../core/hash/keccak256.ts";
import { canonicalJson } from "../core/report/canonicalJson.ts";
import type { EpochReport } from "../core/report/epochReport.ts";
import type { EpochState, VerdictRecord } from "../store/store.ts";
import { reportPathOf } from "./epoch/allocateEpoch.ts";
import { assessedSnapshotOf } from "./epoch/assessedSnapshotOf.ts";
import type { EpochAllocation } from "./epoch/computeEpochAllocation.ts";
import { computeEpochAllocation } from "./epoch/computeEpochAllocation.ts";
import { epochDuplicates } from "./epoch/epochDuplicates.ts";
import { epochEvaluatorEnvironment } from "./epoch/epochEvaluatorEnvironment.ts";
import type { AllocatedSnapshot, AssessedSnapshot, ClosedSnapshot } from "./epoch/epochLedger.ts";
import { lastSettledEpoch } from "./epoch/lastSettledEpoch.ts";
import { withoutDuplicates } from "./epoch/readAssessment.ts";
import { requireEpoch } from "./epoch/requireEpoch.ts";
import type { NodeContext } from "./openNode.ts";

/** The epoch has no report yet: it is verified once it is allocated. */
export class EpochNotAllocated extends GuildError {}

/** One comparison. `expected` is what the recomputation gives, `actual` what was stored or published. */
export interface VerifyCheck {
  /** What is compared; the same names for every epoch. */
  name: string;
  ok: boolean;
  expected: string;
  actual: string;
  /** Every mismatch, when the check covers many items (contributions, verdicts). */
  findings?: string[];
}

export interface VerifyResult {
  epochId: number;
  /** The epoch's state in the store. */
  state: EpochState;
  checks: VerifyCheck[];
  /** True when every check passed. */
  ok: boolean;
}

const VERIFIABLE: readonly EpochState[] = ["allocated", "proposed", "finalized", "vetoed"];

/** The chain's state an epoch in each store state must have (allocated: not proposed, or re-allocated after a veto). */
const CHAIN_STATES: Partial<Record<EpochState, readonly string[]>> = {
  allocated: ["None", "Vetoed"],
  proposed: ["Proposed"],
  finalized: ["Finalized"],
  vetoed: ["Vetoed"],
};

/**
 * Verifies epoch `epochId` from its stored inputs: the closed snapshot (config, contribution ids), the
 * contributions (each id recomputed from its content), the verdicts (each deterministic evaluator re-run
 * and its verdict compared byte for byte in canonical JSON), the consensus and values (recomputed from
 * the stored verdicts), and the allocation, leaves, root and report (recomputed with
 * `computeEpochAllocation`, as the node computes them, from the stored config, assessment, reference
 * time and the epoch before). The recomputation is compared with the stored report, payouts and ledger,
 * with the report file in the data directory, and with the chain: the epoch's state, root, report hash,
 * totals and challenge end, its EpochProposed events (how many, and the config hash they name) and
 * GuildConfig's parameters at the proposal's block.
 *
 * A mismatch is a failed check, never an error. Each stage is recomputed from the stored output of the
 * stage before, so the first failed check names where the stored data stops following from its inputs.
 * @throws UnknownEpoch; EpochNotAllocated when the epoch has no report yet; store and chain errors
 */
export interface VerifyOptions {
  /**
   * Re-run every LLM judge verdict on this model server (yours) and report whether it reproduces; by
   * default those verdicts are replayed from their stored raw replies, which needs no server.
   */
  rerunLlm?: { baseUrl: string; apiKey?: string };
}

export async function verifyEpoch(
  ctx: NodeContext,
  epochId: number,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const epoch = await requireEpoch(ctx, epochId);
  if (!VERIFIABLE.includes(epoch.state)) {
    throw new EpochNotAllocated(`epoch ${epochId} is ${epoch.state}: it has no report to verify yet`, {
      epochId,
      state: epoch.state,
    });
  }
  const checks: VerifyCheck[] = [];
  const result = (): VerifyResult => ({
    epochId,
    state: epoch.state,
    checks,
    ok: checks.every((c) => c.ok),
  });
  const equal = (name: string, expected: unknown, actual: unknown) =>
    checks.push({
      name,
      ok: comparable(expected) === comparable(actual),
      expected: shown(expected),
      actual: shown(actual),
    });
  const same = (name: string, expected: unknown, actual: unknown) =>
    checks.push(compareJson(name, expected, actual));

  const closed = (await ctx.store.getMeta(`epoch/${epochId}/closed`)) as ClosedSnapshot | undefined;
  const assessed = (await ctx.store.getMeta(`epoch/${epochId}/assessed`)) as AssessedSnapshot | undefined;
  const allocated = (await ctx.store.getMeta(`epoch/${epochId}/allocated`)) as AllocatedSnapshot | undefined;
  for (const [step, snapshot] of [
    ["closed", closed],
    ["assessed", assessed],
    ["allocated", allocated],
  ] as const) {
    if (snapshot === undefined) equal(`inputs: ${step} snapshot stored`, "stored", "missing");
  }
  if (closed === undefined || assessed === undefined || allocated === undefined) return result();

  // The rules: the node's assessment configuration must be the governed one the epoch closed under.
  equal(
    "config: assessment configuration = governed",
    closed.config.assessmentConfigHash,
    assessmentConfigHash(ctx.assessment),
  );
  equal("config hash: stored epoch = closed snapshot", closed.config.configHash, epoch.configHash);

  // Contributions: content-addressed, so each id is recomputed from the content stored under it.
  const contributions: Contribution[] = [];
  const contributionFindings: string[] = [];
  const byId = new Map((await ctx.store.getContributions(closed.contributionIds)).map((c) => [c.id, c]));
  for (const id of closed.contributionIds) {
    const c = byId.get(id);
    if (c === undefined) {
      contributionFindings.push(`${id}: missing from the store`);
      continue;
    }
    contributions.push(c);
    const { id: _id, source: _source, ...content } = c;
    const recomputed = contributionId(content);
    if (recomputed !== id.toLowerCase())
      contributionFindings.push(`${id}: its content hashes to ${recomputed}`);
  }
  checks.push(
    counted("contributions: ids reproduce from content", closed.contributionIds.length, contributionFindings),
  );

  // Endorsements, which the peers evaluator read: each signed by its endorser, on this epoch's work, and
  // recorded before the epoch closed.
  if (ctx.assessment.evaluators.some((e) => e.id === PEERS_EVALUATOR_ID)) {
    const endorsements = await ctx.store.listEndorsements({ epochId });
    const members = new Set(closed.contributionIds.map((id) => id.toLowerCase()));
    const closedAt = epoch.enteredAt.closed ?? Number.POSITIVE_INFINITY;
    const domain = signingDomain(ctx.manifest);
    const findings: string[] = [];
    for (const e of endorsements) {
      const where = `${e.contributionId}/${e.endorser}`;
      if (!members.has(e.contributionId.toLowerCase()))
        findings.push(`${where}: not a contribution of the epoch`);
      if (e.createdAt > closedAt)
        findings.push(`${where}: recorded at ${e.createdAt}, after the epoch closed (${closedAt})`);
      const signed = {
        endorser: e.endorser,
        contributionId: e.contributionId,
        nonce: e.nonce.toString(),
        deadline: e.deadline,
        signature: e.signature,
      };
      // Its deadline was checked against the chain's clock when it was taken; here only the signature.
      await validateEndorsement(signed, { ...domain, now: e.deadline }).catch((error: Error) =>
        findings.push(`${where}: ${error.message}`),
      );
    }
    checks.push(
      counted("endorsements: signed, on the epoch's work, before it closed", endorsements.length, findings),
    );
  }

  // Verdicts: each stored one re-run with its evaluator on its contribution, compared byte for byte.
  const inEpoch = new Set(closed.contributionIds);
  const stored = (await ctx.store.listVerdicts({ epochId })).filter((v) => inEpoch.has(v.contributionId));
  checks.push(await reproduceVerdicts(ctx, contributions, stored));
  if (options.rerunLlm !== undefined) {
    checks.push(await rerunLlmVerdicts(ctx, contributions, stored, options.rerunLlm));
  }

  // Consensus and values: what assessEpoch derives from the stored verdicts.
  // From the whole verdicts (hashed here), not the summaries the store keeps beside them.
  const reassessed = assessedSnapshotOf(
    closed.contributionIds,
    stored.map(({ replica, raw: _raw, ...verdict }) => ({ ...verdictSummaryOf(verdict), replica })),
    ctx.assessment.evaluators,
  );
  equal(
    "consensus: stored verdicts give the stored consensus",
    assessed.consensusHash,
    assessedVerdictsHash(reassessed.consensus),
  );
  // Duplicates: found again from the texts (not the stored sketches), in epochs assessed with them.
  let valued: Pick<typeof reassessed, "values"> = reassessed;
  if (assessed.duplicates !== undefined) {
    const duplicates = await epochDuplicates(ctx.store, epochId, closed.contributionIds, {
      recomputeSketches: true,
    });
    same("duplicates: contributions give the stored duplicates", duplicates, assessed.duplicates);
    valued = withoutDuplicates(reassessed, duplicates);
  }
  same(
    "values: stored verdicts give the stored values",
    { values: valued.values, unassessed: reassessed.unassessed },
    { values: assessed.values, unassessed: assessed.unassessed },
  );

  // Allocation, leaves, root and report: what allocateEpoch computes from the stored snapshots.
  const referenceTime = BigInt(allocated.referenceTime);
  let recomputed: EpochAllocation | undefined;
  try {
    recomputed = computeEpochAllocation({
      epochId,
      manifest: ctx.manifest,
      assessment: ctx.assessment,
      config: closed.config,
      contributions: contributions.map(({ id, contributor, kind, title, source, createdAt }) => ({
        id,
        contributor,
        kind,
        title,
        source,
        createdAt,
      })),
      assessed: {
        values: assessed.values,
        consensus: reassessed.consensus,
        ...(assessed.duplicates === undefined ? {} : { duplicates: assessed.duplicates }),
      },
      previous: await lastSettledEpoch(ctx.store, epochId),
      referenceTime,
    });
  } catch (error) {
    if (!(error instanceof GuildError)) throw error;
    equal("allocation: recomputes", "an allocation", `${error.name}: ${error.message}`);
  }
  if (recomputed !== undefined) {
    equal("report hash: stored = recomputed", recomputed.report.hash, epoch.reportHash);
    same("report: stored = recomputed", recomputed.report.summary, epoch.report);
    checks.push(reportFileCheck(reportPathOf(ctx.dataDir, epochId), recomputed.report));
    equal("root: stored = recomputed", recomputed.root, epoch.root);
    same(
      "payouts: stored = recomputed",
      payoutRows(recomputed.payouts),
      payoutRows(await ctx.store.listPayouts(epochId)),
    );
    same("ledger: stored = recomputed", recomputed.ledger, allocated.ledger);
  }

  // The chain: the epoch as the settlement contract holds it, and the proposals it received.
  const { token, config } = ctx.manifest.contracts;
  const { publicClient } = ctx.chain;
  const onChain = await readEpoch(publicClient, token, BigInt(epochId));
  const states = CHAIN_STATES[epoch.state] ?? [];
  checks.push({
    name: "chain: epoch state",
    ok: states.includes(onChain.stateName),
    expected: states.join(" or "),
    actual: onChain.stateName,
  });
  // An allocated epoch has nothing on chain yet, or only the proposal vetoed before it was re-allocated.
  if (onChain.stateName === "None" || epoch.state === "allocated") return result();
  const expectedRoot = recomputed?.root ?? epoch.root;
  const expectedReportHash = recomputed?.report.hash ?? epoch.reportHash;
  equal(`chain: root = ${recomputed ? "recomputed" : "stored"}`, expectedRoot, onChain.root);
  equal(
    `chain: report hash = ${recomputed ? "recomputed" : "stored"}`,
    expectedReportHash,
    onChain.reportHash,
  );
  if (recomputed !== undefined) {
    equal("chain: total = report's total paid", recomputed.allocation.totalPaid, BigInt(onChain.total));
    equal(
      "chain: reputation total = report's",
      recomputed.earnings.reduce((s, e) => s + e.reputation, 0n),
      BigInt(onChain.reputationTotal),
    );
  }
  equal("chain: challenge end = reference time", referenceTime, BigInt(onChain.challengeEndsAt));

  const fromBlock = BigInt(ctx.manifest.blockNumber);
  const args = { epochId: BigInt(epochId) };
  const [proposals, vetoes] = await Promise.all([
    publicClient.getContractEvents({
      address: token,
      abi: GuildToken.abi,
      eventName: "EpochProposed",
      args,
      fromBlock,
    }),
    publicClient.getContractEvents({
      address: token,
      abi: GuildToken.abi,
      eventName: "EpochVetoed",
      args,
      fromBlock,
    }),
  ]);
  // Every proposal but a live or finalized one was vetoed: one proposal per allocation.
  const live = onChain.stateName === "Proposed" || onChain.stateName === "Finalized" ? 1 : 0;
  equal("chain: one proposal per allocation (EpochProposed events)", vetoes.length + live, proposals.length);
  const proposal = proposals.at(-1);
  if (proposal === undefined) return result();
  equal(
    "chain: config hash (EpochProposed) = closed snapshot",
    closed.config.configHash,
    proposal.args.configHash,
  );
  equal("chain: root (EpochProposed) = on-chain root", onChain.root, proposal.args.root);

  // The governed parameters the snapshot records, as GuildConfig held them when the proposal landed
  // (the contract accepts a proposal only under its current config hash).
  const blockNumber = proposal.blockNumber;
  const [params, configHash, halfLife] = await Promise.all([
    publicClient.readContract({ address: config, abi: GuildConfig.abi, functionName: "params", blockNumber }),
    publicClient.readContract({
      address: config,
      abi: GuildConfig.abi,
      functionName: "configHash",
      blockNumber,
    }),
    publicClient.readContract({
      address: ctx.manifest.contracts.reputation,
      abi: Reputation.abi,
      functionName: "halfLife",
      blockNumber,
    }),
  ]);
  same(`chain: GuildConfig at block ${blockNumber} = closed snapshot`, closed.config, {
    configHash,
    budgetPerEpoch: params.budgetPerEpoch.toString(),
    capBps: params.capBps,
    floorAmount: params.floorAmount.toString(),
    challengeWindowSeconds: params.challengeWindowSeconds,
    claimExpirySeconds: params.claimExpirySeconds,
    replicationFactor: params.replicationFactor,
    assessmentConfigHash: params.assessmentConfigHash,
    halfLifeSeconds: Number(halfLife),
  });
  return result();
}

/**
 * Re-runs each stored verdict's evaluator on its contribution; a verdict that differs is a finding.
 * Every evaluator this build has is deterministic; one that is not (an LLM judge) will need its stored
 * raw output replayed through its parser instead.
 */
async function reproduceVerdicts(
  ctx: NodeContext,
  contributions: readonly Contribution[],
  stored: readonly VerdictRecord[],
): Promise<VerifyCheck> {
  // The LLM judge's verdicts are replayed from their stored replies (verdictFromAudit), never sent to a
  // server here: it needs no evaluator, only the model the configuration names.
  const environment = await epochEvaluatorEnvironment(ctx, [...new Set(contributions.map((c) => c.epochId))]);
  const evaluators = new Map<string, Evaluator | { id: typeof LLM_JUDGE_ID; model: string }>(
    ctx.assessment.evaluators.map((e) => [
      e.id,
      e.id === LLM_JUDGE_ID ? { id: LLM_JUDGE_ID, model: e.model ?? "" } : evaluatorOf(e, environment),
    ]),
  );
  const byId = new Map(contributions.map((c) => [c.id, c]));
  const rerun = new Map<string, Promise<Verdict>>();
  const findings: string[] = [];
  for (const record of stored) {
    const { replica, raw: _raw, ...verdict } = record;
    const where = `${record.contributionId}/${record.evaluator.id}#${replica}`;
    const evaluator = evaluators.get(record.evaluator.id);
    const contribution = byId.get(record.contributionId);
    if (evaluator === undefined) {
      findings.push(`${where}: the configuration has no evaluator "${record.evaluator.id}"`);
      continue;
    }
    if (contribution === undefined) {
      findings.push(`${where}: its contribution is missing`);
      continue;
    }
    // A deterministic evaluator gives every replica the same verdict: run it once per contribution.
    // The LLM judge's verdict is re-derived from the reply it stored (each replica its own).
    const key = `${contribution.id}:${evaluator.id}`;
    let again = "assess" in evaluator ? rerun.get(key) : undefined;
    if (again === undefined) {
      if ("assess" in evaluator) {
        again = evaluator.assess(contribution, ctx.assessment.rubric);
        rerun.set(key, again);
      } else {
        const audit = record.raw as unknown as LlmAudit;
        if (audit?.model?.name !== evaluator.model) {
          findings.push(
            `${where}: asked model ${audit?.model?.name}, the configuration names ${evaluator.model}`,
          );
          continue;
        }
        again = Promise.resolve().then(() => verdictFromAudit(audit, contribution, ctx.assessment.rubric));
      }
    }
    let expected: Verdict;
    try {
      expected = await again;
    } catch (error) {
      findings.push(`${where}: the evaluator fails on it now (${(error as Error).message})`);
      continue;
    }
    const difference = firstDifference(toJson(expected), toJson(verdict));
    if (difference !== undefined) {
      findings.push(
        `${where}: ${difference.path} is ${shown(difference.actual)}, re-run gives ${shown(difference.expected)}`,
      );
    }
  }
  return counted("verdicts: re-run evaluators reproduce them", stored.length, findings);
}

/** Every LLM judge verdict sent again, as recorded, to `server`: does it give the same scores? */
async function rerunLlmVerdicts(
  ctx: NodeContext,
  contributions: readonly Contribution[],
  stored: readonly VerdictRecord[],
  server: { baseUrl: string; apiKey?: string },
): Promise<VerifyCheck> {
  const ofJudge = stored.filter((v) => v.evaluator.id === LLM_JUDGE_ID);
  const findings: string[] = [];
  const model = ctx.assessment.evaluators.find((e) => e.id === LLM_JUDGE_ID)?.model ?? "";
  const judge = new LlmJudge({ ...server, model });
  const known = new Set(contributions.map((c) => c.id));
  for (const record of ofJudge) {
    const where = `${record.contributionId}#${record.replica}`;
    if (!known.has(record.contributionId)) continue;
    try {
      const result = await reproduceVerdict(record.raw as unknown as LlmAudit, judge);
      if (!result.reproduced) {
        findings.push(
          `${where}: ${result.differences.map((d) => `${d.criterion} ${d.stored} → ${d.reproduced}`).join(", ")}`,
        );
      }
    } catch (error) {
      findings.push(`${where}: could not re-run (${(error as Error).message})`);
    }
  }
  return counted(
    `verdicts: the LLM judge re-run on ${server.baseUrl} reproduces them`,
    ofJudge.length,
    findings,
  );
}

/** The report file in the data directory, byte for byte the recomputed report. */
function reportFileCheck(path: string, report: EpochReport): VerifyCheck {
  const name = "report file = recomputed";
  const { hash } = report;
  if (!existsSync(path)) return { name, ok: false, expected: hash, actual: `no file at ${path}` };
  const bytes = readFileSync(path);
  const actual = keccak256Bytes(bytes);
  if (actual === hash) return { name, ok: true, expected: hash, actual };
  const text = bytes.toString("utf8");
  const pieces: string[] = [];
  report.emit((piece) => pieces.push(piece));
  const json = pieces.join("");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { name, ok: false, expected: hash, actual: `${actual} (${path} is not JSON)` };
  }
  const difference = firstDifference(JSON.parse(json), parsed);
  return {
    name,
    ok: false,
    expected: hash,
    actual: actual,
    findings: [
      difference === undefined
        ? `${path}: the same values, not in canonical form`
        : `${path}: ${difference.path} is ${shown(difference.actual)}, recomputed ${shown(difference.expected)}`,
    ],
  };
}

/** A check over many items: ok when none has a finding. */
function counted(name: string, total: number, findings: string[]): VerifyCheck {
  const check: VerifyCheck = {
    name,
    ok: findings.length === 0,
    expected: `${total} of ${total}`,
    actual: `${total - findings.length} of ${total}`,
  };
  if (findings.length > 0) check.findings = findings;
  return check;
}

/** Compares two values in canonical JSON; on a mismatch, expected and actual show the first difference. */
function compareJson(name: string, expected: unknown, actual: unknown): VerifyCheck {
  const a = toJson(expected);
  const b = toJson(actual);
  const difference = firstDifference(a, b);
  if (difference === undefined) {
    const hash = keccak256(stringToBytes(canonicalJson(a)));
    return { name, ok: true, expected: hash, actual: hash };
  }
  return {
    name,
    ok: false,
    expected: `${difference.path} = ${shown(difference.expected)}`,
    actual: `${difference.path} = ${shown(difference.actual)}`,
  };
}

/** The first place two JSON values differ, depth first in key order; undefined when they are equal. */
function firstDifference(
  expected: unknown,
  actual: unknown,
  path = "$",
): { path: string; expected: unknown; actual: unknown } | undefined {
  if (expected === actual) return undefined;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return expected.length === actual.length
      ? undefined
      : { path: `${path}.length`, expected: expected.length, actual: actual.length };
  }
  if (isObject(expected) && isObject(actual) && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const d = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return { path, expected, actual };
}

/** A value as canonical JSON reads it back: bigints as decimal strings, keys without undefined. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(canonicalJson(value));
}

/** Payouts as comparable rows: lower-case recipients, amounts as decimal strings, by recipient. */
function payoutRows(payouts: readonly { recipient: string }[]) {
  return payouts
    .map(
      (p) =>
        JSON.parse(canonicalJson({ ...p, recipient: p.recipient.toLowerCase() })) as { recipient: string },
    )
    .sort((a, b) => (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0));
}

/** Hex compares in any letter case. */
function comparable(value: unknown): unknown {
  return typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value) ? value.toLowerCase() : value;
}

/** A value for a person: strings as they are, bigints in decimal, anything else as short JSON. */
function shown(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
