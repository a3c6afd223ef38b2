// Parses a model's JSON reply strictly: one value, no duplicate keys, so every reader sees the same thing.

/** What a strict parse gives: the value, or where and why the text is not one JSON value. */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; reason: string; index: number };

/** Nesting deeper than this is refused: a verdict is three levels deep, so this only stops abuse. */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Parses `text` as exactly one JSON value (RFC 8259), surrounded by optional whitespace. Unlike
 * JSON.parse it refuses an object that names a key twice: JSON.parse keeps the last, other parsers the
 * first, so a reply like `{"score": 0, "score": 100}` would mean different scores to different auditors.
 * Keys such as `__proto__` become plain own properties. Never throws.
 */
export function parseStrictJson(text: string): StrictJsonResult {
  let at = 0;
  const fail: (reason: string) => never = (reason) => {
    throw new StrictJsonError(reason, at);
  };
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const parseString = (): string => {
    at += 1; // the opening quote
    let out = "";
    for (;;) {
      const c = text[at];
      if (c === undefined) fail("unterminated string");
      if (c === '"') {
        at += 1;
        return out;
      }
      if (c === "\\") {
        const e = text[at + 1];
        if (e === "u") {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          at += 6;
        } else {
          const plain = e === undefined ? undefined : ESCAPES[e];
          if (plain === undefined) fail("bad escape");
          out += plain;
          at += 2;
        }
        continue;
      }
      if (c < " ") fail("control character in string");
      out += c;
      at += 1;
    }
  };
  const parseValue = (depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH}`);
    skipWhitespace();
    const c = text[at];
    if (c === "{") {
      at += 1;
      const object: Record<string, unknown> = {};
      skipWhitespace();
      if (text[at] === "}") {
        at += 1;
        return object;
      }
      for (;;) {
        skipWhitespace();
        if (text[at] !== '"') fail("expected a string key");
        const keyAt = at;
        const key = parseString();
        if (Object.hasOwn(object, key)) {
          at = keyAt;
          fail(`duplicate key ${JSON.stringify(key)}`);
        }
        skipWhitespace();
        if (text[at] !== ":") fail("expected ':'");
        at += 1;
        // defineProperty, so that a key named __proto__ is data and not the object's prototype.
        Object.defineProperty(object, key, {
          value: parseValue(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        skipWhitespace();
        if (text[at] === ",") {
          at += 1;
          continue;
        }
        if (text[at] === "}") {
          at += 1;
          return object;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      at += 1;
      const array: unknown[] = [];
      skipWhitespace();
      if (text[at] === "]") {
        at += 1;
        return array;
      }
      for (;;) {
        array.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[at] === ",") {
          at += 1;
          continue;
        }
        if (text[at] === "]") {
          at += 1;
          return array;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number === null) fail(c === undefined ? "unexpected end of text" : "unexpected character");
    at = NUMBER.lastIndex;
    const value = Number(number[0]);
    if (!Number.isFinite(value)) fail("number out of range");
    return value;
  };
  try {
    const value = parseValue(0);
    skipWhitespace();
    if (at !== text.length) fail("text after the JSON value");
    return { ok: true, value };
  } catch (error) {
    if (error instanceof StrictJsonError) return { ok: false, reason: error.message, index: error.index };
    throw error;
  }
}

/** Internal: unwinds the recursive parser; never escapes parseStrictJson. */
class StrictJsonError extends Error {
  readonly index: number;
  constructor(reason: string, index: number) {
    super(reason);
    this.index = index;
  }
}
