// Re-derives a verdict from a stored audit's raw reply: the replay `guild verify` runs, and the live path too.
import type { Hex } from "viem";
import type { Rubric, Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { divideRounded } from "../signals/readSignals.ts";
import { judgeRequest, LLM_JUDGE_ID, LLM_JUDGE_VERSION } from "./judgeRequest.ts";
import type { JudgeRequest, LlmAudit } from "./llmAudit.ts";
import { AuditMismatch, LlmReplyRejected } from "./llmErrors.ts";
import { readChatReply } from "./readChatReply.ts";
import { parseVerdictReply } from "./verdictReply.ts";

/** The fields of a request an audit must hold exactly as this build makes them for its inputs. */
const REQUEST_FIELDS = [
  "task",
  "evaluator",
  "contributionIds",
  "rubricHash",
  "promptTemplateHash",
  "parameters",
  "inputHash",
  "messages",
  "responseSchema",
  "findings",
  "truncated",
  "disbelieved",
  "inputFlags",
] as const satisfies readonly (keyof JudgeRequest)[];

/**
 * The verdict that `audit`'s raw reply gives for `contribution` under `rubric`. Pure: no network, no
 * clock. It rebuilds the request this build makes for these inputs and the audit's model and
 * parameters, and refuses an audit that differs from it in any field (another contribution, rubric,
 * model, prompt, or another version of the judge), then reads the raw reply exactly as the live judge
 * does. The verdict's flags are the input's flags and the model's, sorted and unique; its overall score
 * is the rubric-weighted mean of the scores, rounded half up as the signals model rounds.
 * @throws InvalidContribution, ContributionIdMismatch, InvalidRubric for malformed inputs
 * @throws AuditMismatch when the audit is not a verdict of this judge version on these inputs, records no
 * reply, or its parsed scores are not what its reply says
 * @throws LlmReplyRejected when the stored reply does not validate (the same failure the live judge recorded)
 */
export function verdictFromAudit(audit: LlmAudit, contribution: Contribution, rubric: Rubric): Verdict {
  if (audit.task !== "verdict") throw new AuditMismatch(`it records a ${audit.task} request, not a verdict`);
  if (audit.evaluator.id !== LLM_JUDGE_ID || audit.evaluator.version !== LLM_JUDGE_VERSION)
    throw new AuditMismatch(
      `it was made by ${audit.evaluator.id}@${audit.evaluator.version}, not ${LLM_JUDGE_ID}@${LLM_JUDGE_VERSION}`,
      { evaluator: audit.evaluator },
    );
  const request = judgeRequest(contribution, rubric, audit.model.name, audit.parameters);
  for (const field of REQUEST_FIELDS) {
    if (canonicalJson(audit[field]) !== canonicalJson(request[field]))
      throw new AuditMismatch(`its ${field} is not what this contribution, rubric and model give`, {
        field,
        contributionId: request.contributionIds[0],
      });
  }
  if (audit.failure !== null && audit.failure.kind !== "rejected")
    throw new AuditMismatch(`it records no reply (${audit.failure.kind}: ${audit.failure.reason})`, {
      failure: audit.failure,
    });
  if (
    audit.rawReply === null ||
    audit.httpStatus === null ||
    audit.httpStatus < 200 ||
    audit.httpStatus > 299
  )
    throw new AuditMismatch("it records no successful reply", { httpStatus: audit.httpStatus });

  const reply = readChatReply(audit.rawReply);
  if (!reply.ok) throw new LlmReplyRejected(audit, "envelope", reply.reason, reply.path);
  const parsed = parseVerdictReply(
    reply.content,
    request.responseSchema.schema,
    rubric.criteria.map((c) => c.id),
  );
  if (!parsed.ok) throw new LlmReplyRejected(audit, parsed.stage, parsed.reason, parsed.path);
  if (audit.parsed !== null && canonicalJson(audit.parsed) !== canonicalJson(parsed.value))
    throw new AuditMismatch("its parsed scores are not what its raw reply says", { parsed: audit.parsed });
  if (audit.failure !== null)
    throw new AuditMismatch("it records a rejected reply, but the reply checks", { failure: audit.failure });

  let weightedBps = 0;
  for (const [i, score] of parsed.value.scores.entries())
    weightedBps += score.score * (rubric.criteria[i]?.weightBps ?? 0);
  return {
    contributionId: request.contributionIds[0] as Hex,
    evaluator: { id: LLM_JUDGE_ID, version: LLM_JUDGE_VERSION },
    inputHash: request.inputHash,
    scores: parsed.value.scores,
    overall: divideRounded(weightedBps, 10_000),
    flags: [...new Set([...request.inputFlags, ...parsed.value.flags])].sort(),
  };
}
