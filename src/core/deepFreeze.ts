// Freezes a JSON-like value all the way down: configurations that evaluators may cache hashes of.

/** Freezes `value` and everything it holds, in place; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
