// What findDuplicates reads of a contribution: its id, who submitted it, when, and its text.
import type { Contribution } from "../contribution/contribution.ts";
import type { DuplicateItem } from "./findDuplicates.ts";

/**
 * Who a contribution is from, as duplicate detection compares it: the lower-case address when the
 * contributor is known (`address:0x…`), else the source and name (`unmapped:<source>:<name>`).
 */
export function contributorKeyOf(contributor: Contribution["contributor"]): string {
  return contributor.kind === "address"
    ? `address:${contributor.address.toLowerCase()}`
    : `unmapped:${contributor.source}:${contributor.name}`;
}

/** The duplicate-detection item of `contribution`. */
export function duplicateItemOf(contribution: Contribution): DuplicateItem {
  return {
    id: contribution.id,
    contributorKey: contributorKeyOf(contribution.contributor),
    createdAt: contribution.createdAt,
    title: contribution.title,
    description: contribution.description,
  };
}
