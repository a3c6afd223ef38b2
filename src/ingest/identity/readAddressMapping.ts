// Reads an address mapping file; its extension (.json or .csv) says its format.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { AddressMapping } from "./addressMapping.ts";
import { parseAddressMapping } from "./addressMapping.ts";
import { InvalidAddressMapping } from "./identityErrors.ts";

/**
 * Reads the address mapping at `path`, a `.json` or `.csv` file in the formats of parseAddressMapping.
 * @throws InvalidAddressMapping when the file is unreadable, has another extension, or is malformed
 */
export async function readAddressMapping(path: string): Promise<AddressMapping> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".json" && extension !== ".csv") {
    throw new InvalidAddressMapping(
      path,
      `unknown format ${JSON.stringify(extension)}: name it .json or .csv`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new InvalidAddressMapping(path, `cannot read it: ${(cause as Error).message}`, {}, { cause });
  }
  return parseAddressMapping(text, extension === ".json" ? "json" : "csv", path);
}
