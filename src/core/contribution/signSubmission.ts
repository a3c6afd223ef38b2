// Signs a contribution submission with a local account: for tests, the CLI and scripts.
import type { LocalAccount } from "viem";
import type { GuildDomainInput } from "./guildDomain.ts";
import { SubmissionFieldMistyped } from "./submissionErrors.ts";
import type { SignedSubmission, SubmissionFields } from "./submissionTypedData.ts";
import { submissionTypedData } from "./submissionTypedData.ts";

/**
 * Signs `fields` as `account` for the guild of `domain` and returns the submission as it travels
 * (JSON-safe: the nonce as a decimal string). It does not check the limits (validateSubmission does),
 * so tests can sign what the guild must refuse.
 * @throws SubmissionFieldMistyped when a metric is not a safe integer (it could not be signed)
 */
export async function signSubmission(
  account: LocalAccount,
  fields: SubmissionFields,
  domain: GuildDomainInput,
): Promise<SignedSubmission> {
  for (const [name, value] of Object.entries(fields.metrics)) {
    if (!Number.isSafeInteger(value))
      throw new SubmissionFieldMistyped(`metrics.${name}`, "a safe integer", value);
  }
  const signature = await account.signTypedData(submissionTypedData(account.address, fields, domain));
  return {
    contributor: account.address,
    epochId: fields.epochId,
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    links: [...fields.links],
    metrics: { ...fields.metrics },
    nonce: fields.nonce.toString(),
    deadline: fields.deadline,
    signature,
  };
}
