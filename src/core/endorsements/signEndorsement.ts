// Signs a member's endorsement with a local account: for the CLI, tests and scripts.
import type { LocalAccount } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import type { EndorsementFields, SignedEndorsement } from "./endorsement.ts";
import { endorsementTypedData } from "./endorsement.ts";

/** Signs `fields` as `account` for the guild of `domain`. It checks nothing (validateEndorsement does). */
export async function signEndorsement(
  account: LocalAccount,
  fields: EndorsementFields,
  domain: GuildDomainInput,
): Promise<SignedEndorsement> {
  const signature = await account.signTypedData(endorsementTypedData(account.address, fields, domain));
  return {
    endorser: account.address,
    contributionId: fields.contributionId,
    nonce: fields.nonce.toString(),
    deadline: fields.deadline,
    signature,
  };
}
