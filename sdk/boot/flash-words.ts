// Reading flash a word at a time: flash is memory-mapped on every board, and mote-boot reads
// whole images (the hash) and sectors (the swap), where the app-facing flash.read's checked
// byte loop costs about 65 instructions a byte (4.4 M for a 64 KB image on mps2-an385); the
// port's copyWords moves a word in a handful.

import { addressOf } from "mote/intrinsics";
import { copyWords } from "../lib/rt/port.ts";
import { TYPED_DATA } from "../lib/rt/layout.ts";
import { flashAddress } from "../lib/image/slots.ts";

/**
 * Copies the bytes at flash `offset` (a multiple of 4) into `into` from its start: `count`
 * bytes rounded up to whole words, which `into` must hold (its length a multiple of 4).
 */
export function copyFromFlash(into: Uint8Array, offset: number, count: number): void {
  const words = (count + 3) >> 2;
  if ((offset & 3) !== 0 || words * 4 > into.length) {
    throw new RangeError(`copyFromFlash: ${count} bytes from offset ${offset} (a multiple of 4) into ${into.length}`);
  }
  copyWords(addressOf(into) + TYPED_DATA, flashAddress() + offset, words);
}
