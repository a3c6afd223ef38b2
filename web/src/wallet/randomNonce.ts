// A nonce for a signed write: 128 random bits, so two tabs or devices never pick the same one.

/** A fresh random nonce (uint128 range) from the browser's cryptographic generator. */
export function randomNonce(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}
