// Who a source's author is on chain: signed identity claims and the operator's address mapping, together.
import type { Address } from "viem";
import type { Contributor } from "../../core/contribution/contribution.ts";
import type { GuildDomainInput } from "../../core/contribution/guildDomain.ts";
import type { SignedIdentityClaim } from "../../core/contribution/identityClaim.ts";
import { verifyIdentityClaim } from "../../core/contribution/verifyIdentityClaim.ts";
import type { AddressMapping } from "./addressMapping.ts";
import { normalizeIdentityKey } from "./addressMapping.ts";
import { IdentityConflict } from "./identityErrors.ts";

/** Where identities come from; both are optional and every author is unmapped without them. */
export interface IdentitySources {
  /** The operator's mapping (readAddressMapping): identity key → address. */
  addresses?: AddressMapping;
  /** Signed identity claims and the guild they were signed for; each is verified here. */
  claims?: { domain: GuildDomainInput; signed: readonly SignedIdentityClaim[] };
}

/** Resolves the authors of one import. */
export interface ContributorDirectory {
  /**
   * The contributor behind `source` (`git:<email>`, `round:<id>`): the address of a claim for that
   * source, else of the first of `keys` found in the mapping, else unmapped `{ source, name }`.
   * @throws IdentityConflict when the claim and the mapping give different addresses
   */
  resolve(source: string, keys: readonly string[], name: string): Contributor;
}

/**
 * Builds the directory of an import, verifying every claim. Sources and keys are compared after
 * normalizeIdentityKey (trimmed, lower-cased).
 * @throws InvalidIdentityClaim for a claim that does not verify; IdentityConflict for two claims that
 *   give one source different addresses
 */
export async function contributorDirectory(sources: IdentitySources = {}): Promise<ContributorDirectory> {
  const claimed = await claimsBySource(sources.claims);
  const addresses = sources.addresses ?? new Map<string, Address>();

  return {
    resolve(source, keys, name) {
      const claim = claimed.get(normalizeIdentityKey(source));
      let mapped: { address: Address; key: string } | undefined;
      for (const key of keys) {
        const address = addresses.get(normalizeIdentityKey(key));
        if (address !== undefined) {
          mapped = { address, key };
          break;
        }
      }
      if (claim !== undefined && mapped !== undefined && claim.address !== mapped.address) {
        throw new IdentityConflict(
          source,
          { address: claim.address, from: `claim ${claim.index}` },
          { address: mapped.address, from: `the address mapping (${mapped.key})` },
        );
      }
      const address = claim?.address ?? mapped?.address;
      return address === undefined ? { kind: "unmapped", source, name } : { kind: "address", address };
    },
  };
}

/** Verified claims by normalized source, each with its index for error messages. */
async function claimsBySource(claims: IdentitySources["claims"]) {
  const claimed = new Map<string, { address: Address; index: number }>();
  if (claims === undefined) return claimed;
  for (const [index, raw] of claims.signed.entries()) {
    const claim = await verifyIdentityClaim(raw, claims.domain);
    const key = normalizeIdentityKey(claim.source);
    const previous = claimed.get(key);
    if (previous !== undefined && previous.address !== claim.address) {
      throw new IdentityConflict(
        claim.source,
        { address: previous.address, from: `claim ${previous.index}` },
        { address: claim.address, from: `claim ${index}` },
      );
    }
    claimed.set(key, { address: claim.address, index });
  }
  return claimed;
}
