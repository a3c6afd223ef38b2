// The keystore reader opens V3 keystores (scrypt and pbkdf2) and refuses a wrong password or format.
import assert from "node:assert/strict";
import { createCipheriv, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { bytesToHex, concatBytes, hexToBytes, keccak256 } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { KeystoreError, readKeystore } from "./keystore.ts";

/** Writes a V3 keystore the way geth does, with small KDF costs so the test stays fast. */
function writeKeystore(dir: string, key: `0x${string}`, password: string, kdf: "scrypt" | "pbkdf2"): string {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const derived =
    kdf === "scrypt"
      ? scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 })
      : pbkdf2Sync(password, salt, 1000, 32, "sha256");
  const cipher = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(key)), cipher.final()]);
  const mac = keccak256(concatBytes([derived.subarray(16, 32), ciphertext]));
  const kdfparams =
    kdf === "scrypt"
      ? { dklen: 32, salt: salt.toString("hex"), n: 1024, r: 8, p: 1 }
      : { dklen: 32, salt: salt.toString("hex"), c: 1000, prf: "hmac-sha256" };
  const path = join(dir, `${kdf}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      version: 3,
      crypto: {
        cipher: "aes-128-ctr",
        ciphertext: ciphertext.toString("hex"),
        cipherparams: { iv: iv.toString("hex") },
        kdf,
        kdfparams,
        mac: mac.slice(2),
      },
    }),
  );
  return path;
}

describe("readKeystore", () => {
  const dir = mkdtempSync(join(tmpdir(), "guild-keystore-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const kdf of ["scrypt", "pbkdf2"] as const) {
    it(`decrypts a ${kdf} keystore`, () => {
      const key = generatePrivateKey();
      const path = writeKeystore(dir, key, "correct horse", kdf);
      assert.equal(readKeystore(path, "correct horse"), bytesToHex(hexToBytes(key)));
    });
  }

  it("refuses a wrong password, a missing file and another format", () => {
    const path = writeKeystore(dir, generatePrivateKey(), "right", "scrypt");
    assert.throws(
      () => readKeystore(path, "wrong"),
      (e: unknown) => e instanceof KeystoreError && /wrong password/.test(e.message),
    );
    assert.throws(() => readKeystore(join(dir, "missing.json"), "x"), KeystoreError);
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ version: 1 }));
    assert.throws(() => readKeystore(other, "x"), KeystoreError);
  });
});
