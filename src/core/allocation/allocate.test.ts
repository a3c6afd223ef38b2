import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson } from "../report/canonicalJson.ts";
import type { Allocation, AllocationInput, AllocationParams, AllocationRecipientInput } from "./allocate.ts";
import { allocate } from "./allocate.ts";
import {
  DuplicateRecipient,
  InvalidAllocationParameter,
  InvalidRecipient,
  NoValueToAllocate,
} from "./allocationErrors.ts";
import { CapTooLow, capShares } from "./capShares.ts";
import { toValueUnits } from "./toValueUnits.ts";

const IMMEDIATE: AllocationParams = { capBps: 10_000, floorAmount: 0n, balancedBps: 0 };

const payouts = (allocation: Allocation) =>
  Object.fromEntries(allocation.recipients.map((r) => [r.recipient, r.payout]));

/** Allocates, or returns undefined for the two refusals that random input legitimately hits. */
function tryAllocate(input: AllocationInput): Allocation | undefined {
  try {
    return allocate(input);
  } catch (error) {
    if (error instanceof CapTooLow || error instanceof NoValueToAllocate) return undefined;
    throw error;
  }
}

const recipientArb = (options: { carry: boolean; lifetime: boolean }) =>
  fc.record(
    {
      recipient: fc.string({ minLength: 1, maxLength: 3 }),
      valueUnits: fc.oneof(
        { arbitrary: fc.constant(0n), weight: 1 },
        { arbitrary: fc.bigInt({ min: 0n, max: 10n ** 12n }), weight: 4 },
      ),
      ...(options.carry ? { carriedIn: fc.bigInt({ min: 0n, max: 10n ** 6n }) } : {}),
      ...(options.lifetime
        ? {
            lifetimeValueUnits: fc.bigInt({ min: 0n, max: 10n ** 13n }),
            lifetimePaid: fc.bigInt({ min: 0n, max: 10n ** 8n }),
          }
        : {}),
    },
    { requiredKeys: ["recipient", "valueUnits"] },
  ) as fc.Arbitrary<AllocationRecipientInput>;

const inputArb = (options: { carry: boolean; lifetime: boolean; balanced: boolean; floor: boolean }) =>
  fc.record({
    budget: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.bigInt({ min: 0n, max: 10n ** 24n })),
    params: fc.record({
      capBps: fc.oneof(
        fc.constant(10_000),
        fc.integer({ min: 1_500, max: 5_000 }),
        fc.integer({ min: 1, max: 10_000 }),
      ),
      floorAmount: options.floor
        ? fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 6n }))
        : fc.constant(0n),
      balancedBps: options.balanced
        ? fc.oneof(fc.constant(0), fc.constant(10_000), fc.integer({ min: 0, max: 10_000 }))
        : fc.constant(0),
    }),
    recipients: fc.uniqueArray(recipientArb(options), {
      minLength: 0,
      maxLength: 12,
      selector: (r) => r.recipient,
    }),
  });

const everything = { carry: true, lifetime: true, balanced: true, floor: true };

