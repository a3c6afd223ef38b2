// The EIP-712 domain every signature a guild accepts is bound to: its chain and its token (the settlement).
import type { Address } from "viem";

/** What identifies one guild: the chain it settles on and its token, which is also its settlement. */
export interface GuildDomainInput {
  chainId: number;
  verifyingContract: Address;
}

/** The full EIP-712 domain: `{ name: "Guild", version: "1", chainId, verifyingContract }`. */
export interface GuildDomain extends GuildDomainInput {
  name: "Guild";
  version: "1";
}

/**
 * The EIP-712 domain of a guild. A signature made for one guild on one chain verifies nowhere else,
 * so a submission or an identity claim cannot be replayed into another guild.
 */
export function guildDomain(input: GuildDomainInput): GuildDomain {
  return { name: "Guild", version: "1", chainId: input.chainId, verifyingContract: input.verifyingContract };
}
