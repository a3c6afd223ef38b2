// What an import returns: the contributions, and every author it could not tie to an address.
import type { Contribution } from "../core/contribution/contribution.ts";

/** An author of imported work with no address yet, and how many contributions wait for one. */
export interface UnmappedContributor {
  source: string;
  name: string;
  count: number;
}

/** The result of an import. Unmapped authors are in `contributions` too, never dropped. */
export interface ImportReport {
  contributions: Contribution[];
  /** Most contributions first, then by source. */
  unmapped: UnmappedContributor[];
}

/** The report of `contributions`: every unmapped contributor counted, named as first seen. */
export function importReport(contributions: Contribution[]): ImportReport {
  const bySource = new Map<string, UnmappedContributor>();
  for (const { contributor } of contributions) {
    if (contributor.kind !== "unmapped") continue;
    const entry = bySource.get(contributor.source);
    if (entry === undefined)
      bySource.set(contributor.source, { source: contributor.source, name: contributor.name, count: 1 });
    else entry.count += 1;
  }
  const unmapped = [...bySource.values()].sort(
    (a, b) => b.count - a.count || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  return { contributions, unmapped };
}
