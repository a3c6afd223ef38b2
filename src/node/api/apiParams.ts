// The path and query parameters the routes take, each checked at the edge: a bad value is a 400 that
// names the parameter and the value, before any handler runs.
import type { Address, Hex } from "viem";
import { getAddress, isAddress } from "viem";
import type { ApiErrorCode } from "./apiProblem.ts";
import { ApiProblem } from "./apiProblem.ts";
import type { JsonSchema } from "./jsonSchema.ts";
import { jsonSchema as s } from "./jsonSchema.ts";

/** One parameter: how the OpenAPI document shows it and how its text becomes a value. */
export interface Param<T> {
  description: string;
  schema: JsonSchema;
  required: boolean;
  /** The error code a bad value gets (listed under the route's 400 response). */
  error: ApiErrorCode;
  /**
   * The value of `raw` (undefined when the parameter is absent).
   * @throws ApiProblem with `error` when the text is not a value of the parameter
   */
  parse(raw: string | undefined, name: string): T;
}

type Presence<T, R extends boolean> = R extends true ? T : T | undefined;

function param<T, R extends boolean>(
  required: R,
  spec: { description: string; schema: JsonSchema; error: ApiErrorCode; expected: string },
  convert: (raw: string) => T | undefined,
): Param<Presence<T, R>> {
  return {
    description: spec.description,
    schema: spec.schema,
    required,
    error: spec.error,
    parse(raw, name) {
      if (raw === undefined) {
        if (required) {
          throw new ApiProblem(spec.error, `${name} is required: ${spec.expected}`, { parameter: name });
        }
        return undefined as Presence<T, R>;
      }
      const value = convert(raw);
      if (value === undefined) {
        throw new ApiProblem(spec.error, `${name} must be ${spec.expected}, got ${JSON.stringify(raw)}`, {
          parameter: name,
          value: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw,
        });
      }
      return value as Presence<T, R>;
    },
  };
}

/** An epoch id: a whole number from 1. */
export const epochIdParam = <R extends boolean>(description: string, required: R) =>
  param(
    required,
    {
      description,
      schema: { ...s.integer(undefined, 1), maximum: 999_999_999 },
      error: "InvalidEpochId",
      expected: "an epoch id (a whole number from 1)",
    },
    (raw) => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined),
  );

/** A contribution id: 32 bytes of hex, returned lower-case (as the store keeps ids). */
export const contributionIdParam = (description: string) =>
  param(
    true,
    {
      description,
      schema: s.hex(undefined, 32),
      error: "InvalidContributionId",
      expected: "a contribution id (0x and 64 hex digits)",
    },
    (raw) => (/^0x[0-9a-fA-F]{64}$/.test(raw) ? (raw.toLowerCase() as Hex) : undefined),
  );

/** An Ethereum address, returned checksummed; mixed case must be a valid checksum. */
export const addressParam = <R extends boolean>(description: string, required: R) =>
  param(
    required,
    {
      description,
      schema: s.address(),
      error: "InvalidAddress",
      expected: "an address (0x and 40 hex digits, checksummed if mixed-case)",
    },
    (raw): Address | undefined => (isAddress(raw) ? getAddress(raw) : undefined),
  );

/** How many items a page holds: 1 to `max`, `fallback` when absent. */
export const limitParam = (fallback: number, max: number): Param<number> => {
  const inner = param(
    true,
    {
      description: `items per page, 1 to ${max} (default ${fallback})`,
      schema: { ...s.integer(undefined, 1), maximum: max, default: fallback },
      error: "InvalidLimit",
      expected: `a whole number from 1 to ${max}`,
    },
    (raw) => (/^\d{1,6}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : undefined),
  );
  return {
    ...inner,
    required: false,
    parse: (raw, name) => (raw === undefined ? fallback : inner.parse(raw, name)),
  };
};

/** A page cursor, as the previous page's `nextCursor` gave it; `pattern` is what the route's cursors look like. */
export const cursorParam = (pattern: RegExp, shape: string) =>
  param(
    false,
    {
      description: `the previous page's nextCursor (${shape})`,
      schema: { ...s.string(), pattern: pattern.source },
      error: "InvalidCursor",
      expected: `a cursor from the previous page (${shape})`,
    },
    (raw) => (pattern.test(raw) ? raw : undefined),
  );

/** A yes/no flag: 1, true, 0 or false; false when absent. */
export const flagParam = (description: string): Param<boolean> => {
  const inner = param(
    false,
    {
      description,
      schema: s.enum(["1", "true", "0", "false"]),
      error: "InvalidParameter",
      expected: "1, true, 0 or false",
    },
    (raw) => (raw === "1" || raw === "true" ? true : raw === "0" || raw === "false" ? false : undefined),
  );
  return { ...inner, parse: (raw, name) => inner.parse(raw, name) ?? false };
};

/** One of a fixed set of words. */
export const oneOfParam = <const V extends string>(description: string, values: readonly V[]) =>
  param(
    false,
    {
      description,
      schema: s.enum(values),
      error: "InvalidParameter",
      expected: `one of ${values.join(", ")}`,
    },
    (raw) => ((values as readonly string[]).includes(raw) ? (raw as V) : undefined),
  );
