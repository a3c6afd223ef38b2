// Test support: checks a JSON value against the subset of JSON Schema the API's documents use ($ref into
// components, anyOf, oneOf, allOf, type, enum, pattern, minimum, maximum, properties, required,
// additionalProperties, items), so the route tests can prove each response matches its OpenAPI schema.

type Schema = { readonly [keyword: string]: unknown };

/**
 * What is wrong with `value` against `schema` (empty when it matches), each as `<path>: <problem>`.
 * `components` resolves `#/components/schemas/<name>` references.
 */
export function schemaErrors(
  value: unknown,
  schema: Schema,
  components: Readonly<Record<string, Schema>>,
  path = "$",
): string[] {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.replace("#/components/schemas/", "");
    const target = components[name];
    return target === undefined
      ? [`${path}: unknown schema ${ref}`]
      : schemaErrors(value, target, components, path);
  }
  const errors: string[] = [];
  const sub = (v: unknown, s: Schema, p = path) => schemaErrors(v, s, components, p);
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) errors.push(...sub(value, s));
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => sub(value, s).length === 0)) {
    errors.push(`${path}: matches none of anyOf (${JSON.stringify(value)?.slice(0, 80)})`);
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((s) => sub(value, s).length === 0).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf, not exactly one`);
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  const type = schema.type;
  if (typeof type === "string" && !hasType(value, type)) {
    errors.push(`${path}: ${JSON.stringify(value)?.slice(0, 80)} is not of type ${type}`);
    return errors;
  }
  if (
    typeof value === "string" &&
    typeof schema.pattern === "string" &&
    !new RegExp(schema.pattern).test(value)
  ) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && typeof schema.items === "object" && schema.items !== null) {
    for (const [i, item] of value.entries())
      errors.push(...sub(item, schema.items as Schema, `${path}[${i}]`));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(record, key)) errors.push(`${path}: ${key} is missing`);
    }
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (property !== undefined) errors.push(...sub(item, property, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: ${key} is not in the schema`);
      else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null) {
        errors.push(...sub(item, schema.additionalProperties as Schema, `${path}.${key}`));
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
