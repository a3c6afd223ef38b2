import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decayReputation, InvalidDecay } from "./decayReputation.ts";

describe("decayReputation", () => {
  it("halves per half-life and never grows", () => {
    assert.equal(decayReputation(1000n, 100n, 100n), 500n);
    assert.equal(decayReputation(1000n, 0n, 100n), 1000n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (value, seconds) => {
          const decayed = decayReputation(value, seconds, 86_400n);
          assert.ok(decayed <= value);
          assert.ok(decayReputation(value, seconds + 3_600n, 86_400n) <= decayed);
        },
      ),
    );
  });

  it("composes: decaying in two steps matches one step within 1e-15", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        (value, a, b) => {
          const once = decayReputation(value, a + b, 604_800n);
          const twice = decayReputation(decayReputation(value, a, 604_800n), b, 604_800n);
          const diff = once > twice ? once - twice : twice - once;
          assert.ok(diff * 10n ** 15n <= value, `${once} vs ${twice}`);
        },
      ),
    );
  });

  it("refuses negative time and a non-positive half-life", () => {
    assert.throws(() => decayReputation(1n, -1n, 1n), InvalidDecay);
    assert.throws(() => decayReputation(1n, 1n, 0n), InvalidDecay);
  });
});
