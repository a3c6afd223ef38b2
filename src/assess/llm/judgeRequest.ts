// The verdict request for one contribution: a pure function of the contribution, the rubric, the model and the parameters.
import type { Hex } from "viem";
import { keccak256, stringToBytes } from "viem";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { Rubric } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { checkContribution } from "../checkContribution.ts";
import { checkRubric } from "../checkRubric.ts";
import { metricsClaimed } from "../metricsClaimed.ts";
import { type FencedContribution, fenceContribution } from "./fenceContribution.ts";
import { JUDGE_TEMPLATE_HASH, judgePrompt } from "./judgePrompt.ts";
import type { JudgeRequest, LlmParameters } from "./llmAudit.ts";
import { VERDICT_SCHEMA_NAME, verdictReplySchema } from "./verdictReply.ts";

export const LLM_JUDGE_ID = "guild/llm-judge";
/** Bumped whenever the prompt, the schema, the limits, the scanner's use or the parsing of replies changes. */
export const LLM_JUDGE_VERSION = "1.2.0";

/** Verdict flags the input alone earns. */
export const INPUT_FLAGS = Object.freeze({
  /** The scanner found instructions aimed at the judge (removed from what the judge was shown). */
  injection: "injection-suspected",
  /** Some text was cut to the prompt's limits, so the judge did not see all of it. */
  truncation: "content-truncated",
  /** Some metric could not be true and was left out (the signals model raises the same flag). */
  implausible: "metrics-implausible",
  /** The metrics are the contributor's claims in a signed submission, shown as such (the signals model's flag too). */
  selfReported: "metrics-self-reported",
});

/**
 * keccak256 of the canonical JSON of what a judge request reads: the evaluator, the contributions
 * (their ids are keccak256 of their canonical content), the rubric's hash, the model name, the prompt
 * template's hash and the parameters.
 */
export function judgeInputHash(parts: {
  evaluator: { id: string; version: string };
  contributionIds: readonly Hex[];
  rubricHash: Hex;
  model: string;
  promptTemplateHash: Hex;
  parameters: LlmParameters;
}): Hex {
  return keccak256(stringToBytes(canonicalJson(parts)));
}

/** The flags of fenced content: injection-suspected when anything was found, content-truncated when cut. */
export function inputFlagsOf(fenced: readonly FencedContribution[]): string[] {
  const flags: string[] = [];
  if (fenced.some((f) => f.findings.length > 0)) flags.push(INPUT_FLAGS.injection);
  if (fenced.some((f) => f.truncated.length > 0)) flags.push(INPUT_FLAGS.truncation);
  if (fenced.some((f) => f.disbelieved.length > 0)) flags.push(INPUT_FLAGS.implausible);
  if (fenced.some((f) => f.claimsShown)) flags.push(INPUT_FLAGS.selfReported);
  return flags.sort();
}

/**
 * Everything the judge sends to score `contribution` against `rubric` with `model`: the fenced
 * prompt, the reply schema, the findings, the input hash. Same arguments, same request, byte for byte.
 * @throws InvalidContribution, ContributionIdMismatch when the contribution is incomplete or its id is wrong
 * @throws InvalidRubric when the rubric is malformed
 */
export function judgeRequest(
  contribution: Contribution,
  rubric: Rubric,
  model: string,
  parameters: LlmParameters,
): JudgeRequest {
  const content = checkContribution(contribution);
  checkRubric(rubric);
  const fenced = fenceContribution(content, parameters.datamarking, metricsClaimed(contribution));
  const evaluator = { id: LLM_JUDGE_ID, version: LLM_JUDGE_VERSION };
  const contributionIds = [contribution.id.toLowerCase() as Hex];
  const hashes = { rubricHash: rubricHash(rubric), promptTemplateHash: JUDGE_TEMPLATE_HASH };
  return {
    task: "verdict",
    evaluator,
    contributionIds,
    ...hashes,
    model,
    parameters,
    inputHash: judgeInputHash({ evaluator, contributionIds, ...hashes, model, parameters }),
    messages: judgePrompt(rubric, fenced, parameters.datamarking),
    responseSchema: { name: VERDICT_SCHEMA_NAME, schema: verdictReplySchema(rubric) },
    findings: fenced.findings,
    truncated: fenced.truncated,
    disbelieved: fenced.disbelieved,
    inputFlags: inputFlagsOf([fenced]),
  };
}
