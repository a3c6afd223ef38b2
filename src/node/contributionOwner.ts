// Whose a contribution is: its contributor's address, or the address an identity claim ties its
// unmapped contributor to. What decides who may dispute its verdicts and who may not endorse it.
import type { Address } from "viem";
import type { Contribution } from "../core/contribution/contribution.ts";
import type { Store } from "../store/store.ts";

/** The owner's address, or undefined while an imported contributor is mapped to none. */
export async function contributionOwner(
  store: Pick<Store, "getIdentity">,
  contribution: Pick<Contribution, "contributor">,
): Promise<Address | undefined> {
  const { contributor } = contribution;
  return contributor.kind === "address"
    ? contributor.address
    : (await store.getIdentity(contributor.source, contributor.name))?.address;
}
