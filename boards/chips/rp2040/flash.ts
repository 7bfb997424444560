// `mote/flash` on the RP2040: the QSPI flash chip (W25Q16JV on the Pico) through the SSI.
// The chip cannot be read while it erases or programs, and code runs from it (XIP), so the
// work is done by a small routine run from SRAM with interrupts masked: FLASH_ROUTINE, the
// machine code that boards/chips/rp2040/flash-routine.ts assembles (it explains the steps;
// test/unit/rp2040-flash.test.ts keeps the two the same). The bytes to program are
// first copied to an SRAM buffer, since flash cannot be read while the routine runs.

import { addressOf, callMethod, peek32, poke16, poke8, peek8, symbolAddress } from "mote/intrinsics";

/** A typed array holds the address of its first byte at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

/** Thumb halfwords, from flashRoutineHalfwords() in flash-routine.ts, one a UTF-16 code unit:
 *  a string is constant data in flash, where an array would be built by start-up code. */
const FLASH_ROUTINE =
  "\ub5f0\u1040\u1049\u1052\uf3ef\u8710\ub672\u4c2d\u4d2d\u6823\ub408\u2300" +
  "\u60a3\u4b2c\u6023\u2301\u60a3\u2302\u021b\u602b\u2306\uf000\uf838\u2303" +
  "\u021b\u602b\u2302\u021b\u602b\u2900\ud00b\u2302\uf000\uf82d\uf000\uf831" +
  "\u780b\uf000\uf828\u1c49\u1e52\ud1f9\ue004\u2320\uf000\uf821\uf000\uf825" +
  "\u2303\u021b\u602b\u2302\u021b\u602b\u2305\uf000\uf816\uf000\uf814\u461e" +
  "\u2303\u021b\u602b\u07f6\ud4f1\u2300\u60a3\ubc08\u6023\u2301\u60a3\u2300" +
  "\u602b\u4b0f\u601b\uf387\u8810\u2001\ubdf0\u6623\u6aa6\u0736\ud5fc\u6e23" +
  "\u4770\ub500\u0c03\ub2db\uf7ff\ufff5\u0a03\ub2db\uf7ff\ufff1\ub2c3\uf7ff" +
  "\uffee\ubd00\u0000\u1800\u800c\u4001\u0000\u0007\u0004\u1400";

/** Where the routine runs, and after it the staging buffer for a page: static RAM the port
 *  reserves (__rt_flash_ram, 4-aligned as the routine's literal loads need), linked only with
 *  this driver's functions. Nothing is allocated, at start-up or later: mote-boot's bare
 *  profile allows no allocation once it runs, and a typed array made at start-up would cost
 *  every pico app that links the driver the heap and the number printer. */
const FLASH_RAM_ROUTINE_BYTES = 256;
let loaded = false;

/** The routine's entry as callMethod takes a code address: a word with bit 0 set (Thumb) is
 *  the small integer address >> 1. The routine is copied to RAM at the first use. */
function routineEntry(): number {
  const ram = symbolAddress("__rt_flash_ram");
  if (!loaded) {
    for (let i = 0; i < FLASH_ROUTINE.length; i++) poke16(ram + i * 2, FLASH_ROUTINE.charCodeAt(i));
    loaded = true;
  }
  return ram >> 1;
}

export function flashEraseSector(offset: number): void {
  callMethod(routineEntry(), offset, 0, 0);
}

export function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void {
  const entry = routineEntry();
  const from = peek32(addressOf(data) + TYPED_DATA) + start;
  const to = symbolAddress("__rt_flash_ram") + FLASH_RAM_ROUTINE_BYTES;
  for (let i = 0; i < length; i++) poke8(to + i, peek8(from + i));
  callMethod(entry, offset, to, length);
}
