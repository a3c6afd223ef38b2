import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import {
  contributionId,
  MAX_DESCRIPTION_LENGTH,
  MAX_LINKS,
  MAX_METRICS,
  MAX_TITLE_LENGTH,
} from "./contribution.ts";
import { signSubmission } from "./signSubmission.ts";
import {
  EpochNotOpen,
  InvalidSubmission,
  LinkNotHttp,
  SubmissionExpired,
  SubmissionFieldMissing,
  SubmissionFieldMistyped,
  SubmissionFieldUnknown,
  SubmissionNotAnObject,
  SubmissionSignatureMismatch,
  SubmissionTextTooLong,
  SubmissionTitleEmpty,
  TooManyLinks,
  TooManyMetrics,
  UnknownContributionKind,
} from "./submissionErrors.ts";
import type { SubmissionFields } from "./submissionTypedData.ts";
import { submissionTypedData } from "./submissionTypedData.ts";
import type { SubmissionContext } from "./validateSubmission.ts";
import { validateSubmission } from "./validateSubmission.ts";

// Hardhat's first two development accounts.
const alice = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const mallory = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;
const ctx: SubmissionContext = { ...domain, now: 1_700_000_000, openEpochs: [3, 4] };

const fields: SubmissionFields = {
  epochId: 3,
  kind: "docs",
  title: "Write the claiming guide ✍️",
  description: "How to claim with a hardware wallet.\n\nWith screenshots.",
  links: ["https://example.org/guide", "http://example.org/pr/12"],
  metrics: { pages: 4, wordsWritten: 2_300, zeta: -1 },
  nonce: 2n ** 200n + 7n,
  deadline: ctx.now + 3_600,
};

/** Signs `overrides` over the base fields, then lets `edit` change the signed JSON before validation. */
async function signed(
  overrides: Partial<SubmissionFields> = {},
  edit?: (raw: Record<string, unknown>) => void,
) {
  const raw: Record<string, unknown> = {
    ...(await signSubmission(alice, { ...fields, ...overrides }, domain)),
  };
  edit?.(raw);
  return raw;
}

async function refuses<E extends InvalidSubmission>(
  raw: unknown,
  type: new (...args: never[]) => E,
  details: Record<string, unknown>,
  context: SubmissionContext = ctx,
) {
  await assert.rejects(validateSubmission(raw, context), (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.ok(error instanceof InvalidSubmission);
    assert.equal(error.name, type.name);
    for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details[key], value, key);
    return true;
  });
}

