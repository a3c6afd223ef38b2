// The pairwise request for two contributions shown as A and B: a pure function of them, the rubric, the model and the parameters.
import type { Hex } from "viem";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { Rubric } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { checkContribution } from "../checkContribution.ts";
import { checkRubric } from "../checkRubric.ts";
import { metricsClaimed } from "../metricsClaimed.ts";
import { fenceContribution } from "./fenceContribution.ts";
import { inputFlagsOf, judgeInputHash, LLM_JUDGE_ID, LLM_JUDGE_VERSION } from "./judgeRequest.ts";
import type { JudgeRequest, LlmParameters } from "./llmAudit.ts";
import { PAIR_TEMPLATE_HASH, pairPrompt } from "./pairPrompt.ts";
import { PAIR_REPLY_SCHEMA, PAIR_SCHEMA_NAME } from "./pairReply.ts";

/**
 * Everything the judge sends to compare `a` (shown as A) with `b` (shown as B). Findings and cut fields
 * are named `A.title`, `B.links[0]`, … Same arguments, same request.
 * @throws InvalidContribution, ContributionIdMismatch when a contribution is incomplete or its id is wrong
 * @throws InvalidRubric when the rubric is malformed
 */
export function pairRequest(
  a: Contribution,
  b: Contribution,
  rubric: Rubric,
  model: string,
  parameters: LlmParameters,
): JudgeRequest {
  const fencedA = fenceContribution(checkContribution(a), parameters.datamarking, metricsClaimed(a));
  const fencedB = fenceContribution(checkContribution(b), parameters.datamarking, metricsClaimed(b));
  checkRubric(rubric);
  const evaluator = { id: LLM_JUDGE_ID, version: LLM_JUDGE_VERSION };
  const contributionIds = [a.id.toLowerCase() as Hex, b.id.toLowerCase() as Hex];
  const hashes = { rubricHash: rubricHash(rubric), promptTemplateHash: PAIR_TEMPLATE_HASH };
  return {
    task: "pair",
    evaluator,
    contributionIds,
    ...hashes,
    model,
    parameters,
    inputHash: judgeInputHash({ evaluator, contributionIds, ...hashes, model, parameters }),
    messages: pairPrompt(rubric, fencedA, fencedB, parameters.datamarking),
    responseSchema: { name: PAIR_SCHEMA_NAME, schema: PAIR_REPLY_SCHEMA },
    findings: [
      ...fencedA.findings.map((f) => ({ ...f, field: `A.${f.field}` })),
      ...fencedB.findings.map((f) => ({ ...f, field: `B.${f.field}` })),
    ],
    truncated: [...fencedA.truncated.map((f) => `A.${f}`), ...fencedB.truncated.map((f) => `B.${f}`)],
    disbelieved: [...fencedA.disbelieved.map((f) => `A.${f}`), ...fencedB.disbelieved.map((f) => `B.${f}`)],
    inputFlags: inputFlagsOf([fencedA, fencedB]),
  };
}
