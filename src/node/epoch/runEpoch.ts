// Runs an epoch's steps in order from wherever it stands: each is idempotent, so a node killed at any
// point resumes with `runEpoch` and produces the same report, the same root and one proposal.
import type { EpochRecord, EpochState } from "../../store/store.ts";
import type { NodeContext } from "../openNode.ts";
import { allocateEpoch } from "./allocateEpoch.ts";
import { assessEpoch } from "./assessEpoch.ts";
import { closeEpoch } from "./closeEpoch.ts";
import { requireEpoch } from "./requireEpoch.ts";
import { finalizeProposedEpoch, proposeAllocatedEpoch } from "./settleEpoch.ts";

const ORDER: readonly EpochState[] = ["open", "closed", "assessed", "allocated", "proposed", "finalized"];

export interface RunEpochOptions {
  /** Stop once the epoch reaches this state (default: proposed; finalizing waits for the window). */
  until?: EpochState;
  /** Called with (jobs finished, jobs in all) while assessing. */
  onProgress?: (finished: number, total: number) => void;
  /** Called as each step completes. */
  onStep?: (epoch: EpochRecord) => void;
}

/**
 * Advances epoch `epochId` step by step up to `until`: close, assess, allocate, propose, finalize.
 * @throws UnknownEpoch, and whatever a step throws (the epoch stays in the last state it reached)
 */
export async function runEpoch(
  ctx: NodeContext,
  epochId: number,
  options: RunEpochOptions = {},
): Promise<EpochRecord> {
  const until = ORDER.indexOf(options.until ?? "proposed");
  let epoch = await requireEpoch(ctx, epochId);
  for (;;) {
    const at = epoch.state === "vetoed" ? ORDER.indexOf("assessed") : ORDER.indexOf(epoch.state);
    if (at >= until) return epoch;
    const next: EpochRecord = await step(ctx, epoch, options);
    options.onStep?.(next);
    if (next.state === epoch.state) return next;
    epoch = next;
  }
}

function step(ctx: NodeContext, epoch: EpochRecord, options: RunEpochOptions): Promise<EpochRecord> {
  switch (epoch.state) {
    case "open":
      return closeEpoch(ctx, epoch.id);
    case "closed":
      return assessEpoch(ctx, epoch.id, options.onProgress);
    case "assessed":
    case "vetoed":
      return allocateEpoch(ctx, epoch.id);
    case "allocated":
      return proposeAllocatedEpoch(ctx, epoch.id);
    case "proposed":
      return finalizeProposedEpoch(ctx, epoch.id);
    case "finalized":
      return Promise.resolve(epoch);
  }
}
