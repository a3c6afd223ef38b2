// POST /v1/identity-claims: an address claims, by signing it (EIP-712 IdentityClaim), a name in a source
// of work (`git:<email>`, `round:<application id>`); the node records the mapping in its store.

import { signingDomain } from "../../../chain/manifest.ts";
import { verifyIdentityClaim } from "../../../core/contribution/verifyIdentityClaim.ts";
import type { IdentityClaimResult } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

export function identityClaimRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "post",
      path: "/v1/identity-claims",
      operationId: "submitIdentityClaim",
      tag: "identities",
      summary:
        "Records that a name in a source of work is an address, as the address signed (EIP-712 IdentityClaim)",
      description:
        "The claim's source `<kind>:<name>` is stored as source `<kind>` and name `<name>`, trimmed and " +
        "lower-cased as imports compare them. Sending the same claim again changes nothing (200); a name " +
        "already mapped to another address is refused (IdentityConflict).",
      body: { schema: "SignedIdentityClaim", description: "the signed claim, as signIdentityClaim makes it" },
      response: { status: 201, schema: "IdentityClaimResult", description: "recorded" },
      alsoResponds: [
        { status: 200, schema: "IdentityClaimResult", description: "recorded before: nothing changed" },
      ],
      errors: ["InvalidIdentityClaim", "IdentityConflict"],
      async handle({ c, body }): Promise<Response> {
        const claimed = (body as { address?: unknown } | null)?.address;
        if (typeof claimed === "string") limits.checkAddress(claimed);
        const domain = signingDomain(ctx.manifest);
        const claim = await verifyIdentityClaim(body, domain);
        // verifyIdentityClaim requires `<kind>:<something>`, so the split always finds both parts.
        const colon = claim.source.indexOf(":");
        const source = claim.source.slice(0, colon).trim().toLowerCase();
        const name = claim.source
          .slice(colon + 1)
          .trim()
          .toLowerCase();
        // The claim's EIP-712 type carries no nonce: replaying it records the same mapping, which is harmless.
        const created = await ctx.store.recordIdentity({
          source,
          name,
          address: claim.address,
          establishedBy: { kind: "claim", signature: claim.signature, nonce: 0n },
        });
        limits.countAddress(claim.address);
        const result: IdentityClaimResult = { source, name, address: claim.address, created };
        return c.json(result, created ? 201 : 200);
      },
    }),
  ];
}
