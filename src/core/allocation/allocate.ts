// One epoch's payouts: the budget split exactly by value and catch-up, under the cap, above the floor.
//
// Units. Money is bigint base units of GuildToken. Value is bigint value units: 1,000,000 to one unit of
// value (`VALUE_UNITS_PER_VALUE`, `toValueUnits`); only ratios between values matter. Shares are reported
// in parts per million (ppm) as integers, so an allocation serializes to canonical JSON.
//
// Where the floor's money goes. The epoch pays out less than its budget by exactly what the floor held
// back (`rolledOver`): that amount is not part of the epoch's total on chain and stays in the treasury.
// The recipient keeps it as a carry-over, a claim on the next epoch's budget: next epoch it is paid first
// (within the cap), before that budget is split, so every epoch's total stays within its budget, as
// EpochSettlement requires. Nothing is redistributed because of the floor.

import {
  DuplicateRecipient,
  InvalidAllocationParameter,
  InvalidRecipient,
  NoValueToAllocate,
} from "./allocationErrors.ts";
import { CapTooLow, fillUnderCaps } from "./fillUnderCaps.ts";
import { splitExact } from "./splitExact.ts";
import { VALUE_UNITS_PER_VALUE } from "./toValueUnits.ts";

const BPS = 10_000n;
const PPM = 1_000_000n;

/** The governed parameters of an allocation; the first two are GuildConfig's. */
export interface AllocationParams {
  /** Most any recipient is paid in an epoch, in basis points of the budget, 1 to 10,000. */
  capBps: number;
  /** Base units: a recipient owed less than this in an epoch is paid nothing then and carries it over. */
  floorAmount: bigint;
  /**
   * Basis points (0 to 10,000) of the distributable budget paid toward each recipient's lifetime share
   * (BALANCED); the rest pays this epoch's value (IMMEDIATE). 0 is pure IMMEDIATE.
   */
  balancedBps: number;
}

/** One recipient's standing at the start of the epoch. */
export interface AllocationRecipientInput {
  /** Who is paid: an address or another stable id. Compared and sorted code unit by code unit. */
  recipient: string;
  /** This epoch's value, in value units (≥ 0). */
  valueUnits: bigint;
  /** Base units owed from earlier epochs because of the floor (the last epoch's `carriedOut`); default 0. */
  carriedIn?: bigint;
  /** Value units earned in all earlier epochs, not counting this one; default 0. Read by BALANCED only. */
  lifetimeValueUnits?: bigint;
  /** Base units paid in all earlier epochs (the last leaf's cumulative amount); default 0. Read by BALANCED only. */
  lifetimePaid?: bigint;
}

export interface AllocationInput {
  /** This epoch's budget, base units (≥ 0). */
  budget: bigint;
  params: AllocationParams;
  /**
   * Everyone who may be paid: this epoch's contributors, everyone with a carry-over, and (for BALANCED)
   * everyone whose lifetime share should count. Lifetime shares are taken among these rows only.
   */
  recipients: readonly AllocationRecipientInput[];
}

/** What one recipient gets and why. Amounts are base units. */
export interface RecipientAllocation {
  recipient: string;
  valueUnits: bigint;
  /** Their part of this epoch's total value, ppm, rounded half up (0 when nobody has value). */
  valueSharePpm: number;
  /** What IMMEDIATE alone would give them from the distributable budget. */
  immediateAloneAmount: bigint;
  /** What the policies (IMMEDIATE and BALANCED) give them from the distributable budget, before the cap. */
  uncappedAmount: bigint;
  /** What BALANCED moved: `uncappedAmount − immediateAloneAmount` (negative when others caught up). */
  catchUpAmount: bigint;
  /** True when the cap bound them: they would have had more (from the policies, or from others' excess). */
  capped: boolean;
  /** `shareAmount − uncappedAmount`: negative when the cap cut them, positive when they got others' excess. */
  capAdjustment: bigint;
  /** Their part of the distributable budget after the cap. */
  shareAmount: bigint;
  /** Owed from earlier epochs (input). */
  carriedIn: bigint;
  /** The part of `carriedIn` this budget could not fund (only when the cap or budget shrank below it). */
  carriedInDeferred: bigint;
  /** `carriedIn + shareAmount`: everything owed to them now. */
  owedAmount: bigint;
  /** True when what this epoch could pay them (`owedAmount − carriedInDeferred`) is under the floor. */
  belowFloor: boolean;
  /** Paid this epoch: 0 when below the floor, else `owedAmount − carriedInDeferred`. Never above the cap. */
  payout: bigint;
  /** `owedAmount − payout`: owed into the next epoch (its `carriedIn`). */
  carriedOut: bigint;
  /** The above in one paragraph for a person. */
  explanation: string;
}

