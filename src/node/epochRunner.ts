// The node's epoch runner, for the operator's API routes: runs an epoch's steps in the background while the
// node serves, one run at a time, with what it is doing readable while it runs. Each step is the same
// idempotent step `guild epoch` runs, so a node stopped mid-run resumes from the state the epoch reached.
import type { Address } from "viem";
import { readEpoch } from "../chain/settlement.ts";
import { GuildError } from "../core/errors.ts";
import type { EpochState } from "../store/store.ts";
import { DatabaseUnavailable, TransactionConflict } from "../store/storeErrors.ts";
import type { EpochAction, EpochRunView, EpochStep } from "./api/apiTypes.ts";
import { requireEpoch } from "./epoch/requireEpoch.ts";
import { runEpoch } from "./epoch/runEpoch.ts";
import { ChallengeWindowOpen } from "./epoch/settleEpoch.ts";
import type { NodeContext } from "./openNode.ts";

export type { EpochAction, EpochRunView, EpochStep };

/** A run is going: one at a time per node. */
export class EpochBusy extends GuildError {}
/** Passing the challenge window moves the chain's clock, which only the embedded chain allows. */
export class ClockNeedsEmbeddedChain extends GuildError {}

export interface EpochRunnerOptions {
  /** Told every failure shown only as Internal, for the node's log (default: console.error). */
  onInternalError?: (error: unknown) => void;
  /** The clock, in milliseconds. */
  now?: () => number;
}

const ORDER: readonly EpochState[] = ["open", "closed", "assessed", "allocated", "proposed", "finalized"];
const STEP_INTO: Readonly<Partial<Record<EpochState, EpochStep>>> = {
  closed: "close",
  assessed: "assess",
  allocated: "allocate",
  proposed: "propose",
  finalized: "finalize",
};
/** Where a state stands in ORDER; a vetoed epoch is allocated again, like an assessed one. */
const position = (state: EpochState) => ORDER.indexOf(state === "vetoed" ? "assessed" : state);

/** Runs epochs for one node; `close` before the node closes. */
export class EpochRunner {
  private readonly ctx: NodeContext;
  private readonly now: () => number;
  private readonly onInternalError: (error: unknown) => void;
  private readonly runs = new Map<number, EpochRunView>();
  private last: EpochRunView | undefined;
  /** Set from the moment a start is accepted (its checks included) until its run ends. */
  private busy = false;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(ctx: NodeContext, options: EpochRunnerOptions = {}) {
    this.ctx = ctx;
    this.now = options.now ?? Date.now;
    this.onInternalError = options.onInternalError ?? ((error) => console.error("epoch run failed:", error));
  }

  /** The latest run of `epochId` since the node started, or null. */
  runOf(epochId: number): EpochRunView | null {
    const run = this.runs.get(epochId);
    return run === undefined ? null : structuredClone(run);
  }

  /** The latest run of any epoch since the node started, or null. */
  latest(): EpochRunView | null {
    return this.last === undefined ? null : structuredClone(this.last);
  }

