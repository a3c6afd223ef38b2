// Small builders for the JSON Schemas (2020-12, as OpenAPI 3.1 uses them) the API documents its bodies with.

/** A JSON Schema object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

const withDescription = (schema: Record<string, unknown>, description?: string): JsonSchema =>
  description === undefined ? schema : { ...schema, description };

/** Builders for the schemas of the API's bodies; objects list every property as required unless told. */
export const jsonSchema = {
  string: (description?: string): JsonSchema => withDescription({ type: "string" }, description),
  integer: (description?: string, minimum?: number): JsonSchema =>
    withDescription(minimum === undefined ? { type: "integer" } : { type: "integer", minimum }, description),
  number: (description?: string): JsonSchema => withDescription({ type: "number" }, description),
  boolean: (description?: string): JsonSchema => withDescription({ type: "boolean" }, description),
  /** A non-negative integer too large for a JSON number: base units, uint256 values. */
  decimal: (description?: string): JsonSchema =>
    withDescription({ type: "string", pattern: "^[0-9]+$" }, description),
  /** 0x-prefixed hex, of exactly `bytes` bytes when given. */
  hex: (description?: string, bytes?: number): JsonSchema =>
    withDescription(
      {
        type: "string",
        pattern: bytes === undefined ? "^0x([0-9a-fA-F]{2})*$" : `^0x[0-9a-fA-F]{${2 * bytes}}$`,
      },
      description,
    ),
  address: (description?: string): JsonSchema =>
    withDescription({ type: "string", pattern: "^0x[0-9a-fA-F]{40}$" }, description),
  enum: (values: readonly (string | number)[], description?: string): JsonSchema =>
    withDescription({ enum: [...values] }, description),
  array: (items: JsonSchema, description?: string): JsonSchema =>
    withDescription({ type: "array", items }, description),
  /** An object with these properties; all required but `optional`, no others unless `open`. */
  object: (
    properties: Record<string, JsonSchema>,
    options: { optional?: readonly string[]; open?: boolean; description?: string } = {},
  ): JsonSchema =>
    withDescription(
      {
        type: "object",
        properties,
        required: Object.keys(properties).filter((key) => !options.optional?.includes(key)),
        additionalProperties: options.open === true,
      },
      options.description,
    ),
  /** An object whose keys are free and whose values follow `values`. */
  record: (values: JsonSchema, description?: string): JsonSchema =>
    withDescription({ type: "object", additionalProperties: values }, description),
  nullable: (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] }),
  oneOf: (schemas: readonly JsonSchema[], description?: string): JsonSchema =>
    withDescription({ oneOf: [...schemas] }, description),
  /** Any JSON value. */
  any: (description?: string): JsonSchema => withDescription({}, description),
  ref: (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` }),
};
