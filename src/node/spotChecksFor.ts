// The spot checks a juror is asked next in an epoch: pairs with disputed work first, then its most
// informative pairs, never their own work.
import type { Address } from "viem";
import type { ChosenPair } from "../core/jurors/choosePairs.ts";
import { choosePairs, pairKey } from "../core/jurors/choosePairs.ts";
import { readAssessed } from "./epoch/epochLedger.ts";
import type { NodeContext } from "./openNode.ts";

/** A pair to ask about, with what a juror needs to judge it. */
export interface SpotCheckQuestion extends ChosenPair {
  titles: { a: string; b: string };
}

/**
 * The `count` most informative pairs of the assessed epoch `epochId` for `juror` (see choosePairs),
 * those with a contribution its contributor disputed first, leaving out pairs with the juror's own work
 * and pairs they already answered.
 * @throws EpochOutputMissing when the epoch is not assessed yet
 */
export async function spotChecksFor(
  ctx: NodeContext,
  epochId: number,
  juror: Address,
  count: number,
): Promise<SpotCheckQuestion[]> {
  const assessed = await readAssessed(ctx.store, epochId);
  const heads = new Map(
    (await ctx.store.getContributionHeads(assessed.values.map((v) => v.contributionId))).map((h) => [
      h.id.toLowerCase(),
      h,
    ]),
  );
  const answered = new Set(
    (await ctx.store.listJurorAnswers({ epochId, juror })).map((a) =>
      pairKey(a.a.toLowerCase(), a.b.toLowerCase()),
    ),
  );
  const disputed = new Set(
    (await ctx.store.listDisputes({ epochId })).map((d) => d.contributionId.toLowerCase()),
  );
  const candidates = assessed.values.map((v) => {
    const head = heads.get(v.contributionId.toLowerCase());
    return {
      id: v.contributionId.toLowerCase() as `0x${string}`,
      contributor: head?.contributor.kind === "address" ? head.contributor.address.toLowerCase() : undefined,
      valueUnits: BigInt(v.valueUnits),
      disputed: disputed.has(v.contributionId.toLowerCase()),
    };
  });
  return choosePairs(candidates, { juror: juror.toLowerCase(), count, answered }).map((p) => ({
    ...p,
    titles: { a: heads.get(p.a)?.title ?? "", b: heads.get(p.b)?.title ?? "" },
  }));
}
