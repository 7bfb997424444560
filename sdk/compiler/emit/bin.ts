// Raw flash contents from flash.origin: what a flasher writes at the start of flash, and
// what QEMU loads at address 0 when given a .bin.

import type { LinkedImage } from "../link/types.ts";

export function writeBin(image: LinkedImage): Uint8Array {
  return image.flashBytes.slice();
}
