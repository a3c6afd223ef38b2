// Checks that an identity claim was signed by the address it names, for this guild.
import type { Address, Hex } from "viem";
import { getAddress, isAddress, recoverTypedDataAddress } from "viem";
import { GuildError } from "../errors.ts";
import type { GuildDomainInput } from "./guildDomain.ts";
import type { SignedIdentityClaim } from "./identityClaim.ts";
import { identityClaimTypedData } from "./identityClaim.ts";

/** An identity claim is malformed (`field` says which part) or not signed by its address. */
export class InvalidIdentityClaim extends GuildError {
  constructor(reason: string, details: Record<string, unknown>) {
    super(`invalid identity claim: ${reason}`, details);
  }
}

/**
 * Returns the claim (address checksummed) when `raw` is a SignedIdentityClaim whose signature, for
 * the guild of `domain`, was made by its `address`. A valid claim proves that the address agrees to be
 * credited for the source, not that it owns the email or the application: which claims to accept is
 * the operator's decision, and conflicting claims for one source are refused where they are used.
 * @throws InvalidIdentityClaim naming the bad field, or the signer when it is not the address
 */
export async function verifyIdentityClaim(
  raw: unknown,
  domain: GuildDomainInput,
): Promise<SignedIdentityClaim> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InvalidIdentityClaim("a claim must be a JSON object", { field: "$" });
  }
  const { address, source, name, signature } = raw as Record<string, unknown>;
  if (typeof address !== "string" || !isAddress(address)) {
    throw new InvalidIdentityClaim("address must be an Ethereum address", {
      field: "address",
      value: address,
    });
  }
  if (typeof source !== "string" || !/^[a-z][a-z0-9-]*:.+/.test(source)) {
    throw new InvalidIdentityClaim('source must be a string like "git:<email>"', {
      field: "source",
      value: source,
    });
  }
  if (typeof name !== "string") {
    throw new InvalidIdentityClaim("name must be a string", { field: "name", value: name });
  }
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new InvalidIdentityClaim("signature must be 65 bytes as 0x-prefixed hex", {
      field: "signature",
      value: signature,
    });
  }
  const claim = { address: getAddress(address), source, name, signature: signature as Hex };
  let signer: Address | null;
  try {
    signer = await recoverTypedDataAddress({
      ...identityClaimTypedData(claim, domain),
      signature: claim.signature,
    });
  } catch {
    signer = null;
  }
  if (signer !== claim.address) {
    throw new InvalidIdentityClaim(
      `the signature recovers to ${signer ?? "no address"}, not to ${claim.address}`,
      {
        field: "signature",
        address: claim.address,
        signer,
        source,
      },
    );
  }
  return claim;
}
