// What RAM holds at power-on: SRAM cells settle to bits that differ from one power-on to the
// next, and keep them through a reset. The simulators zero their RAM; they put random bits
// in the one word a device reads for it (BootImage.powerOnSeed, sdk/lib/rt/boot-id.ts).

import { randomBytes } from "node:crypto";

/** 32 random bits, as a uint32. */
export function powerOnBits(): number {
  return randomBytes(4).readUInt32LE(0);
}
