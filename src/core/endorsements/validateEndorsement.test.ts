import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { EndorsementFields } from "./endorsement.ts";
import {
  EndorsementExpired,
  EndorsementFieldInvalid,
  EndorsementSignatureMismatch,
} from "./endorsementErrors.ts";
import { signEndorsement } from "./signEndorsement.ts";
import { validateEndorsement } from "./validateEndorsement.ts";

const member = privateKeyToAccount(`0x${"11".repeat(32)}`);
const other = privateKeyToAccount(`0x${"22".repeat(32)}`);
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const };
const ID = `0x${"ab".repeat(32)}` as Hex;
const fields: EndorsementFields = { contributionId: ID, nonce: 9n, deadline: 2_000 };
const ctx = { ...domain, now: 1_000 };

describe("validateEndorsement", () => {
  it("accepts what the member signed, the id lowercase, the nonce a bigint", async () => {
    const signed = await signEndorsement(
      member,
      { ...fields, contributionId: `0x${"AB".repeat(32)}` },
      domain,
    );
    const endorsement = await validateEndorsement(JSON.parse(JSON.stringify(signed)), ctx);
    assert.deepEqual(endorsement, {
      endorser: member.address,
      contributionId: ID,
      nonce: 9n,
      deadline: 2_000,
      signature: signed.signature,
    });
  });

  it("refuses each malformed field by name", async () => {
    const signed = await signEndorsement(member, fields, domain);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...signed, endorser: "bob" }, "endorser"],
      [{ ...signed, contributionId: "0x12" }, "contributionId"],
      [{ ...signed, contributionId: 7 }, "contributionId"],
      [{ ...signed, nonce: 9 }, "nonce"],
      [{ ...signed, nonce: `${2n ** 256n}` }, "nonce"],
      [{ ...signed, deadline: "soon" }, "deadline"],
      [{ ...signed, deadline: -1 }, "deadline"],
      [{ ...signed, signature: "0x00" }, "signature"],
      [{ ...signed, reason: "great work" }, "reason"],
    ];
    for (const [raw, field] of cases) {
      await assert.rejects(validateEndorsement(raw, ctx), (error) => {
        assert.ok(error instanceof EndorsementFieldInvalid, field);
        assert.equal(error.details.field, field);
        return true;
      });
    }
    const { endorser: _endorser, ...noEndorser } = signed;
    await assert.rejects(validateEndorsement(noEndorser, ctx), { name: "EndorsementFieldInvalid" });
    await assert.rejects(validateEndorsement([], ctx), EndorsementFieldInvalid);
    await assert.rejects(validateEndorsement("endorse", ctx), EndorsementFieldInvalid);
  });

  it("refuses an expired endorsement and a forged or altered signature", async () => {
    const signed = await signEndorsement(member, fields, domain);
    await assert.rejects(validateEndorsement(signed, { ...ctx, now: 2_001 }), EndorsementExpired);
    // At the deadline itself it still holds.
    assert.equal((await validateEndorsement(signed, { ...ctx, now: 2_000 })).deadline, 2_000);
    const forged = { ...signed, signature: (await signEndorsement(other, fields, domain)).signature };
    await assert.rejects(validateEndorsement(forged, ctx), EndorsementSignatureMismatch);
    await assert.rejects(
      validateEndorsement({ ...signed, contributionId: `0x${"cd".repeat(32)}` }, ctx),
      EndorsementSignatureMismatch,
    );
    await assert.rejects(validateEndorsement({ ...signed, nonce: "10" }, ctx), EndorsementSignatureMismatch);
    await assert.rejects(validateEndorsement(signed, { ...ctx, chainId: 1 }), EndorsementSignatureMismatch);
    await assert.rejects(
      validateEndorsement({ ...signed, endorser: other.address }, ctx),
      (error: unknown) =>
        error instanceof EndorsementSignatureMismatch && error.details.endorser === other.address,
    );
  });
});
