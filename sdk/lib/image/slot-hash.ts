// SHA-256 over the first bytes of a slot, read from flash a word at a time into one chunk (an
// image is too large to copy into RAM): the image hash of the header, body and protected
// TLVs, which the image group checks after an upload and mote-boot before it runs an image.

import { Sha256 } from "../crypto/sha256.ts";
import { copyFromFlash } from "./flash-words.ts";
import { slotOffset, type Slot } from "./slots.ts";

/** Bytes hashed per read from flash (a multiple of 4: the slots start on sectors). */
const CHUNK_BYTES = 512;
// Made when the module starts: hashing allocates nothing (mote-boot's bare profile).
const chunk = new Uint8Array(CHUNK_BYTES);
const hash = new Sha256();

/** SHA-256 of `slot`'s bytes 0 to `end`, into `digest` (32 bytes), which it returns. */
export function sha256Slot(slot: Slot, end: number, digest: Uint8Array): Uint8Array {
  hash.reset();
  const base = slotOffset(slot);
  for (let at = 0; at < end; at += CHUNK_BYTES) {
    const count = end - at < CHUNK_BYTES ? end - at : CHUNK_BYTES;
    copyFromFlash(chunk, base + at, count);
    hash.update(chunk, 0, count);
  }
  hash.digestInto(digest, 0);
  return digest;
}