/** An epoch's allocation. Amounts are base units; recipients are sorted by `recipient`. */
export interface Allocation {
  budget: bigint;
  params: AllocationParams;
  /** `capBps` of the budget, rounded down: no payout is above it. */
  capAmount: bigint;
  /** Carry-overs paid for out of this budget before the split. */
  carryOverFunded: bigint;
  /** `budget − carryOverFunded`: what IMMEDIATE and BALANCED split. */
  distributable: bigint;
  /** `balancedBps` of `distributable`, rounded down. */
  balancedPool: bigint;
  /** `distributable − balancedPool`. */
  immediatePool: bigint;
  /** Σ payouts: the epoch's total on chain. */
  totalPaid: bigint;
  /** `budget − totalPaid`: held back by the floor; it stays in the treasury. */
  rolledOver: bigint;
  /** Σ carriedOut: claims on later budgets; `rolledOver` plus any deferred carry-over. */
  totalCarriedOut: bigint;
  recipients: RecipientAllocation[];
}

interface Row {
  index: number;
  recipient: string;
  valueUnits: bigint;
  carriedIn: bigint;
  lifetimeValueUnits: bigint;
  lifetimePaid: bigint;
}

/**
 * Splits an epoch's budget into payouts, in this order:
 * 1. Carry-overs first: each recipient's `carriedIn` is funded from the budget, up to the cap (if the
 *    carry-overs together exceed the budget, the budget is split over them pro rata); any part that does
 *    not fit stays carried (`carriedInDeferred`). What is left is the distributable budget.
 * 2. IMMEDIATE and BALANCED (after SourceCred's policies): `balancedBps` of the distributable budget is the
 *    BALANCED pool, the rest the IMMEDIATE pool. IMMEDIATE pays by this epoch's value. BALANCED pays by
 *    shortfall against lifetime share: with Vᵢ = lifetime + this epoch's value, aᵢ = lifetime paid +
 *    carried in, and P the BALANCED pool, recipient i's ideal is Vᵢ/ΣV · (Σa + P) and the pool is split
 *    in proportion to max(0, ideal − aᵢ). The two are added as exact fractions and rounded once
 *    (`splitExact`, largest remainder).
 * 3. The cap: nobody's carry-over plus share exceeds `capBps` of the budget; the excess goes to the others
 *    by the same weights (`fillUnderCaps`, as `capShares`).
 * 4. The floor: a recipient whose payable amount (funded carry-over plus share) is under `floorAmount` is
 *    paid nothing; their whole `owedAmount` becomes `carriedOut`, and the payable part stays in the
 *    treasury (`rolledOver`).
 * Guarantees: Σ payouts + rolledOver = budget; for each recipient carriedIn + shareAmount = owedAmount =
 * payout + carriedOut; no payout above `capAmount`; no payout under the floor but 0; the result depends
 * on the recipients as a set, not on their order; with `balancedBps` 0 the lifetime fields are ignored.
 * @throws InvalidAllocationParameter for a negative budget, `capBps` outside 1..10,000, `balancedBps`
 *   outside 0..10,000, or a negative `floorAmount`
 * @throws InvalidRecipient for an empty recipient id or a negative (or non-bigint) amount
 * @throws DuplicateRecipient when two rows name the same recipient
 * @throws NoValueToAllocate when a pool is positive but nobody has the value it pays for
 * @throws CapTooLow when the cap cannot pay out the distributable budget over the recipients with value
 */
