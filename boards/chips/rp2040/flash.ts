// `mote/flash` on the RP2040: the QSPI flash chip (W25Q16JV on the Pico) through the SSI.
// The chip cannot be read while it erases or programs, and code runs from it (XIP), so the
// work is done by a small routine run from SRAM with interrupts masked: FLASH_ROUTINE, the
// machine code that boards/chips/rp2040/flash-routine.ts assembles (it explains the steps;
// test/unit/rp2040-flash-routine.test.ts keeps the two the same). The bytes to program are
// first copied to an SRAM buffer, since flash cannot be read while the routine runs.

import { addressOf, callMethod, poke16, poke8, peek8 } from "mote/intrinsics";

/** Typed arrays keep their bytes at this offset in the object (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;
const PAGE_BYTES = 256;

/** Thumb halfwords, from flashRoutineHalfwords() in flash-routine.ts. */
const FLASH_ROUTINE = [
  0xb5f0, 0x1040, 0x1049, 0x1052, 0xf3ef, 0x8710, 0xb672, 0x4c2d, 0x4d2d, 0x6823, 0xb408, 0x2300,
  0x60a3, 0x4b2c, 0x6023, 0x2301, 0x60a3, 0x2302, 0x021b, 0x602b, 0x2306, 0xf000, 0xf838, 0x2303,
  0x021b, 0x602b, 0x2302, 0x021b, 0x602b, 0x2900, 0xd00b, 0x2302, 0xf000, 0xf82d, 0xf000, 0xf831,
  0x780b, 0xf000, 0xf828, 0x1c49, 0x1e52, 0xd1f9, 0xe004, 0x2320, 0xf000, 0xf821, 0xf000, 0xf825,
  0x2303, 0x021b, 0x602b, 0x2302, 0x021b, 0x602b, 0x2305, 0xf000, 0xf816, 0xf000, 0xf814, 0x461e,
  0x2303, 0x021b, 0x602b, 0x07f6, 0xd4f1, 0x2300, 0x60a3, 0xbc08, 0x6023, 0x2301, 0x60a3, 0x2300,
  0x602b, 0x4b0f, 0x601b, 0xf387, 0x8810, 0x2001, 0xbdf0, 0x6623, 0x6aa6, 0x0736, 0xd5fc, 0x6e23,
  0x4770, 0xb500, 0x0c03, 0xb2db, 0xf7ff, 0xfff5, 0x0a03, 0xb2db, 0xf7ff, 0xfff1, 0xb2c3, 0xf7ff,
  0xffee, 0xbd00, 0x0000, 0x1800, 0x800c, 0x4001, 0x0000, 0x0007, 0x0004, 0x1400,
];

/** The routine in SRAM (a typed array's bytes are 4-aligned, as its literal loads need), and
 *  the staging buffer for a page; made at the first use. */
let routine: Uint8Array | undefined;
let staging: Uint8Array | undefined;

/** The routine's entry as callMethod takes a code address: a word with bit 0 set (Thumb) is
 *  the small integer address >> 1. */
function routineEntry(): number {
  if (routine === undefined) {
    const code = new Uint8Array(FLASH_ROUTINE.length * 2);
    const at = addressOf(code) + TYPED_DATA;
    for (let i = 0; i < FLASH_ROUTINE.length; i++) poke16(at + i * 2, FLASH_ROUTINE[i]);
    routine = code;
    staging = new Uint8Array(PAGE_BYTES);
  }
  return (addressOf(routine) + TYPED_DATA) >> 1;
}

export function flashEraseSector(offset: number): void {
  callMethod(routineEntry(), offset, 0, 0);
}

export function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void {
  const entry = routineEntry();
  const buffer = staging!;
  const from = addressOf(data) + TYPED_DATA + start;
  const to = addressOf(buffer) + TYPED_DATA;
  for (let i = 0; i < length; i++) poke8(to + i, peek8(from + i));
  callMethod(entry, offset, to, length);
}
