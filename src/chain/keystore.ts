// Reads an Ethereum V3 keystore file (scrypt or pbkdf2, aes-128-ctr), as geth, Foundry and ethers write them.
import { createDecipheriv, pbkdf2Sync, scryptSync } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Hex } from "viem";
import { bytesToHex, concatBytes, hexToBytes, keccak256 } from "viem";
import { GuildError } from "../core/errors.ts";

/** The keystore could not be read or the password does not open it. */
export class KeystoreError extends GuildError {}

interface V3Keystore {
  version: number;
  crypto?: V3Crypto;
  Crypto?: V3Crypto;
}
interface V3Crypto {
  cipher: string;
  ciphertext: string;
  cipherparams: { iv: string };
  kdf: "scrypt" | "pbkdf2";
  kdfparams: { dklen: number; salt: string; n?: number; r?: number; p?: number; c?: number; prf?: string };
  mac: string;
}

const strip = (hex: string) => (hex.startsWith("0x") ? hex.slice(2) : hex);

/**
 * Decrypts the private key in a V3 keystore file.
 * @throws KeystoreError when the file is unreadable, of another format, or the password is wrong
 */
export function readKeystore(path: string, password: string): Hex {
  let store: V3Keystore;
  try {
    store = JSON.parse(readFileSync(path, "utf8")) as V3Keystore;
  } catch (cause) {
    throw new KeystoreError(`cannot read keystore ${path}`, { path }, { cause });
  }
  const crypto = store.crypto ?? store.Crypto;
  if (store.version !== 3 || !crypto || crypto.cipher !== "aes-128-ctr") {
    throw new KeystoreError(`${path} is not a V3 keystore with aes-128-ctr`, {
      path,
      version: store.version,
    });
  }
  const { kdfparams } = crypto;
  const salt = Buffer.from(strip(kdfparams.salt), "hex");
  let derived: Buffer;
  if (crypto.kdf === "scrypt") {
    const n = kdfparams.n ?? 0;
    derived = scryptSync(Buffer.from(password, "utf8"), salt, kdfparams.dklen, {
      N: n,
      r: kdfparams.r ?? 8,
      p: kdfparams.p ?? 1,
      maxmem: 256 * n * (kdfparams.r ?? 8) + 1024 * 1024,
    });
  } else if (crypto.kdf === "pbkdf2") {
    derived = pbkdf2Sync(Buffer.from(password, "utf8"), salt, kdfparams.c ?? 0, kdfparams.dklen, "sha256");
  } else {
    throw new KeystoreError(`${path} uses an unknown key derivation ${String(crypto.kdf)}`, { path });
  }
  const ciphertext = hexToBytes(`0x${strip(crypto.ciphertext)}`);
  const mac = keccak256(concatBytes([derived.subarray(16, 32), ciphertext]));
  if (strip(mac) !== strip(crypto.mac).toLowerCase()) {
    throw new KeystoreError(`wrong password for keystore ${path}`, { path });
  }
  const decipher = createDecipheriv(
    "aes-128-ctr",
    derived.subarray(0, 16),
    Buffer.from(strip(crypto.cipherparams.iv), "hex"),
  );
  return bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}
