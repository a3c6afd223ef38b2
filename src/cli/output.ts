// How the CLI speaks: plain lines for people, JSON for scripts, and errors as a message and a hint.
import { GuildError } from "../core/errors.ts";

export interface Output {
  json: boolean;
  debug: boolean;
  line(text?: string): void;
  /** Prints `value` as JSON when --json is set; otherwise calls `human`. */
  result(value: unknown, human: () => void): void;
}

export function createOutput(json: boolean, debug: boolean): Output {
  return {
    json,
    debug,
    line: (text = "") => process.stdout.write(`${text}\n`),
    result: (value, human) => {
      if (json)
        process.stdout.write(
          `${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
        );
      else human();
    },
  };
}

/** Prints an error for a person: the message, the values that explain it, and the stack with --debug. */
export function printError(error: unknown, debug: boolean): void {
  if (error instanceof GuildError) {
    process.stderr.write(`error: ${error.message}\n`);
    const details = Object.entries(error.details);
    if (details.length > 0) {
      for (const [key, value] of details) process.stderr.write(`  ${key}: ${showValue(value)}\n`);
    }
  } else {
    const message =
      error instanceof Error
        ? ((error as { shortMessage?: string }).shortMessage ?? error.message)
        : String(error);
    process.stderr.write(`error: ${message}\n`);
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("  (run with --debug for the stack trace)\n");
}

/** A detail value for a person: strings as they are, everything else as compact JSON (bigints as digits). */
function showValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.join(", ");
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
}

/** A base-unit amount of an 18-decimals token, for people: `digits` decimals, rounded down, grouped. */
export function formatUnits18(amount: bigint, digits = 2): string {
  const scale = 10n ** BigInt(18 - digits);
  const shown = amount / scale;
  const whole = shown / 10n ** BigInt(digits);
  const fraction = (shown % 10n ** BigInt(digits)).toString().padStart(digits, "0");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return digits > 0 ? `${grouped}.${fraction}` : grouped;
}
