// An epoch's payouts and their Merkle tree, built once per epoch root and kept for the next request:
// proofs for claims and pages of payouts then cost no database read and no hashing.
import type { Hex } from "viem";
import { GuildError } from "../../core/errors.ts";
import { buildPayoutTree, type PayoutTree } from "../../core/merkle/payoutTree.ts";
import type { EpochRecord, Payout, Store } from "../../store/store.ts";

/** An epoch's leaves as stored (by recipient, lower-case hex order) and their tree. */
export interface EpochPayouts {
  epochId: number;
  root: Hex;
  payouts: readonly Payout[];
  /** Null when the epoch pays nobody. */
  tree: PayoutTree | null;
}

/** Epochs kept at once: the latest finalized and proposed ones are the ones asked for. */
const DEFAULT_CAPACITY = 4;

/**
 * Trees by epoch and root. A root names its leaves exactly, so an entry never goes stale: a vetoed epoch
 * allocated again gets a new root and a new entry. Concurrent requests for one epoch share one build.
 */
export class PayoutTreeCache {
  private readonly entries = new Map<string, Promise<EpochPayouts>>();
  private readonly store: Store;
  private readonly capacity: number;

  constructor(store: Store, capacity = DEFAULT_CAPACITY) {
    this.store = store;
    this.capacity = capacity;
  }

  /**
   * The payouts and tree of `epoch`, which must have a root (be allocated or further).
   * @throws StoredPayoutsMismatch when the stored payouts do not rebuild the root (the store was changed
   *   under the epoch; the API answers Internal and the node's log says why)
   */
  get(epoch: EpochRecord & { root: Hex }): Promise<EpochPayouts> {
    const key = `${epoch.id}:${epoch.root.toLowerCase()}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = this.build(epoch.id, epoch.root);
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
      while (this.entries.size > this.capacity) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    } else {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async build(epochId: number, root: Hex): Promise<EpochPayouts> {
    const payouts = await this.store.listPayouts(epochId);
    if (payouts.length === 0) return { epochId, root, payouts, tree: null };
    const tree = buildPayoutTree(
      payouts.map((p) => ({
        account: p.recipient,
        cumulativeAmount: p.cumulativeAmount,
        cumulativeReputation: p.cumulativeReputation,
      })),
    );
    if (tree.root.toLowerCase() !== root.toLowerCase()) {
      throw new StoredPayoutsMismatch(epochId, tree.root, root);
    }
    return { epochId, root, payouts, tree };
  }
}

/** The payouts in the store do not rebuild the root the epoch holds: the store was changed under it. */
export class StoredPayoutsMismatch extends GuildError {
  constructor(epochId: number, rebuilt: Hex, root: Hex) {
    super(`the stored payouts of epoch ${epochId} rebuild ${rebuilt}, not the epoch's root ${root}`, {
      epochId,
      rebuilt,
      root,
    });
  }
}
