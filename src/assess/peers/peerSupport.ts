// How much of the members' support each contribution of an epoch has, from who endorsed what.
import type { Address, Hex } from "viem";
import { divideRounded } from "../signals/readSignals.ts";

/** An epoch's endorsements: for each endorsed contribution (its id), the members who endorsed it. */
export type PeerEndorsements = ReadonlyMap<Hex, readonly Address[]>;

/** One endorser of a contribution and the share of their support it has. */
export interface EndorserShare {
  /** Lowercase. */
  endorser: Address;
  /** How many of the epoch's contributions this member endorsed. */
  endorsed: number;
  /** Their share of support this contribution has, per mille: 1,000 ÷ `endorsed`, rounded. */
  sharePermille: number;
}

/** The epoch's support, ready to read: ids and endorsers lowercase, each endorser once per contribution, sorted. */
export interface PeerSupport {
  endorsements: PeerEndorsements;
  /** How many contributions each member endorsed. */
  counts: ReadonlyMap<Address, number>;
}

/** Reads `endorsements` once for every contribution of the epoch: case and repeats do not matter. */
export function peerSupportOf(endorsements: PeerEndorsements): PeerSupport {
  const merged = new Map<Hex, Set<Address>>();
  for (const [id, endorsers] of endorsements) {
    const key = id.toLowerCase() as Hex;
    const set = merged.get(key) ?? new Set<Address>();
    for (const e of endorsers) set.add(e.toLowerCase() as Address);
    merged.set(key, set);
  }
  const normalised = new Map<Hex, readonly Address[]>();
  const counts = new Map<Address, number>();
  for (const [id, set] of merged) {
    normalised.set(id, Object.freeze([...set].sort()));
    for (const e of set) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return { endorsements: normalised, counts };
}

/**
 * Each member has one unit of support an epoch, shared equally among the contributions they endorse, so
 * endorsing everything is worth no more than endorsing one thing. A contribution's support is the sum of
 * its endorsers' shares, per mille (1,000 is one member's whole support). Whole numbers throughout, the
 * same on every machine.
 * @returns the contribution's endorsers (sorted by address) with their shares, and their sum
 */
export function supportFor(
  support: PeerSupport,
  contributionId: Hex,
): { endorsers: EndorserShare[]; supportPermille: number } {
  const endorsers = (support.endorsements.get(contributionId.toLowerCase() as Hex) ?? []).map((endorser) => {
    const endorsed = support.counts.get(endorser) ?? 1;
    return { endorser, endorsed, sharePermille: divideRounded(1_000, endorsed) };
  });
  return { endorsers, supportPermille: endorsers.reduce((s, e) => s + e.sharePermille, 0) };
}