describe("allocate", () => {
  it("pays pro rata to value", () => {
    const allocation = allocate({
      budget: 1000n,
      params: IMMEDIATE,
      recipients: [
        { recipient: "bob", valueUnits: toValueUnits(1) },
        { recipient: "alice", valueUnits: toValueUnits(3) },
      ],
    });
    assert.deepEqual(payouts(allocation), { alice: 750n, bob: 250n });
    assert.deepEqual(
      allocation.recipients.map((r) => r.recipient),
      ["alice", "bob"],
    );
    assert.equal(allocation.totalPaid, 1000n);
    assert.equal(allocation.rolledOver, 0n);
  });

  it("holds recipients to the cap and gives the excess to the others, as capShares does", () => {
    const allocation = allocate({
      budget: 1000n,
      params: { ...IMMEDIATE, capBps: 5000 },
      recipients: [
        { recipient: "a", valueUnits: 8n },
        { recipient: "b", valueUnits: 1n },
        { recipient: "c", valueUnits: 1n },
      ],
    });
    assert.deepEqual(payouts(allocation), { a: 500n, b: 250n, c: 250n });
    assert.deepEqual(
      allocation.recipients.map((r) => [r.capped, r.capAdjustment]),
      [
        [true, -300n],
        [false, 150n],
        [false, 150n],
      ],
    );
  });

  it("rolls a payout under the floor into the next epoch, where it is paid first", () => {
    const params = { ...IMMEDIATE, floorAmount: 100n };
    const first = allocate({
      budget: 1000n,
      params,
      recipients: [
        { recipient: "a", valueUnits: 95n },
        { recipient: "b", valueUnits: 5n },
      ],
    });
    assert.deepEqual(payouts(first), { a: 950n, b: 0n });
    const b1 = first.recipients[1];
    assert.deepEqual([b1?.belowFloor, b1?.carriedOut], [true, 50n]);
    assert.deepEqual([first.totalPaid, first.rolledOver, first.totalCarriedOut], [950n, 50n, 50n]);

    const second = allocate({
      budget: 1000n,
      params,
      recipients: [
        { recipient: "a", valueUnits: 90n },
        { recipient: "b", valueUnits: 10n, carriedIn: b1?.carriedOut ?? 0n },
      ],
    });
    // 50 funded first; the 950 left splits 855 / 95; b is owed 145, over the floor.
    assert.equal(second.distributable, 950n);
    assert.deepEqual(payouts(second), { a: 855n, b: 145n });
    assert.deepEqual([second.totalPaid, second.rolledOver, second.totalCarriedOut], [1000n, 0n, 0n]);
  });

  it("keeps a carry-over the budget or the cap can no longer fund, instead of dropping it", () => {
    const allocation = allocate({
      budget: 100n,
      params: { capBps: 5000, floorAmount: 0n, balancedBps: 0 },
      recipients: [
        { recipient: "a", valueUnits: 1n, carriedIn: 80n },
        { recipient: "b", valueUnits: 1n, carriedIn: 20n },
      ],
    });
    // The cap is 50: a's carry-over is funded up to 50, b's in full, and 30 splits 15 / 15.
    assert.deepEqual(
      allocation.recipients.map((r) => [r.payout, r.carriedInDeferred, r.carriedOut]),
      [
        [50n, 30n, 30n],
        [50n, 0n, 0n],
      ],
    );
    assert.equal(allocation.totalPaid, 100n);
    assert.equal(allocation.totalCarriedOut, 30n);
  });

  it("pays BALANCED toward lifetime shares (after SourceCred)", () => {
    // Equal lifetime value, but b has been paid 500 and a nothing: BALANCED's 500 all goes to a.
    const allocation = allocate({
      budget: 1000n,
      params: { ...IMMEDIATE, balancedBps: 5000 },
      recipients: [
        { recipient: "a", valueUnits: 1n, lifetimeValueUnits: 1n, lifetimePaid: 0n },
        { recipient: "b", valueUnits: 1n, lifetimeValueUnits: 1n, lifetimePaid: 500n },
      ],
    });
    assert.deepEqual(payouts(allocation), { a: 750n, b: 250n });
    assert.deepEqual(
      allocation.recipients.map((r) => [r.immediateAloneAmount, r.catchUpAmount]),
      [
        [500n, 250n],
        [500n, -250n],
      ],
    );
    // All BALANCED, nobody with value this epoch: the budget still goes to whoever is behind.
    const caughtUp = allocate({
      budget: 1000n,
      params: { ...IMMEDIATE, balancedBps: 10_000 },
      recipients: [
        { recipient: "a", valueUnits: 0n, lifetimeValueUnits: 100n, lifetimePaid: 0n },
        { recipient: "b", valueUnits: 0n, lifetimeValueUnits: 100n, lifetimePaid: 1000n },
      ],
    });
    assert.deepEqual(payouts(caughtUp), { a: 1000n, b: 0n });
  });

  it("counts a carry-over as already allocated when catching up", () => {
    const allocation = allocate({
      budget: 300n,
      params: { ...IMMEDIATE, balancedBps: 10_000 },
      recipients: [
        { recipient: "a", valueUnits: 1n, carriedIn: 100n },
        { recipient: "b", valueUnits: 1n },
      ],
    });
    // a's 100 is funded first; of the 200 left, b is 100 behind a's claim: b gets 150, a 50 more.
    assert.deepEqual(payouts(allocation), { a: 150n, b: 150n });
  });

  it("explains each payout in words", () => {
    const allocation = allocate({
      budget: 1000n,
      params: { capBps: 5000, floorAmount: 100n, balancedBps: 0 },
      recipients: [
        { recipient: "alice", valueUnits: toValueUnits(8) },
        { recipient: "bob", valueUnits: toValueUnits(1.5) },
        { recipient: "carol", valueUnits: toValueUnits(0.5), carriedIn: 40n },
        { recipient: "dave", valueUnits: toValueUnits(0.25), carriedIn: 20n },
        { recipient: "erin", valueUnits: 0n },
      ],
    });
    assert.deepEqual(
      allocation.recipients.map((r) => r.explanation),
      [
        "alice: 78.0488% of this epoch's value (8 value). Pro-rata share 734. The cap of 500 per recipient bound them: 234 went to others. Paid 500.",
        "bob: 14.6341% of this epoch's value (1.5 value). Pro-rata share 137. 156 more from others held to the cap. Paid 293.",
        "carol: 4.878% of this epoch's value (0.5 value). Pro-rata share 46. 52 more from others held to the cap. 40 carried in from earlier epochs. Paid 138.",
        "dave: 2.439% of this epoch's value (0.25 value). Pro-rata share 23. 26 more from others held to the cap. 20 carried in from earlier epochs. 69 payable is under the floor of 100: not paid now, 69 carried to the next epoch.",
        "erin: 0% of this epoch's value (0 value). Pro-rata share 0. Nothing owed.",
      ],
    );
    const balanced = allocate({
      budget: 1000n,
      params: { ...IMMEDIATE, balancedBps: 5000 },
      recipients: [
        { recipient: "a", valueUnits: 1n, lifetimeValueUnits: 1n },
        { recipient: "b", valueUnits: 1n, lifetimeValueUnits: 1n, lifetimePaid: 500n },
      ],
    });
    assert.equal(
      balanced.recipients[1]?.explanation,
      "b: 50% of this epoch's value (0.000001 value). Value alone would pay 500; catch-up toward lifetime share -250, so 250. Paid 250.",
    );
  });

  it("accounts for every unit: payouts + rolled over = budget, owed = payout + carried out, no payout above the cap or under the floor", () => {
    fc.assert(
      fc.property(inputArb(everything), (input) => {
        const allocation = tryAllocate(input);
        fc.pre(allocation !== undefined);
        const { recipients, capAmount } = allocation;
        const sum = (f: (r: (typeof recipients)[number]) => bigint) =>
          recipients.reduce((s, r) => s + f(r), 0n);
        assert.equal(sum((r) => r.payout) + allocation.rolledOver, input.budget);
        assert.equal(
          allocation.totalPaid,
          sum((r) => r.payout),
        );
        assert.equal(
          sum((r) => r.shareAmount),
          allocation.distributable,
        );
        assert.equal(
          sum((r) => r.carriedIn - r.carriedInDeferred),
          allocation.carryOverFunded,
        );
        assert.equal(allocation.distributable + allocation.carryOverFunded, input.budget);
        assert.equal(
          allocation.totalCarriedOut,
          sum((r) => r.carriedOut),
        );
        assert.equal(allocation.totalCarriedOut, allocation.rolledOver + sum((r) => r.carriedInDeferred));
        for (const r of recipients) {
          assert.equal(r.carriedIn + r.shareAmount, r.owedAmount);
          assert.equal(r.payout + r.carriedOut, r.owedAmount);
          assert.ok(r.payout <= capAmount, `${r.recipient} is paid ${r.payout}, above the cap ${capAmount}`);
          assert.ok(r.payout >= 0n && r.carriedOut >= 0n && r.shareAmount >= 0n);
          if (r.belowFloor) assert.equal(r.payout, 0n);
          else assert.ok(r.payout >= input.params.floorAmount);
          assert.ok(r.payout === 0n || r.payout >= input.params.floorAmount);
        }
        canonicalJson(allocation); // integers only: the allocation can go into a report as it is
      }),
      { numRuns: 500 },
    );
  });

  it("never pays a recipient with more value less than one with less (IMMEDIATE, no carry-overs)", () => {
    fc.assert(
      fc.property(inputArb({ carry: false, lifetime: false, balanced: false, floor: true }), (input) => {
        const allocation = tryAllocate(input);
        fc.pre(allocation !== undefined);
        const byValue = [...allocation.recipients].sort((a, b) =>
          a.valueUnits < b.valueUnits ? -1 : a.valueUnits > b.valueUnits ? 1 : 0,
        );
        for (const [i, r] of byValue.entries()) {
          const previous = byValue[i - 1];
          if (previous && previous.valueUnits < r.valueUnits) assert.ok(previous.payout <= r.payout);
        }
      }),
    );
  });

  it("with balancedBps 0 ignores lifetime figures and splits exactly as capShares", () => {
    fc.assert(
      fc.property(inputArb({ carry: false, lifetime: true, balanced: false, floor: false }), (input) => {
        const allocation = tryAllocate(input);
        fc.pre(allocation !== undefined);
        const stripped = input.recipients.map(({ recipient, valueUnits }) => ({ recipient, valueUnits }));
        assert.deepEqual(allocate({ ...input, recipients: stripped }), allocation);
        const sorted = [...stripped].sort((a, b) => (a.recipient < b.recipient ? -1 : 1));
        if (sorted.length > 0) {
          assert.deepEqual(
            allocation.recipients.map((r) => r.payout),
            capShares(
              input.budget,
              sorted.map((r) => r.valueUnits),
              input.params.capBps,
            ),
          );
        }
        for (const r of allocation.recipients) assert.equal(r.catchUpAmount, 0n);
      }),
    );
  });

  it("is deterministic and does not depend on the order of the recipients", () => {
    const withOrder = inputArb(everything).chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray(input.recipients as AllocationRecipientInput[], {
          minLength: input.recipients.length,
          maxLength: input.recipients.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withOrder, ([input, shuffled]) => {
        const allocation = tryAllocate(input);
        fc.pre(allocation !== undefined);
        assert.deepEqual(allocate(input), allocation);
        assert.deepEqual(allocate({ ...input, recipients: shuffled }), allocation);
        const ids = allocation.recipients.map((r) => r.recipient);
        assert.deepEqual(ids, [...ids].sort());
      }),
      { numRuns: 300 },
    );
  });

  it("loses no claim over many epochs: what was shared out is paid or still carried", () => {
    const epochs = fc.array(
      fc.record({
        budget: fc.bigInt({ min: 0n, max: 10n ** 4n }),
        values: fc.array(fc.bigInt({ min: 0n, max: 100n }), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    const params = fc.record({
      capBps: fc.integer({ min: 2_500, max: 10_000 }),
      floorAmount: fc.bigInt({ min: 0n, max: 2_000n }),
      balancedBps: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(epochs, params, (epochList, p) => {
        const ids = ["a", "b", "c", "d"];
        const state = ids.map(() => ({ carriedIn: 0n, lifetimeValueUnits: 0n, lifetimePaid: 0n }));
        let shared = 0n;
        let paid = 0n;
        for (const { budget, values } of epochList) {
          const allocation = tryAllocate({
            budget,
            params: p,
            recipients: ids.map((recipient, i) => ({
              recipient,
              valueUnits: values[i] ?? 0n,
              ...(state[i] ?? {}),
            })),
          });
          if (allocation === undefined) continue;
          shared += allocation.distributable;
          paid += allocation.totalPaid;
          for (const [i, r] of allocation.recipients.entries()) {
            const s = state[i];
            if (!s) continue;
            s.carriedIn = r.carriedOut;
            s.lifetimeValueUnits += r.valueUnits;
            s.lifetimePaid += r.payout;
          }
        }
        const stillCarried = state.reduce((s, r) => s + r.carriedIn, 0n);
        assert.equal(paid + stillCarried, shared);
      }),
    );
  });

  it("refuses bad parameters, naming them", () => {
    const ok = { budget: 100n, params: IMMEDIATE, recipients: [{ recipient: "a", valueUnits: 1n }] };
    const refuses = (input: AllocationInput, name: string, value: unknown) =>
      assert.throws(
        () => allocate(input),
        (e: unknown) =>
          e instanceof InvalidAllocationParameter && e.details.name === name && e.details.value === value,
      );
    refuses({ ...ok, budget: -1n }, "budget", -1n);
    refuses({ ...ok, params: { ...IMMEDIATE, capBps: 0 } }, "capBps", 0);
    refuses({ ...ok, params: { ...IMMEDIATE, capBps: 10_001 } }, "capBps", 10_001);
    refuses({ ...ok, params: { ...IMMEDIATE, capBps: 1.5 } }, "capBps", 1.5);
    refuses({ ...ok, params: { ...IMMEDIATE, balancedBps: -1 } }, "balancedBps", -1);
    refuses({ ...ok, params: { ...IMMEDIATE, balancedBps: 10_001 } }, "balancedBps", 10_001);
    refuses({ ...ok, params: { ...IMMEDIATE, floorAmount: -5n } }, "floorAmount", -5n);
  });

  it("refuses bad recipients, naming the row and the field", () => {
    const refuses = (recipients: AllocationRecipientInput[], field: string, index: number) =>
      assert.throws(
        () => allocate({ budget: 100n, params: IMMEDIATE, recipients }),
        (e: unknown) =>
          e instanceof InvalidRecipient && e.details.field === field && e.details.index === index,
      );
    refuses([{ recipient: "", valueUnits: 1n }], "recipient", 0);
    refuses(
      [
        { recipient: "a", valueUnits: 1n },
        { recipient: "b", valueUnits: -1n },
      ],
      "valueUnits",
      1,
    );
    refuses([{ recipient: "a", valueUnits: 1n, carriedIn: -1n }], "carriedIn", 0);
    refuses([{ recipient: "a", valueUnits: 1n, lifetimeValueUnits: -1n }], "lifetimeValueUnits", 0);
    refuses([{ recipient: "a", valueUnits: 1n, lifetimePaid: -1n }], "lifetimePaid", 0);
    assert.throws(
      () =>
        allocate({
          budget: 100n,
          params: IMMEDIATE,
          recipients: [
            { recipient: "b", valueUnits: 1n },
            { recipient: "a", valueUnits: 1n },
            { recipient: "b", valueUnits: 2n },
          ],
        }),
      (e: unknown) =>
        e instanceof DuplicateRecipient &&
        e.details.recipient === "b" &&
        e.details.firstIndex === 0 &&
        e.details.duplicateIndex === 2,
    );
  });

  it("refuses a cap that cannot pay out the budget, and a budget with nobody to pay", () => {
    assert.throws(
      () =>
        allocate({
          budget: 1000n,
          params: { ...IMMEDIATE, capBps: 2000 },
          recipients: [
            { recipient: "a", valueUnits: 1n },
            { recipient: "b", valueUnits: 1n },
            { recipient: "c", valueUnits: 0n },
          ],
        }),
      (e: unknown) =>
        e instanceof CapTooLow &&
        e.details.capAmount === 200n &&
        e.details.capacity === 400n &&
        e.details.distributable === 1000n &&
        e.details.recipients === 2,
    );
    assert.throws(
      () => allocate({ budget: 1n, params: IMMEDIATE, recipients: [{ recipient: "a", valueUnits: 0n }] }),
      (e: unknown) =>
        e instanceof NoValueToAllocate && e.details.policy === "IMMEDIATE" && e.details.amount === 1n,
    );
    assert.throws(
      () => allocate({ budget: 10n, params: { ...IMMEDIATE, balancedBps: 10_000 }, recipients: [] }),
      (e: unknown) => e instanceof NoValueToAllocate && e.details.policy === "BALANCED",
    );
    assert.deepEqual(allocate({ budget: 0n, params: IMMEDIATE, recipients: [] }).recipients, []);
  });
});
