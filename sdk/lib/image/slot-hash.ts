// SHA-256 over the first bytes of a slot, read from flash a page at a time (an image is too
// large to copy into RAM): the image hash of the header, body and protected TLVs.

import { Sha256 } from "../crypto/sha256.ts";
import { slotFlash, slotOffset, type Slot } from "./slots.ts";

const READ_BYTES = 256;

/** SHA-256 of `slot`'s bytes 0 to `end`. */
export function sha256Slot(slot: Slot, end: number): Uint8Array {
  const hash = new Sha256();
  const buffer = new Uint8Array(READ_BYTES);
  const flash = slotFlash();
  const base = slotOffset(slot);
  for (let at = 0; at < end; at += READ_BYTES) {
    const count = end - at < READ_BYTES ? end - at : READ_BYTES;
    flash.read(base + at, buffer, count);
    hash.update(buffer, 0, count);
  }
  return hash.digest();
}
