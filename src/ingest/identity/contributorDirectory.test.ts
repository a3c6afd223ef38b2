import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import { signIdentityClaim } from "../../core/contribution/signIdentityClaim.ts";
import { parseAddressMapping } from "./addressMapping.ts";
import { contributorDirectory } from "./contributorDirectory.ts";
import { IdentityConflict, InvalidIdentityClaims } from "./identityErrors.ts";
import { readIdentityClaims } from "./readIdentityClaims.ts";

const alice = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const bob = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const domain = { chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;

describe("contributorDirectory", () => {
  it("resolves by claim, then by the first mapped key, else leaves the author unmapped", async () => {
    const claim = await signIdentityClaim(alice, { source: "git:Alice@Example.org", name: "Alice" }, domain);
    const addresses = parseAddressMapping(
      `bob@example.org,${bob.address}\nBob,${alice.address}\n`,
      "csv",
      "m.csv",
    );
    const directory = await contributorDirectory({ addresses, claims: { domain, signed: [claim] } });
    assert.deepEqual(directory.resolve("git:alice@example.org", ["alice@example.org", "Alice"], "Alice"), {
      kind: "address",
      address: alice.address,
    });
    assert.deepEqual(directory.resolve("git:bob@example.org", ["bob@example.org", "Bob"], "Bob"), {
      kind: "address",
      address: bob.address,
    });
    assert.deepEqual(directory.resolve("git:carol@example.org", ["carol@example.org", "Carol"], "Carol"), {
      kind: "unmapped",
      source: "git:carol@example.org",
      name: "Carol",
    });
    assert.deepEqual((await contributorDirectory()).resolve("round:7", ["7"], "Seven"), {
      kind: "unmapped",
      source: "round:7",
      name: "Seven",
    });
  });

  it("refuses two claims giving one source two addresses, and a claim the mapping contradicts", async () => {
    const a = await signIdentityClaim(alice, { source: "git:x@example.org", name: "X" }, domain);
    const b = await signIdentityClaim(bob, { source: "git:X@example.org", name: "X" }, domain);
    await assert.rejects(contributorDirectory({ claims: { domain, signed: [a, b] } }), IdentityConflict);
    const same = await contributorDirectory({ claims: { domain, signed: [a, a] } });
    assert.deepEqual(same.resolve("git:x@example.org", [], "X"), { kind: "address", address: alice.address });

    const addresses = parseAddressMapping(JSON.stringify({ "x@example.org": bob.address }), "json", "m.json");
    const directory = await contributorDirectory({ addresses, claims: { domain, signed: [a] } });
    assert.throws(() => directory.resolve("git:x@example.org", ["x@example.org"], "X"), {
      name: "IdentityConflict",
      details: {
        source: "git:x@example.org",
        first: { address: alice.address, from: "claim 0" },
        second: { address: bob.address, from: "the address mapping (x@example.org)" },
      },
    });
  });
});

describe("readIdentityClaims", () => {
  it("reads and verifies a JSON array of claims, refusing the file at the first bad one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guild-claims-"));
    try {
      const good = await signIdentityClaim(alice, { source: "git:alice@example.org", name: "Alice" }, domain);
      const file = join(dir, "claims.json");
      writeFileSync(file, JSON.stringify([good]));
      assert.deepEqual(await readIdentityClaims(file, domain), [good]);
      writeFileSync(file, JSON.stringify([good, { ...good, address: bob.address }]));
      await assert.rejects(readIdentityClaims(file, domain), (error: unknown) => {
        assert.ok(error instanceof InvalidIdentityClaims);
        assert.deepEqual([error.details.origin, error.details.index], [file, 1]);
        return true;
      });
      writeFileSync(file, JSON.stringify(good));
      await assert.rejects(readIdentityClaims(file, domain), InvalidIdentityClaims);
      await assert.rejects(readIdentityClaims(join(dir, "missing.json"), domain), InvalidIdentityClaims);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
