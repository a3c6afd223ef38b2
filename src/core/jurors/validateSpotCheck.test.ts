import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { signSpotCheck } from "./signSpotCheck.ts";
import type { SpotCheckFields } from "./spotCheck.ts";
import {
  SpotCheckExpired,
  SpotCheckFieldInvalid,
  SpotCheckPairInvalid,
  SpotCheckSignatureMismatch,
} from "./spotCheckErrors.ts";
import { validateSpotCheck } from "./validateSpotCheck.ts";

const juror = privateKeyToAccount(`0x${"11".repeat(32)}`);
const other = privateKeyToAccount(`0x${"22".repeat(32)}`);
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const };
const A = `0x${"aa".repeat(32)}` as Hex;
const B = `0x${"bb".repeat(32)}` as Hex;
const fields: SpotCheckFields = {
  epochId: 3,
  a: A,
  b: B,
  winner: B,
  multiplierPermille: 2_500,
  nonce: 7n,
  deadline: 2_000,
};
const ctx = { ...domain, now: 1_000 };

describe("validateSpotCheck", () => {
  it("accepts what the juror signed, ids lowercase, nonce a bigint", async () => {
    const signed = await signSpotCheck(
      juror,
      { ...fields, a: A.toUpperCase().replace("0X", "0x") as Hex },
      domain,
    );
    const answer = await validateSpotCheck(JSON.parse(JSON.stringify(signed)), ctx);
    assert.equal(answer.juror, juror.address);
    assert.equal(answer.a, A);
    assert.equal(answer.winner, B);
    assert.equal(answer.nonce, 7n);
    assert.equal(answer.multiplierPermille, 2_500);
  });

  it("refuses each malformed field by name", async () => {
    const signed = await signSpotCheck(juror, fields, domain);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...signed, juror: "bob" }, "juror"],
      [{ ...signed, epochId: -1 }, "epochId"],
      [{ ...signed, a: "0x12" }, "a"],
      [{ ...signed, multiplierPermille: 999 }, "multiplierPermille"],
      [{ ...signed, multiplierPermille: 1.5e6 }, "multiplierPermille"],
      [{ ...signed, nonce: 7 }, "nonce"],
      [{ ...signed, deadline: "soon" }, "deadline"],
      [{ ...signed, signature: "0x00" }, "signature"],
      [{ ...signed, extra: 1 }, "extra"],
    ];
    for (const [raw, field] of cases) {
      await assert.rejects(validateSpotCheck(raw, ctx), (error) => {
        assert.ok(error instanceof SpotCheckFieldInvalid, field);
        assert.equal(error.details.field, field);
        return true;
      });
    }
    await assert.rejects(validateSpotCheck([], ctx), SpotCheckFieldInvalid);
  });

  it("refuses a pair of one contribution, a winner outside the pair, an expired answer, a forged signature", async () => {
    const same = await signSpotCheck(juror, { ...fields, b: A, winner: A }, domain);
    await assert.rejects(validateSpotCheck(same, ctx), SpotCheckPairInvalid);
    const outside = await signSpotCheck(juror, { ...fields, winner: `0x${"cc".repeat(32)}` }, domain);
    await assert.rejects(validateSpotCheck(outside, ctx), SpotCheckPairInvalid);
    const signed = await signSpotCheck(juror, fields, domain);
    await assert.rejects(validateSpotCheck(signed, { ...ctx, now: 2_001 }), SpotCheckExpired);
    // Another's signature, a changed field, another guild: not the juror's answer.
    const forged = { ...signed, signature: (await signSpotCheck(other, fields, domain)).signature };
    await assert.rejects(validateSpotCheck(forged, ctx), SpotCheckSignatureMismatch);
    await assert.rejects(validateSpotCheck({ ...signed, winner: A }, ctx), SpotCheckSignatureMismatch);
    await assert.rejects(validateSpotCheck(signed, { ...ctx, chainId: 1 }), SpotCheckSignatureMismatch);
  });
});