  /**
   * Starts `action` on epoch `epochId` and returns at once; the run goes on in the background and its
   * view (`runOf`) says how far it is. With `passChallengeWindow` (embedded chain only, a development aid
   * like `guild epoch finalize --advance-time`), a finalize moves the chain's clock past the challenge
   * window once the epoch is proposed.
   * @throws EpochBusy while another run is going; UnknownEpoch; ChallengeWindowOpen when a proposed epoch
   *   is to be finalized before its window ends; ClockNeedsEmbeddedChain
   */
  async start(
    epochId: number,
    action: EpochAction,
    options: { by: Address; passChallengeWindow?: boolean },
  ): Promise<EpochRunView> {
    if (this.busy || this.stopping) {
      const current = this.last;
      throw new EpochBusy(
        this.stopping
          ? "the node is stopping: no new epoch run"
          : `epoch ${current?.epochId} is being run (${current?.step ?? "starting"}): one run at a time`,
        current === undefined ? {} : { epochId: current.epochId, step: current.step ?? "starting" },
      );
    }
    this.busy = true;
    let view: EpochRunView;
    try {
      const epoch = await requireEpoch(this.ctx, epochId);
      const pass = options.passChallengeWindow === true;
      if (pass && this.ctx.chain.advanceTime === undefined) {
        throw new ClockNeedsEmbeddedChain(
          "passing the challenge window moves the embedded chain's clock; a real chain keeps its own",
          { chain: this.ctx.chain.kind },
        );
      }
      if (action === "finalize" && epoch.state === "proposed" && !pass) await this.assertWindowOver(epochId);
      view = {
        epochId,
        action,
        target: action === "run" ? "proposed" : "finalized",
        status: "running",
        step: null,
        state: epoch.state,
        assessed: null,
        startedBy: options.by,
        startedAt: this.seconds(),
        finishedAt: null,
        error: null,
      };
      this.runs.set(epochId, view);
      this.last = view;
      this.running = this.drive(view, pass).finally(() => {
        this.busy = false;
        this.running = undefined;
      });
    } catch (error) {
      this.busy = false;
      throw error;
    }
    return structuredClone(view);
  }

  /** Lets the run under way finish its current step, then stops it; waits for that. */
  async close(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async drive(view: EpochRunView, passChallengeWindow: boolean): Promise<void> {
    try {
      for (;;) {
        const epoch = await requireEpoch(this.ctx, view.epochId);
        view.state = epoch.state;
        const at = position(epoch.state);
        if (at >= position(view.target)) break;
        if (this.stopping) {
          view.status = "stopped";
          return;
        }
        const next = ORDER[at + 1] as EpochState;
        view.step = STEP_INTO[next] ?? null;
        if (next === "finalized" && passChallengeWindow) await this.passWindow(view.epochId);
        const after = await runEpoch(this.ctx, view.epochId, {
          until: next,
          onProgress: (finished, total) => {
            view.assessed = { finished, total };
          },
        });
        view.state = after.state;
        // Nothing moved, or a veto seen on chain: the operator decides what comes next.
        if (after.state === epoch.state || after.state === "vetoed") break;
      }
      view.status = "done";
    } catch (error) {
      view.status = "failed";
      view.error = this.errorView(error);
    } finally {
      view.step = null;
      view.finishedAt = this.seconds();
    }
  }

  /** @throws ChallengeWindowOpen with when it ends */
  private async assertWindowOver(epochId: number): Promise<void> {
    const { publicClient } = this.ctx.chain;
    const onChain = await readEpoch(publicClient, this.ctx.manifest.contracts.token, BigInt(epochId));
    if (onChain.stateName !== "Proposed") return;
    const now = (await publicClient.getBlock()).timestamp;
    if (now < BigInt(onChain.challengeEndsAt)) {
      throw new ChallengeWindowOpen(
        `epoch ${epochId}'s challenge window is open until ${new Date(Number(onChain.challengeEndsAt) * 1000).toISOString()}`,
        { epochId, endsAt: Number(onChain.challengeEndsAt), now: Number(now) },
      );
    }
  }

  /** Moves the embedded chain's clock just past the epoch's challenge window, if it is not past yet. */
  private async passWindow(epochId: number): Promise<void> {
    const { publicClient, advanceTime } = this.ctx.chain;
    if (advanceTime === undefined) return;
    const onChain = await readEpoch(publicClient, this.ctx.manifest.contracts.token, BigInt(epochId));
    if (onChain.stateName !== "Proposed") return;
    const now = Number((await publicClient.getBlock()).timestamp);
    const endsAt = Number(onChain.challengeEndsAt);
    if (now < endsAt) await advanceTime(endsAt - now + 1);
  }

  private errorView(error: unknown): { code: string; message: string } {
    if (error instanceof DatabaseUnavailable || error instanceof TransactionConflict) {
      return { code: "Unavailable", message: "the node's database is unavailable or busy: run it again" };
    }
    if (error instanceof GuildError) return { code: error.name, message: error.message };
    this.onInternalError(error);
    return { code: "Internal", message: "the step failed; the node's log says why" };
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