export function allocate(input: AllocationInput): Allocation {
  const { budget, params } = input;
  checkParameters(budget, params);
  const rows = checkRecipients(input.recipients);
  const capAmount = (budget * BigInt(params.capBps)) / BPS;

  // 1. Carry-overs are claims on this budget: funded first, each within the cap.
  const fundable = rows.map((row) => (row.carriedIn < capAmount ? row.carriedIn : capAmount));
  const carryFunded = sum(fundable) <= budget ? fundable : splitExact(budget, fundable);
  const carryOverFunded = sum(carryFunded);
  const distributable = budget - carryOverFunded;

  // 2. IMMEDIATE and BALANCED, as one set of exact weights.
  const balancedPool = (distributable * BigInt(params.balancedBps)) / BPS;
  const immediatePool = distributable - balancedPool;
  const values = rows.map((row) => row.valueUnits);
  const totalValue = sum(values);
  if (immediatePool > 0n && totalValue === 0n) throw new NoValueToAllocate("IMMEDIATE", immediatePool);
  const weights = policyWeights(rows, totalValue, immediatePool, balancedPool);
  const uncapped = splitExact(distributable, weights);
  const immediateAlone = totalValue === 0n ? rows.map(() => 0n) : splitExact(distributable, values);

  // 3. The cap, less what the carry-over already takes of it.
  const headroom = carryFunded.map((funded) => capAmount - funded);
  const eligible = weights.flatMap((w, i) => (w > 0n ? [i] : []));
  const capacity = eligible.reduce((s, i) => s + (headroom[i] ?? 0n), 0n);
  if (capacity < distributable) {
    throw new CapTooLow(
      `a cap of ${params.capBps / 100}% (${capAmount} each) lets the ${eligible.length} recipients with value take ${capacity} of the ${distributable} to pay out`,
      { budget, capBps: params.capBps, capAmount, distributable, capacity, recipients: eligible.length },
    );
  }
  const { parts: shares, capped } = fillUnderCaps(distributable, weights, headroom);

  // 4. The floor.
  const recipients = rows.map((row, i): RecipientAllocation => {
    const funded = carryFunded[i] ?? 0n;
    const shareAmount = shares[i] ?? 0n;
    const uncappedAmount = uncapped[i] ?? 0n;
    const immediateAloneAmount = immediateAlone[i] ?? 0n;
    const payable = funded + shareAmount;
    const owedAmount = row.carriedIn + shareAmount;
    const belowFloor = payable < params.floorAmount;
    const payout = belowFloor ? 0n : payable;
    const allocation: Omit<RecipientAllocation, "explanation"> = {
      recipient: row.recipient,
      valueUnits: row.valueUnits,
      valueSharePpm: totalValue === 0n ? 0 : ratioPpm(row.valueUnits, totalValue),
      immediateAloneAmount,
      uncappedAmount,
      catchUpAmount: uncappedAmount - immediateAloneAmount,
      capped: capped[i] ?? false,
      capAdjustment: shareAmount - uncappedAmount,
      shareAmount,
      carriedIn: row.carriedIn,
      carriedInDeferred: row.carriedIn - funded,
      owedAmount,
      belowFloor,
      payout,
      carriedOut: owedAmount - payout,
    };
    return { ...allocation, explanation: explain(allocation, params, capAmount) };
  });

  const totalPaid = sum(recipients.map((r) => r.payout));
  return {
    budget,
    params: { capBps: params.capBps, floorAmount: params.floorAmount, balancedBps: params.balancedBps },
    capAmount,
    carryOverFunded,
    distributable,
    balancedPool,
    immediatePool,
    totalPaid,
    rolledOver: budget - totalPaid,
    totalCarriedOut: sum(recipients.map((r) => r.carriedOut)),
    recipients,
  };
}

/**
 * Weights proportional to each recipient's exact IMMEDIATE share plus exact BALANCED share. With one pool
 * empty they are that pool's own weights, so `balancedBps` 0 splits by value exactly as `capShares` does.
 */
function policyWeights(
  rows: readonly Row[],
  totalValue: bigint,
  immediatePool: bigint,
  balancedPool: bigint,
): bigint[] {
  const values = rows.map((row) => row.valueUnits);
  if (balancedPool === 0n) return values;
  const shortfalls = catchUpWeights(rows, balancedPool);
  if (immediatePool === 0n) return shortfalls;
  // immediatePool · vᵢ/Σv + balancedPool · sᵢ/Σs, over the common denominator Σv · Σs (both positive here).
  const totalShortfall = sum(shortfalls);
  return values.map(
    (v, i) => immediatePool * v * totalShortfall + balancedPool * (shortfalls[i] ?? 0n) * totalValue,
  );
}

/**
 * BALANCED weights: each recipient's shortfall against their lifetime share of everything allocated once
 * this pool is paid, times ΣV (which keeps them integers). They sum to at least `balancedPool · ΣV`.
 */
function catchUpWeights(rows: readonly Row[], balancedPool: bigint): bigint[] {
  const lifetimeValues = rows.map((row) => row.lifetimeValueUnits + row.valueUnits);
  const allocated = rows.map((row) => row.lifetimePaid + row.carriedIn);
  const totalLifetimeValue = sum(lifetimeValues);
  if (totalLifetimeValue === 0n) throw new NoValueToAllocate("BALANCED", balancedPool);
  const totalAfter = sum(allocated) + balancedPool;
  return lifetimeValues.map((v, i) => {
    const shortfall = v * totalAfter - (allocated[i] ?? 0n) * totalLifetimeValue;
    return shortfall > 0n ? shortfall : 0n;
  });
}

