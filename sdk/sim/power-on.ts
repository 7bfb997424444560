// What RAM holds at power-on, and the time the simulators give a board then.
//
// What RAM holds at power-on: SRAM cells settle to bits that differ from one power-on to the
// next, and keep them through a reset. The simulators zero their RAM; they put random bits
// in the one word a device reads for it (BootImage.powerOnSeed, sdk/lib/rt/boot-id.ts).

import { randomBytes } from "node:crypto";

/** What `__rt_wall_clock` holds once a simulator has set it (sdk/lib/rt/date.ts). */
export const WALL_CLOCK_MAGIC = 0x7c10c4ed;

/** The three words a simulator writes at `BootImage.wallClock` at power-on: the magic, whole
 *  seconds since 1970 and the milliseconds past them — the host's time, so that Date.now()
 *  on the board is the wall-clock time. */
export function wallClockWords(now: number = Date.now()): [number, number, number] {
  return [WALL_CLOCK_MAGIC, Math.floor(now / 1000) >>> 0, now % 1000];
}

/** 32 random bits, as a uint32. */
export function powerOnBits(): number {
  return randomBytes(4).readUInt32LE(0);
}
