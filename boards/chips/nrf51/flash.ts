// `mote/flash` on the nRF51 (micro:bit v1): the NVMC, the chip's non-volatile memory
// controller (nRF51 Reference Manual v3.0, chapter 6). Flash is erased a 1 KB page at a time
// (ERASEPAGE with CONFIG = EEN) and written a whole aligned word at a time through ordinary
// stores while CONFIG = WEN; READY reads 1 when the controller is idle again. The CPU stalls
// while flash is busy, so there is no routine to copy to RAM as on the RP2040.
//
// mote's erase unit is a 4 KB sector (sdk/lib/flash.ts): four pages. A program call may start
// and end inside a word: the bytes around it are written as 0xFF, which leaves them as they
// are (a write can only clear bits, on the chip and in QEMU's model alike). Each word is put
// together in a 4-byte RAM buffer and stored with one word copy: as a number, a word with its
// top two bits 01 or 10 is no small integer, and boxing it would allocate (which mote-boot, in
// the bare profile, may not do at run time). The buffer is static RAM the port reserves
// (__rt_flash_word), not a typed array: a module variable made at start-up would run in
// every image whose program looks at the driver, and link the typed array runtime.

import { addressOf, peek32, peek8, poke32, poke8, symbolAddress } from "mote/intrinsics";
import { copyWords } from "../../../sdk/lib/rt/port.ts";

const NVMC = 0x4001e000;
const READY = NVMC + 0x400;
const CONFIG = NVMC + 0x504;
const ERASEPAGE = NVMC + 0x508;
const CONFIG_READ_ONLY = 0;
const CONFIG_WRITE = 1;
const CONFIG_ERASE = 2;
const PAGE_BYTES = 1024;
const SECTOR_BYTES = 4096;
/** A typed array holds the address of its first byte at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

function waitReady(): void {
  while ((peek32(READY) & 1) === 0) {}
}

export function flashEraseSector(offset: number): void {
  poke32(CONFIG, CONFIG_ERASE);
  for (let page = offset; page < offset + SECTOR_BYTES; page += PAGE_BYTES) {
    poke32(ERASEPAGE, page);
    waitReady();
  }
  poke32(CONFIG, CONFIG_READ_ONLY);
}

export function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void {
  const from = peek32(addressOf(data) + TYPED_DATA) + start;
  const end = offset + length;
  const stagedAt = symbolAddress("__rt_flash_word");
  poke32(CONFIG, CONFIG_WRITE);
  for (let word = offset - (offset & 3); word < end; word += 4) {
    for (let i = 0; i < 4; i++) {
      const at = word + i;
      poke8(stagedAt + i, at >= offset && at < end ? peek8(from + (at - offset)) : 0xff);
    }
    copyWords(word, stagedAt, 1);
    waitReady();
  }
  poke32(CONFIG, CONFIG_READ_ONLY);
}
