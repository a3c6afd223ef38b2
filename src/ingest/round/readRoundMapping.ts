// Reads a round mapping from a JSON file.
import { readFile } from "node:fs/promises";
import { InvalidRoundMapping } from "./roundErrors.ts";
import type { RoundMapping } from "./roundMapping.ts";
import { parseRoundMapping } from "./roundMapping.ts";

/**
 * Reads the JSON round mapping at `path` (the form of parseRoundMapping).
 * @throws InvalidRoundMapping when the file is unreadable, not JSON, or not a valid mapping
 */
export async function readRoundMapping(path: string): Promise<RoundMapping> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new InvalidRoundMapping(path, "(file)", `cannot be read as JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseRoundMapping(value, path);
}
