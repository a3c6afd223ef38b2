// A duplicate sketch as bytes, for the store: 42 band keys little-endian, or no bytes for a text too
// short to compare.

import { InvalidDuplicatesOptions } from "./duplicatesErrors.ts";
import { SKETCH_BANDS } from "./findDuplicates.ts";

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The bytes of a sketch (4 per band key, little-endian); empty for undefined (a text too short). */
export function sketchToBytes(sketch: Uint32Array | undefined): Uint8Array {
  if (sketch === undefined) return new Uint8Array(0);
  const bytes = new Uint8Array(sketch.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, key] of sketch.entries()) view.setUint32(i * 4, key, true);
  return bytes;
}

/**
 * The sketch sketchToBytes wrote: a view of `bytes` when they are aligned (do not change them after).
 * @throws InvalidDuplicatesOptions when the bytes are neither empty nor a whole sketch
 */
export function sketchFromBytes(bytes: Uint8Array): Uint32Array | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes.length !== SKETCH_BANDS * 4)
    throw new InvalidDuplicatesOptions("sketch", bytes.length, `must be 0 or ${SKETCH_BANDS * 4} bytes`);
  // On a little-endian machine (all Node runs on) an aligned sketch is read in place, not copied.
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset, SKETCH_BANDS);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sketch = new Uint32Array(SKETCH_BANDS);
  for (let i = 0; i < SKETCH_BANDS; i += 1) sketch[i] = view.getUint32(i * 4, true);
  return sketch;
}
