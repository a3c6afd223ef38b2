// A small, strict JSON Schema validator for the few keywords the judge's reply schemas use.
import { GuildError } from "../../core/errors.ts";

/** A JSON Schema in the subset this validator understands (the subset structured-output servers accept). */
export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
}

export type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/** Where a value breaks its schema: a JSON path (`$.scores.impact.score`), the keyword, and why. */
export interface SchemaViolation {
  path: string;
  keyword: string;
  reason: string;
}

/** The schema uses a keyword this validator does not implement, so it could not vouch for a value. */
export class UnsupportedSchemaKeyword extends GuildError {
  constructor(path: string, keyword: string) {
    super(`schema keyword "${keyword}" at ${path} is not supported by Guild's validator`, { path, keyword });
  }
}

const KEYWORDS = new Set<string>([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "description",
]);

/**
 * Checks `value` (as parsed from JSON) against `schema` and returns the first violation, or null when
 * it conforms. Numbers are integers when mathematically whole (JSON Schema's meaning); string lengths
 * count code points. Objects are compared by own keys only, so `__proto__` is an ordinary key.
 * @throws UnsupportedSchemaKeyword for any keyword outside the subset: a validator that silently ignored
 * a constraint would pass replies the server was told to refuse
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema): SchemaViolation | null {
  checkKeywords(schema, "#");
  return validate(value, schema, "$");
}

/** Walks the whole schema first, so an unsupported keyword is refused even where the value has nothing. */
function checkKeywords(schema: JsonSchema, path: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword)) throw new UnsupportedSchemaKeyword(path, keyword);
  }
  for (const [key, item] of Object.entries(schema.properties ?? {}))
    checkKeywords(item, `${path}/properties/${key}`);
  if (typeof schema.additionalProperties === "object")
    checkKeywords(schema.additionalProperties, `${path}/additionalProperties`);
  if (schema.items !== undefined) checkKeywords(schema.items, `${path}/items`);
}

function validate(value: unknown, schema: JsonSchema, path: string): SchemaViolation | null {
  const violation = (keyword: string, reason: string): SchemaViolation => ({ path, keyword, reason });

  if (schema.type !== undefined) {
    const types: readonly JsonType[] = typeof schema.type === "string" ? [schema.type] : schema.type;
    const actual = jsonTypeOf(value);
    const fits = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!fits) return violation("type", `is ${actual}, not ${types.join(" or ")}`);
  }
  if (schema.const !== undefined && !jsonEqual(value, schema.const))
    return violation("const", `is not ${JSON.stringify(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.some((allowed) => jsonEqual(value, allowed)))
    return violation("enum", `is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);

  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      return violation("minimum", `${value} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      return violation("maximum", `${value} is above ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      return violation("exclusiveMinimum", `${value} is not above ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      return violation("exclusiveMaximum", `${value} is not below ${schema.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      return violation("minLength", `${length} characters, fewer than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      return violation("maxLength", `${length} characters, more than ${schema.maxLength}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      return violation("minItems", `${value.length} items, fewer than ${schema.minItems}`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return violation("maxItems", `${value.length} items, more than ${schema.maxItems}`);
    if (schema.items !== undefined) {
      for (const [i, item] of value.entries()) {
        const found = validate(item, schema.items, `${path}[${i}]`);
        if (found !== null) return found;
      }
    }
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(value, key))
        return { path: `${path}${pathKey(key)}`, keyword: "required", reason: "is missing" };
    }
    const properties = schema.properties ?? {};
    for (const [key, item] of Object.entries(value)) {
      const itemPath = `${path}${pathKey(key)}`;
      const own = Object.hasOwn(properties, key) ? properties[key] : undefined;
      const itemSchema =
        own ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
      if (itemSchema === undefined) {
        if (schema.additionalProperties === false)
          return { path: itemPath, keyword: "additionalProperties", reason: "is not allowed" };
        continue;
      }
      const found = validate(item, itemSchema, itemPath);
      if (found !== null) return found;
    }
  }
  return null;
}

function jsonTypeOf(value: unknown): JsonType | "undefined" | "other" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "object")
    return typeof value as JsonType;
  return value === undefined ? "undefined" : "other";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return a === b;
}

/** `.name` for plain identifiers, `["odd key"]` otherwise, so a path can be read back unambiguously. */
function pathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
