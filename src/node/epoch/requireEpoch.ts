// The epoch a step works on, which must exist.
import { GuildError } from "../../core/errors.ts";
import type { EpochRecord } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";

/** The epoch does not exist in the store. */
export class UnknownEpoch extends GuildError {}

/** @throws UnknownEpoch when the store has no epoch `epochId` */
export async function requireEpoch(ctx: NodeContext, epochId: number): Promise<EpochRecord> {
  const epoch = await ctx.store.getEpoch(epochId);
  if (epoch === undefined) throw new UnknownEpoch(`there is no epoch ${epochId}`, { epochId });
  return epoch;
}
