// Reading flash a word at a time: flash is memory-mapped on every board, and whole images
// are read for their hash (slot-hash.ts: the image group and mote-boot) and sectors for the
// swap (sdk/boot/swap.ts), where the app-facing flash.read's checked
// byte loop costs about 65 instructions a byte (4.4 M for a 64 KB image on mps2-an385); the
// port's copyWords moves a word in a handful.

import { addressOf, peek32 } from "mote/intrinsics";
import { copyWords } from "../rt/port.ts";
import { TYPED_DATA } from "../rt/layout.ts";
import { flashAddress } from "./slots.ts";

/**
 * Copies the bytes at flash `offset` (a multiple of 4) into `into` from its start: `count`
 * bytes rounded up to whole words, which `into` must hold (its length a multiple of 4).
 */
export function copyFromFlash(into: Uint8Array, offset: number, count: number): void {
  const words = (count + 3) >> 2;
  if ((offset & 3) !== 0 || words * 4 > into.length) {
    throw new RangeError(`copyFromFlash: ${count} bytes from offset ${offset} (a multiple of 4) into ${into.length}`);
  }
  // A typed array's header holds the address of its first element (sdk/lib/rt/layout.ts).
  copyWords(peek32(addressOf(into) + TYPED_DATA), flashAddress() + offset, words);
}
