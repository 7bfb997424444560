// `mote/flash` on the MPS2 boards: a simulation stand-in. The FPGA's 4 MB of code memory at 0
// (ZBT SSRAM1) is what QEMU gives as flash, and it is plain RAM there: no flash controller, no
// erase or program sequence. This driver gives it NOR flash's rules so that code written for
// the real chips behaves the same: an erase fills a 4 KB sector with 0xFF; programming ANDs
// each new byte into the old one (bits only go from 1 to 0). Word stores keep it quick.

import { addressOf, peek32, poke32, peek8, poke8 } from "mote/intrinsics";

/** Code memory starts at 0 (boards/chips/mps2/chip.ts). */
const FLASH_BASE = 0;
const SECTOR_BYTES = 4096;
const ERASED_WORD = 0xffffffff;
/** A typed array holds the address of its first byte at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

export function flashEraseSector(offset: number): void {
  const end = FLASH_BASE + offset + SECTOR_BYTES;
  for (let at = FLASH_BASE + offset; at < end; at += 4) poke32(at, ERASED_WORD);
}

export function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void {
  const from = peek32(addressOf(data) + TYPED_DATA) + start;
  for (let i = 0; i < length; i++) {
    const at = FLASH_BASE + offset + i;
    poke8(at, peek8(at) & peek8(from + i));
  }
}
