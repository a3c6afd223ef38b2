import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseRetryAfter } from "./parseRetryAfter.ts";
import { retryDelayMs } from "./retryDelayMs.ts";

const policy = { maxAttempts: 5, backoffBaseMs: 500, maxRetryDelayMs: 10_000 };

describe("retryDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, null, policy)),
      [500, 1000, 2000, 4000, 8000, 10_000],
    );
  });

  it("waits as long as Retry-After asks when that is longer, but never beyond the cap", () => {
    assert.equal(retryDelayMs(1, 3000, policy), 3000);
    assert.equal(retryDelayMs(3, 100, policy), 2000);
    assert.equal(retryDelayMs(1, 3_600_000, policy), 10_000);
  });

  it("is never negative and never above the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.option(fc.nat()), (attempt, retryAfter) => {
        const wait = retryDelayMs(attempt, retryAfter, policy);
        assert.ok(wait >= 0 && wait <= policy.maxRetryDelayMs);
      }),
    );
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    assert.equal(parseRetryAfter("7", now), 7000);
    assert.equal(parseRetryAfter(" 0 ", now), 0);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter("soon", now), null);
    assert.equal(parseRetryAfter("-3", now), null);
    assert.equal(parseRetryAfter("1.5", now), null);
  });
});
