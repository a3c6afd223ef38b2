// Asks the judge which of two contributions is worth more, in both orders, and keeps only an answer that survives the swap.
import type { Hex } from "viem";
import type { Rubric } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { callJudge, type JudgeConnection } from "./callJudge.ts";
import type { LlmAudit, LlmParameters, ParsedPairReply } from "./llmAudit.ts";
import { parsePairReply } from "./pairReply.ts";
import { pairRequest } from "./pairRequest.ts";

/** The outcome of a pairwise comparison. */
export interface PairComparison {
  /** The id of the contribution worth more, or "tie" when the judge's answer flipped with the order. */
  winner: Hex | "tie";
  /**
   * How many times more the winner is worth, in thousandths (1,000 = equal): the geometric mean of the
   * two answers' multipliers, rounded; 1,000 for a tie.
   */
  ratioPermille: number;
  /** The input flags of both requests (`injection-suspected`, `content-truncated`), sorted and unique. */
  flags: string[];
  /** The audit of the request showing a as A, then of the one showing b as A. */
  audits: [LlmAudit, LlmAudit];
}

/** What comparePair needs of a judge. */
export interface PairJudge {
  readonly connection: JudgeConnection;
  readonly model: string;
  readonly parameters: LlmParameters;
}

/**
 * Asks `judge` whether `a` or `b` is worth more under `rubric` and by how much, first showing a as A,
 * then b as A. Models favour a position; an answer that names the same contribution both times is kept,
 * one that flips with the order is a tie. The two requests run one after the other, so audits reach
 * `onAudit` in a fixed order.
 * @throws InvalidContribution, ContributionIdMismatch, InvalidRubric before any request is sent
 * @throws LlmReplyRejected, LlmServerUnavailable, LlmRequestRefused when either request fails (no half answer)
 */
export async function comparePair(
  judge: PairJudge,
  a: Contribution,
  b: Contribution,
  rubric: Rubric,
): Promise<PairComparison> {
  const forward = pairRequest(a, b, rubric, judge.model, judge.parameters);
  const backward = pairRequest(b, a, rubric, judge.model, judge.parameters);
  const first = await callJudge(judge.connection, forward, parsePairReply);
  const second = await callJudge(judge.connection, backward, parsePairReply);
  const [idA, idB] = forward.contributionIds as [Hex, Hex];
  const pick = (reply: ParsedPairReply, shownFirst: Hex, shownSecond: Hex): Hex =>
    reply.winner === "A" ? shownFirst : shownSecond;
  const winnerFirst = pick(first.parsed, idA, idB);
  const winnerSecond = pick(second.parsed, idB, idA);
  const flags = [...new Set([...forward.inputFlags, ...backward.inputFlags])].sort();
  if (winnerFirst !== winnerSecond)
    return { winner: "tie", ratioPermille: 1000, flags, audits: [first, second] };
  return {
    winner: winnerFirst,
    ratioPermille: Math.round(Math.sqrt(first.parsed.multiplierPermille * second.parsed.multiplierPermille)),
    flags,
    audits: [first, second],
  };
}
