// Reads a file of signed identity claims and verifies every one of them.
import { readFile } from "node:fs/promises";
import type { GuildDomainInput } from "../../core/contribution/guildDomain.ts";
import type { SignedIdentityClaim } from "../../core/contribution/identityClaim.ts";
import { InvalidIdentityClaim, verifyIdentityClaim } from "../../core/contribution/verifyIdentityClaim.ts";
import { InvalidIdentityClaims } from "./identityErrors.ts";

/**
 * Reads `path`, a JSON array of SignedIdentityClaim (`{ address, source, name, signature }`), and
 * verifies each against the guild of `domain`. All or nothing: one bad claim refuses the file.
 * @throws InvalidIdentityClaims naming the file and the index of the claim that does not verify
 */
export async function readIdentityClaims(
  path: string,
  domain: GuildDomainInput,
): Promise<SignedIdentityClaim[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new InvalidIdentityClaims(path, `cannot read it as JSON: ${(cause as Error).message}`, undefined, {
      cause,
    });
  }
  if (!Array.isArray(parsed)) throw new InvalidIdentityClaims(path, "must be a JSON array of signed claims");
  const claims: SignedIdentityClaim[] = [];
  for (const [index, raw] of parsed.entries()) {
    try {
      claims.push(await verifyIdentityClaim(raw, domain));
    } catch (cause) {
      if (cause instanceof InvalidIdentityClaim)
        throw new InvalidIdentityClaims(path, cause.message, index, { cause });
      throw cause;
    }
  }
  return claims;
}
