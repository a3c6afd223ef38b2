import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DisputeFields } from "./dispute.ts";
import { MAX_DISPUTE_REASON_LENGTH } from "./dispute.ts";
import { DisputeExpired, DisputeFieldInvalid, DisputeSignatureMismatch } from "./disputeErrors.ts";
import { signDispute } from "./signDispute.ts";
import { validateDispute } from "./validateDispute.ts";

const contributor = privateKeyToAccount(`0x${"11".repeat(32)}`);
const other = privateKeyToAccount(`0x${"22".repeat(32)}`);
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const };
const ID = `0x${"ab".repeat(32)}` as Hex;
const fields: DisputeFields = {
  contributionId: ID,
  evaluator: "signals",
  reason: "The tests I added were not counted: the pull request has 14 test files.",
  nonce: 9n,
  deadline: 2_000,
};
const ctx = { ...domain, now: 1_000 };

describe("validateDispute", () => {
  it("accepts what the contributor signed, the id lowercase, the nonce a bigint", async () => {
    const signed = await signDispute(
      contributor,
      { ...fields, contributionId: `0x${"AB".repeat(32)}` },
      domain,
    );
    const dispute = await validateDispute(JSON.parse(JSON.stringify(signed)), ctx);
    assert.equal(dispute.disputant, contributor.address);
    assert.equal(dispute.contributionId, ID);
    assert.equal(dispute.evaluator, "signals");
    assert.equal(dispute.reason, fields.reason);
    assert.equal(dispute.nonce, 9n);
    assert.equal(dispute.deadline, 2_000);
    // The longest reason, counted in characters as people count them (each emoji is one).
    const longest = "🙂".repeat(MAX_DISPUTE_REASON_LENGTH);
    const long = await signDispute(contributor, { ...fields, reason: longest }, domain);
    assert.equal((await validateDispute(long, ctx)).reason, longest);
  });

  it("refuses each malformed field by name", async () => {
    const signed = await signDispute(contributor, fields, domain);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...signed, disputant: "bob" }, "disputant"],
      [{ ...signed, contributionId: "0x12" }, "contributionId"],
      [{ ...signed, evaluator: "" }, "evaluator"],
      [{ ...signed, evaluator: 7 }, "evaluator"],
      [{ ...signed, reason: "" }, "reason"],
      [{ ...signed, reason: "   " }, "reason"],
      [{ ...signed, reason: " untrimmed" }, "reason"],
      [{ ...signed, reason: "x".repeat(MAX_DISPUTE_REASON_LENGTH + 1) }, "reason"],
      [{ ...signed, nonce: 9 }, "nonce"],
      [{ ...signed, deadline: "soon" }, "deadline"],
      [{ ...signed, signature: "0x00" }, "signature"],
      [{ ...signed, epochId: 1 }, "epochId"],
    ];
    for (const [raw, field] of cases) {
      await assert.rejects(validateDispute(raw, ctx), (error) => {
        assert.ok(error instanceof DisputeFieldInvalid, field);
        assert.equal(error.details.field, field);
        return true;
      });
    }
    const { reason: _reason, ...noReason } = signed;
    await assert.rejects(validateDispute(noReason, ctx), { name: "DisputeFieldInvalid" });
    await assert.rejects(validateDispute([], ctx), DisputeFieldInvalid);
    await assert.rejects(validateDispute(null, ctx), DisputeFieldInvalid);
  });

  it("refuses an expired dispute and a forged or altered signature", async () => {
    const signed = await signDispute(contributor, fields, domain);
    await assert.rejects(validateDispute(signed, { ...ctx, now: 2_001 }), DisputeExpired);
    // Another's signature, a changed reason or evaluator, another guild: not the disputant's dispute.
    const forged = { ...signed, signature: (await signDispute(other, fields, domain)).signature };
    await assert.rejects(validateDispute(forged, ctx), DisputeSignatureMismatch);
    await assert.rejects(
      validateDispute({ ...signed, reason: "Another reason" }, ctx),
      DisputeSignatureMismatch,
    );
    await assert.rejects(
      validateDispute({ ...signed, evaluator: "guild/llm-judge" }, ctx),
      DisputeSignatureMismatch,
    );
    await assert.rejects(validateDispute(signed, { ...ctx, chainId: 1 }), DisputeSignatureMismatch);
    await assert.rejects(
      validateDispute({ ...signed, disputant: other.address }, ctx),
      (error: unknown) => error instanceof DisputeSignatureMismatch && error.details.signer !== other.address,
    );
  });
});
