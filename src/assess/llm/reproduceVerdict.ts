// Re-runs a stored verdict request against a judge's server and says whether the scores come out the same.
import { callJudge, type JudgeConnection } from "./callJudge.ts";
import { judgeInputHash } from "./judgeRequest.ts";
import type { JudgeRequest, LlmAudit } from "./llmAudit.ts";
import { AuditMismatch } from "./llmErrors.ts";
import { parseVerdictReply } from "./verdictReply.ts";

/** How a re-run compares with the stored verdict. */
export interface VerdictReproduction {
  /** Every criterion's score is within `toleranceScore` of the stored one. */
  reproduced: boolean;
  toleranceScore: number;
  /** The criteria whose score changed at all, in rubric order. */
  differences: { criterion: string; stored: number; reproduced: number }[];
  /** The largest change of a criterion's score, 0 when none changed. */
  maxDifference: number;
  /** The model raised the same flags. */
  flagsMatch: boolean;
  /** The server named the same model, fingerprint and digest as the stored reply (nulls compare equal). */
  sameModel: boolean;
  /** The audit of the re-run. */
  audit: LlmAudit;
}

/** What reproduceVerdict needs of a judge: where to send, and under which model name. */
export interface ReproducingJudge {
  readonly connection: JudgeConnection;
  readonly model: string;
}

/**
 * Sends the stored request again, byte for byte (messages, schema and parameters as recorded), to the
 * server of `judge` under `judge.model` (another server may name the same weights differently), and
 * compares the scores. The re-run's audit names the judge's model, so its input hash is recomputed.
 * @throws AuditMismatch when `stored` is not a verdict audit with parsed scores
 * @throws LlmReplyRejected, LlmServerUnavailable, LlmRequestRefused when the re-run fails
 */
export async function reproduceVerdict(
  stored: LlmAudit,
  judge: ReproducingJudge,
  options: { toleranceScore?: number } = {},
): Promise<VerdictReproduction> {
  if (stored.task !== "verdict" || stored.parsed?.kind !== "verdict")
    throw new AuditMismatch("it records no verdict scores to reproduce", {
      task: stored.task,
      failure: stored.failure,
    });
  const storedScores = stored.parsed.scores;
  const toleranceScore = options.toleranceScore ?? 0;
  const request: JudgeRequest = {
    task: stored.task,
    evaluator: stored.evaluator,
    contributionIds: stored.contributionIds,
    rubricHash: stored.rubricHash,
    model: judge.model,
    promptTemplateHash: stored.promptTemplateHash,
    parameters: stored.parameters,
    inputHash: judgeInputHash({
      evaluator: stored.evaluator,
      contributionIds: stored.contributionIds,
      rubricHash: stored.rubricHash,
      model: judge.model,
      promptTemplateHash: stored.promptTemplateHash,
      parameters: stored.parameters,
    }),
    messages: stored.messages,
    responseSchema: stored.responseSchema,
    findings: stored.findings,
    truncated: stored.truncated,
    disbelieved: stored.disbelieved ?? [],
    inputFlags: stored.inputFlags,
  };
  const ids = storedScores.map((s) => s.criterion);
  const audit = await callJudge(judge.connection, request, (content) =>
    parseVerdictReply(content, stored.responseSchema.schema, ids),
  );
  const differences = audit.parsed.scores.flatMap((s, i) => {
    const was = storedScores[i]?.score ?? Number.NaN;
    return s.score === was ? [] : [{ criterion: s.criterion, stored: was, reproduced: s.score }];
  });
  const maxDifference = differences.reduce((m, d) => Math.max(m, Math.abs(d.reproduced - d.stored)), 0);
  const { model } = stored;
  return {
    reproduced: maxDifference <= toleranceScore,
    toleranceScore,
    differences,
    maxDifference,
    flagsMatch: audit.parsed.flags.join("\n") === stored.parsed.flags.join("\n"),
    sameModel:
      audit.model.name === model.name &&
      audit.model.reported === model.reported &&
      audit.model.systemFingerprint === model.systemFingerprint &&
      audit.model.digest === model.digest,
    audit,
  };
}