describe("validateSubmission", () => {
  it("returns the signed contribution with its id, source and the time it was received", async () => {
    const raw = await signed();
    const contribution = await validateSubmission(JSON.parse(JSON.stringify(raw)), ctx);
    const { id, source, ...content } = contribution;
    assert.deepEqual(content, {
      epochId: 3,
      contributor: { kind: "address", address: alice.address },
      kind: "docs",
      title: fields.title,
      description: fields.description,
      links: fields.links,
      metrics: fields.metrics,
      createdAt: ctx.now,
    });
    assert.equal(id, contributionId(content));
    assert.deepEqual(source, { kind: "signed", signature: raw.signature, nonce: fields.nonce });
  });

  it("accepts a lower-case contributor address, a numeric nonce, a Set of open epochs and now = deadline", async () => {
    const raw = await signed({ nonce: 12n }, (r) => {
      r.contributor = String(r.contributor).toLowerCase();
      r.nonce = 12;
    });
    const contribution = await validateSubmission(raw, {
      ...ctx,
      now: fields.deadline,
      openEpochs: new Set([3]),
    });
    assert.deepEqual(contribution.contributor, { kind: "address", address: alice.address });
    assert.deepEqual(contribution.source, { kind: "signed", signature: raw.signature, nonce: 12n });
  });

  it("refuses what is not an object", async () => {
    await refuses(null, SubmissionNotAnObject, { actual: "null" });
    await refuses([], SubmissionNotAnObject, { actual: "an array" });
    await refuses("{}", SubmissionNotAnObject, { actual: "string" });
  });

  it("refuses each missing field by name", async () => {
    for (const field of [
      "contributor",
      "epochId",
      "kind",
      "title",
      "description",
      "links",
      "metrics",
      "nonce",
      "deadline",
      "signature",
    ]) {
      await refuses(await signed({}, (r) => delete r[field]), SubmissionFieldMissing, { field });
    }
  });

  it("refuses an unknown field", async () => {
    await refuses(await signed({}, (r) => (r.reward = "1000")), SubmissionFieldUnknown, { field: "reward" });
  });

  it("refuses each mistyped field by name", async () => {
    const cases: [string, (r: Record<string, unknown>) => void][] = [
      ["contributor", (r) => (r.contributor = "alice.eth")],
      ["contributor", (r) => (r.contributor = "0x5FbDB2315678afecb367f032d93F642f64180aA3")], // bad checksum
      ["epochId", (r) => (r.epochId = "3")],
      ["epochId", (r) => (r.epochId = -1)],
      ["epochId", (r) => (r.epochId = 1.5)],
      ["kind", (r) => (r.kind = 1)],
      ["title", (r) => (r.title = null)],
      ["description", (r) => (r.description = ["a"])],
      ["links", (r) => (r.links = "https://example.org")],
      ["links[1]", (r) => (r.links = ["https://example.org", 7])],
      ["metrics", (r) => (r.metrics = [1, 2])],
      ["metrics.pages", (r) => (r.metrics = { pages: "4" })],
      ["metrics.pages", (r) => (r.metrics = { pages: 4.5 })],
      ["metrics.pages", (r) => (r.metrics = { pages: 2 ** 60 })],
      ["nonce", (r) => (r.nonce = "0x10")],
      ["nonce", (r) => (r.nonce = "-1")],
      ["nonce", (r) => (r.nonce = (2n ** 256n).toString())],
      ["deadline", (r) => (r.deadline = "1700003600")],
      ["signature", (r) => (r.signature = "0x1234")],
    ];
    for (const [field, edit] of cases)
      await refuses(await signed({}, edit), SubmissionFieldMistyped, { field });
  });

  it("refuses a kind outside CONTRIBUTION_KINDS", async () => {
    const raw = await signed({ kind: "marketing" as SubmissionFields["kind"] });
    await refuses(raw, UnknownContributionKind, { kind: "marketing" });
  });

  it("refuses an empty title and text over the limits, counting code points", async () => {
    await refuses(await signed({ title: "  " }), SubmissionTitleEmpty, { field: "title" });
    await validateSubmission(await signed({ title: "🦀".repeat(MAX_TITLE_LENGTH) }), ctx);
    await refuses(await signed({ title: "🦀".repeat(MAX_TITLE_LENGTH + 1) }), SubmissionTextTooLong, {
      field: "title",
      length: MAX_TITLE_LENGTH + 1,
      max: MAX_TITLE_LENGTH,
    });
    await refuses(
      await signed({ description: "x".repeat(MAX_DESCRIPTION_LENGTH + 1) }),
      SubmissionTextTooLong,
      {
        field: "description",
        length: MAX_DESCRIPTION_LENGTH + 1,
      },
    );
  });

  it("refuses too many links and a link that is not http(s)", async () => {
    const many = Array.from({ length: MAX_LINKS + 1 }, (_, i) => `https://example.org/${i}`);
    await refuses(await signed({ links: many }), TooManyLinks, { count: MAX_LINKS + 1, max: MAX_LINKS });
    for (const link of ["javascript:alert(1)", "ftp://example.org/x", "example.org", "ipfs://bafy"]) {
      await refuses(await signed({ links: ["https://example.org", link] }), LinkNotHttp, { index: 1, link });
    }
  });

  it("refuses too many metrics", async () => {
    const metrics = Object.fromEntries(Array.from({ length: MAX_METRICS + 1 }, (_, i) => [`m${i}`, i]));
    await refuses(await signed({ metrics }), TooManyMetrics, { count: MAX_METRICS + 1, max: MAX_METRICS });
  });

  it("refuses an unknown or closed epoch", async () => {
    await refuses(await signed({ epochId: 2 }), EpochNotOpen, { epochId: 2, openEpochs: [3, 4] });
    await refuses(await signed(), EpochNotOpen, { epochId: 3, openEpochs: [] }, { ...ctx, openEpochs: [] });
  });

  it("refuses an expired deadline", async () => {
    const raw = await signed({ deadline: ctx.now - 1 });
    await refuses(raw, SubmissionExpired, { deadline: ctx.now - 1, now: ctx.now });
  });

  it("refuses a signature by anyone but the contributor, or over anything else", async () => {
    // Mallory signs fields that name Alice as the contributor.
    const forged = {
      ...(await signSubmission(alice, fields, domain)),
      signature: await mallory.signTypedData(submissionTypedData(alice.address, fields, domain)),
    };
    await refuses(forged, SubmissionSignatureMismatch, {
      contributor: alice.address,
      signer: mallory.address,
    });
    // Mallory's own submission with Alice's address put in afterwards.
    const swapped = { ...(await signSubmission(mallory, fields, domain)), contributor: alice.address };
    await refuses(swapped, SubmissionSignatureMismatch, { contributor: alice.address });

    const edited = await signed({}, (r) => (r.title = "Something else"));
    await refuses(edited, SubmissionSignatureMismatch, { contributor: alice.address });
    const moreMetrics = await signed({}, (r) => (r.metrics = { ...fields.metrics, pages: 40 }));
    await refuses(moreMetrics, SubmissionSignatureMismatch, { contributor: alice.address });

    const raw = await signed();
    await refuses(raw, SubmissionSignatureMismatch, { contributor: alice.address }, { ...ctx, chainId: 1 });
    const otherGuild = { ...ctx, verifyingContract: mallory.address };
    await refuses(raw, SubmissionSignatureMismatch, { contributor: alice.address }, otherGuild);

    const garbage = await signed({}, (r) => (r.signature = `0x${"00".repeat(65)}`));
    await refuses(garbage, SubmissionSignatureMismatch, { contributor: alice.address, signer: null });
  });

  it("says what is wrong in the message", async () => {
    await assert.rejects(validateSubmission(await signed({}, (r) => (r.epochId = "3")), ctx), {
      message: 'submission field epochId must be a non-negative integer, got the string "3"',
    });
    await assert.rejects(validateSubmission(await signed({ epochId: 9 }), ctx), {
      message: "epoch 9 is unknown or closed (open epochs: 3, 4)",
    });
  });
});
