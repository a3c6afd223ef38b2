// Token buckets: a burst up to the capacity, refills at the rate, says how long to wait, stays bounded.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimiter } from "./rateLimiter.ts";

describe("RateLimiter", () => {
  it("lets a burst of `capacity` through, then one request per refill, and says how long to wait", () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 0.25 }, () => now);
    assert.deepEqual([limiter.take("a"), limiter.take("a"), limiter.take("a")], [0, 0, 0]);
    assert.equal(limiter.take("a"), 4, "a token comes back every 4 s");
    assert.equal(limiter.wait("a"), 4);
    assert.equal(limiter.take("b"), 0, "each key has its own bucket");
    now += 3_000;
    assert.equal(limiter.take("a"), 1, "a refused request takes nothing; 1 s is left");
    now += 1_000;
    assert.equal(limiter.wait("a"), 0);
    assert.equal(limiter.take("a"), 0);
    now += 3_600_000;
    assert.deepEqual(
      [limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")],
      [0, 0, 0, 4],
      "refills only up to the capacity",
    );
  });

  it("keeps at most maxKeys keys, dropping full buckets first", () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 }, () => now, 3);
    limiter.take("old");
    now += 10_000;
    limiter.take("a");
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    assert.equal(limiter.size, 3, "the full bucket of `old` went first");
    assert.equal(limiter.take("a"), 1, "the busy bucket of `a` was kept");
  });

  it("refuses a capacity or rate that is not above zero", () => {
    assert.throws(() => new RateLimiter({ capacity: 0, refillPerSecond: 1 }), RangeError);
    assert.throws(() => new RateLimiter({ capacity: 1, refillPerSecond: Number.NaN }), RangeError);
  });
});
