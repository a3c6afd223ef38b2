// Signs a contributor's dispute with a local account: for the CLI, tests and scripts.
import type { LocalAccount } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import type { DisputeFields, SignedDispute } from "./dispute.ts";
import { disputeTypedData } from "./dispute.ts";

/**
 * Signs `fields` as `account` for the guild of `domain`. It checks nothing (validateDispute does), so
 * tests can sign what the guild must refuse; trim the reason before signing.
 */
export async function signDispute(
  account: LocalAccount,
  fields: DisputeFields,
  domain: GuildDomainInput,
): Promise<SignedDispute> {
  const signature = await account.signTypedData(disputeTypedData(account.address, fields, domain));
  return {
    disputant: account.address,
    contributionId: fields.contributionId,
    evaluator: fields.evaluator,
    reason: fields.reason,
    nonce: fields.nonce.toString(),
    deadline: fields.deadline,
    signature,
  };
}
