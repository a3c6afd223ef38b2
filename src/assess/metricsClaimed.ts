// Where a contribution's metrics come from decides whether they are evidence: the one rule, for every evaluator.
import type { Contribution } from "../core/contribution/contribution.ts";

/**
 * Whether `contribution`'s metrics are its contributor's own claims (a signed submission: `guild submit
 * --metric`, POST /v1/contributions) rather than measurements by an importer (git history, computed
 * from the repository; a grant round's data). A signature proves who claims a number, not that it is
 * true, so the signals model pays for no claimed metric and the LLM judge is shown them as claims.
 */
export function metricsClaimed(contribution: Pick<Contribution, "source">): boolean {
  return contribution.source.kind === "signed";
}