function checkParameters(budget: bigint, params: AllocationParams): void {
  if (typeof budget !== "bigint" || budget < 0n) {
    throw new InvalidAllocationParameter("budget", budget, "must be a bigint ≥ 0");
  }
  const { capBps, floorAmount, balancedBps } = params;
  if (!Number.isInteger(capBps) || capBps < 1 || capBps > 10_000) {
    throw new InvalidAllocationParameter("capBps", capBps, "must be an integer from 1 to 10000");
  }
  if (typeof floorAmount !== "bigint" || floorAmount < 0n) {
    throw new InvalidAllocationParameter("floorAmount", floorAmount, "must be a bigint ≥ 0");
  }
  if (!Number.isInteger(balancedBps) || balancedBps < 0 || balancedBps > 10_000) {
    throw new InvalidAllocationParameter("balancedBps", balancedBps, "must be an integer from 0 to 10000");
  }
}

/** Checks every row, fills the defaults, and sorts by recipient (the order every result follows). */
function checkRecipients(recipients: readonly AllocationRecipientInput[]): Row[] {
  const rows = recipients.map((input, index): Row => {
    const { recipient } = input;
    if (typeof recipient !== "string" || recipient === "") {
      throw new InvalidRecipient(index, recipient, "recipient", recipient, "must be a non-empty string");
    }
    const amount = (field: keyof AllocationRecipientInput, value: unknown): bigint => {
      if (typeof value !== "bigint" || value < 0n) {
        throw new InvalidRecipient(index, recipient, field, value, "must be a bigint ≥ 0");
      }
      return value;
    };
    return {
      index,
      recipient,
      valueUnits: amount("valueUnits", input.valueUnits),
      carriedIn: amount("carriedIn", input.carriedIn ?? 0n),
      lifetimeValueUnits: amount("lifetimeValueUnits", input.lifetimeValueUnits ?? 0n),
      lifetimePaid: amount("lifetimePaid", input.lifetimePaid ?? 0n),
    };
  });
  // Stable, so two rows for one recipient sit together in input order.
  rows.sort((a, b) => (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0));
  for (const [i, row] of rows.entries()) {
    const previous = rows[i - 1];
    if (previous?.recipient === row.recipient) {
      throw new DuplicateRecipient(row.recipient, previous.index, row.index);
    }
  }
  return rows;
}

function explain(
  a: Omit<RecipientAllocation, "explanation">,
  params: AllocationParams,
  capAmount: bigint,
): string {
  const parts = [
    `${a.recipient}: ${a.valueSharePpm / 10_000}% of this epoch's value (${formatValue(a.valueUnits)}).`,
  ];
  if (params.balancedBps > 0) {
    parts.push(
      `Value alone would pay ${a.immediateAloneAmount}; catch-up toward lifetime share ${signed(a.catchUpAmount)}, so ${a.uncappedAmount}.`,
    );
  } else {
    parts.push(`Pro-rata share ${a.uncappedAmount}.`);
  }
  if (a.capped && a.capAdjustment < 0n) {
    parts.push(`The cap of ${capAmount} per recipient bound them: ${-a.capAdjustment} went to others.`);
  } else if (a.capped) {
    parts.push(`${a.capAdjustment} more from others held to the cap, up to the cap of ${capAmount}.`);
  } else if (a.capAdjustment > 0n) {
    parts.push(`${a.capAdjustment} more from others held to the cap.`);
  }
  if (a.carriedIn > 0n) {
    parts.push(
      a.carriedInDeferred > 0n
        ? `${a.carriedIn} carried in from earlier epochs, ${a.carriedInDeferred} of it left for a later budget.`
        : `${a.carriedIn} carried in from earlier epochs.`,
    );
  }
  const payable = a.owedAmount - a.carriedInDeferred;
  if (a.owedAmount === 0n) {
    parts.push("Nothing owed.");
  } else if (a.belowFloor) {
    parts.push(
      `${payable} payable is under the floor of ${params.floorAmount}: not paid now, ${a.carriedOut} carried to the next epoch.`,
    );
  } else {
    parts.push(a.carriedOut > 0n ? `Paid ${a.payout}; ${a.carriedOut} still carried.` : `Paid ${a.payout}.`);
  }
  return parts.join(" ");
}

/** `numerator / denominator` in parts per million, rounded half up. */
function ratioPpm(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator * PPM + denominator) / (2n * denominator));
}

/** Value units as a decimal number of value, exactly (1500000 → "1.5"). */
function formatValue(units: bigint): string {
  const whole = units / VALUE_UNITS_PER_VALUE;
  const digits = VALUE_UNITS_PER_VALUE.toString().length - 1;
  const fraction = (units % VALUE_UNITS_PER_VALUE).toString().padStart(digits, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole} value` : `${whole}.${fraction} value`;
}

function signed(amount: bigint): string {
  return amount > 0n ? `+${amount}` : `${amount}`;
}

function sum(amounts: readonly bigint[]): bigint {
  return amounts.reduce((s, a) => s + a, 0n);
}
