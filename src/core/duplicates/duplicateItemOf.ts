// What findDuplicates reads of a contribution: its id, who submitted it, when, and its text.
import type { Contribution } from "../contribution/contribution.ts";
import type { DuplicateItem } from "./findDuplicates.ts";

/**
 * The duplicate-detection item of `contribution`. The contributor key is the lower-case address when
 * the contributor is known (`address:0x…`), else the source and name (`unmapped:<source>:<name>`).
 */
export function duplicateItemOf(contribution: Contribution): DuplicateItem {
  const { contributor } = contribution;
  return {
    id: contribution.id,
    contributorKey:
      contributor.kind === "address"
        ? `address:${contributor.address.toLowerCase()}`
        : `unmapped:${contributor.source}:${contributor.name}`,
    createdAt: contribution.createdAt,
    title: contribution.title,
    description: contribution.description,
  };
}
