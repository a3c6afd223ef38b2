// The peer-signals evaluator: scores a contribution by how much of the members' support it drew in its epoch.
import type { Hex } from "viem";
import { rubricHash } from "../../core/assessment/defaultRubric.ts";
import type { Evaluator } from "../../core/assessment/evaluator.ts";
import type { Rubric, Verdict } from "../../core/assessment/verdict.ts";
import type { Contribution } from "../../core/contribution/contribution.ts";
import { GuildError } from "../../core/errors.ts";
import { keccak256Text } from "../../core/hash/keccak256.ts";
import { canonicalJson } from "../../core/report/canonicalJson.ts";
import { checkContribution } from "../checkContribution.ts";
import { checkRubric } from "../checkRubric.ts";
import { naturalLog } from "../signals/logScale.ts";
import type { PeerEndorsements, PeerSupport } from "./peerSupport.ts";
import { peerSupportOf, supportFor } from "./peerSupport.ts";

export const PEERS_EVALUATOR_ID = "guild/peers";
/** Bumped whenever the scale or the wording of a reason changes. */
export const PEERS_EVALUATOR_VERSION = "1.0.0";
/** Support that earns full marks: three members' whole support, in per mille of one member's. */
export const FULL_SUPPORT_PERMILLE = 3_000;

/** The evaluator was given no endorsements for the contribution's epoch, so it cannot say what support it has. */
export class EndorsementsNotRead extends GuildError {}

/** Endorsements by epoch: each closed epoch's, fixed when it closed. */
export type EpochEndorsements = ReadonlyMap<number, PeerEndorsements>;

/** ln(1 + full support in members' whole units): the scale's denominator. */
const LN_FULL = naturalLog(1 + FULL_SUPPORT_PERMILLE / 1_000);

/** At most this many endorsers are named in a reason; the rest are counted. */
const NAMED_ENDORSERS = 5;

/**
 * Scores each contribution from its epoch's endorsements (signed by members while the epoch was open; see
 * README.md beside it). Every criterion gets the same score, ln(1 + support) / ln(1 + 3) of 100 with support
 * in members' whole units, since a peer endorses the work, not one criterion of it. A contribution nobody
 * endorsed scores 0: in an ensemble, the other evaluators carry it. Deterministic for the same
 * contribution, rubric and endorsements; the input hash names every endorser and their count.
 */
export class PeersEvaluator implements Evaluator {
  readonly id = PEERS_EVALUATOR_ID;
  readonly version = PEERS_EVALUATOR_VERSION;
  readonly #support: ReadonlyMap<number, PeerSupport>;

  /**
   * @param endorsements each epoch's endorsements, contribution id → endorsers (read once, copied): those of
   *   every epoch whose contributions it will assess
   */
  constructor(endorsements: EpochEndorsements) {
    this.#support = new Map([...endorsements].map(([epochId, e]) => [epochId, peerSupportOf(e)]));
  }

  /**
   * @throws InvalidContribution, ContributionIdMismatch, InvalidRubric (as rejections), as the signals model
   *   does; EndorsementsNotRead for a contribution of an epoch it was given no endorsements for
   */
  async assess(contribution: Contribution, rubric: Rubric): Promise<Verdict> {
    checkContribution(contribution);
    checkRubric(rubric);
    const contributionId = contribution.id.toLowerCase() as Hex;
    const support = this.#support.get(contribution.epochId);
    if (support === undefined) {
      throw new EndorsementsNotRead(
        `the peers evaluator was given no endorsements for epoch ${contribution.epochId}`,
        { epochId: contribution.epochId, epochs: [...this.#support.keys()] },
      );
    }
    const { endorsers, supportPermille } = supportFor(support, contributionId);
    const evaluator = { id: this.id, version: this.version };
    const inputHash: Hex = keccak256Text(
      canonicalJson({
        evaluator,
        contribution: contributionId,
        rubric: rubricHash(rubric),
        fullSupportPermille: FULL_SUPPORT_PERMILLE,
        endorsers: endorsers.map((e) => ({ endorser: e.endorser, endorsed: e.endorsed })),
      }),
    );
    const score = Math.min(100, Math.round((100 * naturalLog(1 + supportPermille / 1_000)) / LN_FULL));
    const reason = reasonFor(endorsers, supportPermille);
    return {
      contributionId,
      evaluator,
      inputHash,
      scores: rubric.criteria.map((c) => ({ criterion: c.id, score, reason })),
      // Every criterion has the same score, so the rubric-weighted score is that score.
      overall: score,
      flags: [],
    };
  }
}

/** The reason every criterion gives: who endorsed it, their shares, and the support against full marks. */
function reasonFor(endorsers: ReturnType<typeof supportFor>["endorsers"], supportPermille: number): string {
  const full = `full marks at ${FULL_SUPPORT_PERMILLE / 1_000} members' whole support`;
  if (endorsers.length === 0) {
    return `No member endorsed this work while its epoch was open: no peer support (${full}).`;
  }
  const named = endorsers
    .slice(0, NAMED_ENDORSERS)
    .map(
      (e) =>
        `${e.endorser} (${e.endorsed === 1 ? "the only work they endorsed" : `one of ${e.endorsed} they endorsed`})`,
    );
  const more = endorsers.length - named.length;
  const who = more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
  const members = endorsers.length === 1 ? "1 member" : `${endorsers.length} members`;
  return (
    `Endorsed by ${members} while its epoch was open: ${who}. Each member's support is shared equally ` +
    `among the work they endorse, so this has ${(supportPermille / 1_000).toFixed(3)} members' support (${full}).`
  );
}
