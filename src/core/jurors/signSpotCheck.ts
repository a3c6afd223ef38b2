// Signs a juror's spot-check answer with a local account: for the CLI, tests and scripts.
import type { LocalAccount } from "viem";
import type { GuildDomainInput } from "../contribution/guildDomain.ts";
import type { SignedSpotCheck, SpotCheckFields } from "./spotCheck.ts";
import { spotCheckTypedData } from "./spotCheck.ts";

/**
 * Signs `fields` as `account` for the guild of `domain`. It checks nothing (validateSpotCheck does), so
 * tests can sign what the guild must refuse.
 */
export async function signSpotCheck(
  account: LocalAccount,
  fields: SpotCheckFields,
  domain: GuildDomainInput,
): Promise<SignedSpotCheck> {
  const signature = await account.signTypedData(spotCheckTypedData(account.address, fields, domain));
  return {
    juror: account.address,
    epochId: fields.epochId,
    a: fields.a,
    b: fields.b,
    winner: fields.winner,
    multiplierPermille: fields.multiplierPermille,
    nonce: fields.nonce.toString(),
    deadline: fields.deadline,
    signature,
  };
}
