import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Address, Hex } from "viem";
import { DEFAULT_RUBRIC } from "../../core/assessment/defaultRubric.ts";
import { evaluatorSuite } from "../evaluatorSuite.ts";
import { contributionOf } from "../testing/contributionOf.ts";
import { peerSupportOf, supportFor } from "./peerSupport.ts";
import { EndorsementsNotRead, PeersEvaluator } from "./peersEvaluator.ts";

const member = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const work = contributionOf();
const other = contributionOf({ title: "Write the operator's guide" });
const third = contributionOf({ title: "Benchmark the allocation" });

// The shared suite, with the suite's own plain contribution endorsed by two members.
evaluatorSuite(
  "PeersEvaluator",
  () => new PeersEvaluator(new Map([[1, new Map([[work.id, [member(1), member(2)]]])]])),
);

const scores = async (endorsements: Map<Hex, Address[]>, contribution = work) => {
  const verdict = await new PeersEvaluator(new Map([[1, endorsements]])).assess(contribution, DEFAULT_RUBRIC);
  return { verdict, score: verdict.overall };
};

describe("PeersEvaluator", () => {
  it("scores every criterion alike: 0 unendorsed, 50 for one member's whole support, 100 from three", async () => {
    const none = await scores(new Map());
    assert.equal(none.score, 0);
    assert.match(none.verdict.scores[0]?.reason ?? "", /^No member endorsed this work/);
    const one = await scores(new Map([[work.id, [member(1)]]]));
    assert.equal(one.score, 50);
    assert.deepEqual(
      one.verdict.scores.map((s) => s.score),
      DEFAULT_RUBRIC.criteria.map(() => 50),
    );
    assert.equal((await scores(new Map([[work.id, [member(1), member(2)]]]))).score, 79);
    assert.equal((await scores(new Map([[work.id, [member(1), member(2), member(3)]]]))).score, 100);
    assert.equal((await scores(new Map([[work.id, [1, 2, 3, 4, 5].map(member)]]))).score, 100);
  });

  it("shares each member's support among what they endorse: endorsing everything buys nothing", async () => {
    // Member 1 endorses three works, member 2 only this one.
    const endorsements = new Map([
      [work.id, [member(1), member(2)]],
      [other.id, [member(1)]],
      [third.id, [member(1)]],
    ]);
    const { endorsers, supportPermille } = supportFor(peerSupportOf(endorsements), work.id);
    assert.deepEqual(endorsers, [
      { endorser: member(1), endorsed: 3, sharePermille: 333 },
      { endorser: member(2), endorsed: 1, sharePermille: 1_000 },
    ]);
    assert.equal(supportPermille, 1_333);
    const { verdict, score } = await scores(endorsements);
    assert.equal(score, 61);
    assert.match(
      verdict.scores[0]?.reason ?? "",
      /Endorsed by 2 members .*one of 3 they endorsed.*1\.333 members' support/,
    );
    // Whatever a member endorses, the support they give adds up to about one member's whole.
    await fc.assert(
      fc.property(fc.subarray([work, other, third], { minLength: 1 }), (endorsed) => {
        const support = peerSupportOf(new Map(endorsed.map((c) => [c.id, [member(9)]])));
        const total = [work, other, third].reduce((s, c) => s + supportFor(support, c.id).supportPermille, 0);
        assert.ok(Math.abs(total - 1_000) <= 1, `${total}`);
      }),
    );
  });

  it("reads ids and endorsers in any case, and an endorser named twice once", async () => {
    const upper = work.id.toUpperCase().replace("0X", "0x") as Hex;
    const a = await scores(
      new Map([[upper, [member(10), member(10).toUpperCase().replace("0X", "0x") as Address]]]),
    );
    const b = await scores(new Map([[work.id, [member(10)]]]));
    assert.equal(a.score, 50);
    assert.equal(a.verdict.inputHash, b.verdict.inputHash);
  });

  it("names its endorsers in the input hash: another endorser or another share is another verdict", async () => {
    const base = (await scores(new Map([[work.id, [member(1)]]]))).verdict.inputHash;
    assert.notEqual((await scores(new Map([[work.id, [member(2)]]]))).verdict.inputHash, base);
    const shared = new Map([
      [work.id, [member(1)]],
      [other.id, [member(1)]],
    ]);
    assert.notEqual((await scores(shared)).verdict.inputHash, base);
    // Endorsements of other work by other members do not change this verdict.
    const unrelated = new Map([
      [work.id, [member(1)]],
      [other.id, [member(2)]],
    ]);
    assert.equal((await scores(unrelated)).verdict.inputHash, base);
  });

  it("refuses a contribution of an epoch whose endorsements it was not given", async () => {
    const later = contributionOf({ epochId: 2 });
    await assert.rejects(
      new PeersEvaluator(new Map([[1, new Map()]])).assess(later, DEFAULT_RUBRIC),
      (e: unknown) => e instanceof EndorsementsNotRead && e.details.epochId === 2,
    );
  });

  it("names at most five endorsers in its reason and counts the rest", async () => {
    const { verdict } = await scores(new Map([[work.id, [1, 2, 3, 4, 5, 6, 7].map(member)]]));
    const reason = verdict.scores[0]?.reason ?? "";
    assert.match(reason, /Endorsed by 7 members/);
    assert.match(reason, /and 2 more/);
    assert.ok(!reason.includes(member(6)));
  });
});
