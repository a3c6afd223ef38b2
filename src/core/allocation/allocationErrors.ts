// The errors `allocate` throws for bad input: parameters out of range, bad recipients, nothing to pay for.
import { GuildError } from "../errors.ts";

/** The budget or a governed parameter is out of range: `details.name` names it. */
export class InvalidAllocationParameter extends GuildError {
  constructor(name: string, value: unknown, reason: string) {
    super(`${name} ${reason}, got ${String(value)}`, { name, value, reason });
  }
}

/** A recipient row is malformed: `details.index` is its position in the input, `details.field` the bad field. */
export class InvalidRecipient extends GuildError {
  constructor(index: number, recipient: unknown, field: string, value: unknown, reason: string) {
    super(`recipient ${index} (${String(recipient)}): ${field} ${reason}, got ${String(value)}`, {
      index,
      recipient,
      field,
      value,
      reason,
    });
  }
}

/** Two input rows name the same recipient (compared exactly, code unit for code unit). */
export class DuplicateRecipient extends GuildError {
  constructor(recipient: string, firstIndex: number, duplicateIndex: number) {
    super(`recipient ${recipient} appears twice, at rows ${firstIndex} and ${duplicateIndex}`, {
      recipient,
      firstIndex,
      duplicateIndex,
    });
  }
}

/** A policy has an amount to hand out but no recipient has the value it pays for. */
export class NoValueToAllocate extends GuildError {
  constructor(policy: "IMMEDIATE" | "BALANCED", amount: bigint) {
    super(
      policy === "IMMEDIATE"
        ? `${amount} is to be paid for this epoch's value, but no recipient has any`
        : `${amount} is to be paid toward lifetime shares, but no recipient has any lifetime value`,
      { policy, amount },
    );
  }
}
