// Test support: jurors who answer every spot check they are asked by one rule (the value they see in each
// contribution), signed and recorded as the node records any juror's answer.
import type { Hex, LocalAccount } from "viem";
import { signSpotCheck } from "../../../core/jurors/signSpotCheck.ts";
import { acceptSpotCheck } from "../../acceptSpotCheck.ts";
import type { NodeContext } from "../../openNode.ts";
import { spotChecksFor } from "../../spotChecksFor.ts";

/**
 * Each of `jurors` answers up to `perJuror` of the pairs spotChecksFor asks them in epoch `epochId`: the
 * contribution with the higher `worth` wins (b on a tie), by the ratio of the two values (a value
 * under 1 counts as 1), capped at 1,000×.
 * @returns how many answers were recorded
 */
export async function answerSpotChecks(
  ctx: NodeContext,
  epochId: number,
  jurors: readonly LocalAccount[],
  worth: (contributionId: Hex) => number,
  perJuror: number,
): Promise<number> {
  const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  const domain = { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token };
  let nonce = 1n;
  let answered = 0;
  for (const juror of jurors) {
    for (const pair of await spotChecksFor(ctx, epochId, juror.address, perJuror)) {
      const [va, vb] = [worth(pair.a), worth(pair.b)];
      const ratio = Math.max(va, vb) / Math.max(1, Math.min(va, vb));
      const signed = await signSpotCheck(
        juror,
        {
          epochId,
          a: pair.a,
          b: pair.b,
          winner: vb >= va ? pair.b : pair.a,
          multiplierPermille: Math.min(1_000_000, Math.round(ratio * 1_000)),
          nonce: nonce++,
          deadline: now + 3_600,
        },
        domain,
      );
      await acceptSpotCheck(ctx, signed);
      answered++;
    }
  }
  return answered;
}
