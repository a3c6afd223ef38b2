import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import { identityClaimTypedData } from "./identityClaim.ts";
import { signIdentityClaim } from "./signIdentityClaim.ts";
import { InvalidIdentityClaim, verifyIdentityClaim } from "./verifyIdentityClaim.ts";

const alice = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const mallory = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;

describe("verifyIdentityClaim", () => {
  it("returns a claim signed by its address", async () => {
    const claim = await signIdentityClaim(
      alice,
      { source: "git:alice@example.org", name: "Alice Ünal" },
      domain,
    );
    const json = JSON.parse(JSON.stringify({ ...claim, address: claim.address.toLowerCase() }));
    assert.deepEqual(await verifyIdentityClaim(json, domain), claim);
  });

  it("refuses a claim signed by another address, edited, or for another guild", async () => {
    const message = { address: alice.address, source: "git:alice@example.org", name: "Alice" };
    const forged = {
      ...message,
      signature: await mallory.signTypedData(identityClaimTypedData(message, domain)),
    };
    await assert.rejects(verifyIdentityClaim(forged, domain), (error: unknown) => {
      assert.ok(error instanceof InvalidIdentityClaim);
      assert.equal(error.details.signer, mallory.address);
      assert.equal(error.details.address, alice.address);
      return true;
    });
    const claim = await signIdentityClaim(alice, { source: "git:alice@example.org", name: "Alice" }, domain);
    await assert.rejects(
      verifyIdentityClaim({ ...claim, source: "git:bob@example.org" }, domain),
      InvalidIdentityClaim,
    );
    await assert.rejects(verifyIdentityClaim(claim, { ...domain, chainId: 1 }), InvalidIdentityClaim);
  });

  it("names the malformed field", async () => {
    const claim = await signIdentityClaim(alice, { source: "git:alice@example.org", name: "Alice" }, domain);
    const cases: [unknown, string][] = [
      [null, "$"],
      [{ ...claim, address: "alice" }, "address"],
      [{ ...claim, source: "alice@example.org" }, "source"],
      [{ ...claim, name: 3 }, "name"],
      [{ ...claim, signature: "0x" }, "signature"],
    ];
    for (const [raw, field] of cases) {
      await assert.rejects(verifyIdentityClaim(raw, domain), (error: unknown) => {
        assert.ok(error instanceof InvalidIdentityClaim);
        assert.equal(error.details.field, field);
        return true;
      });
    }
  });
});
