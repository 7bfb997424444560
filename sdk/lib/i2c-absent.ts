// `mote/i2c` on a board whose simulator models no I2C bus: the board declares no buses, so no
// app can reach this (sdk/lib/i2c-bus.ts is its only caller).

import { panic } from "mote/intrinsics";
import { PANIC_UNSUPPORTED } from "./rt/panic-codes.ts";

export function i2cTransfer(bus: number, address: number, write: Uint8Array, writeLength: number, read: Uint8Array, readLength: number): number {
  return panic(PANIC_UNSUPPORTED);
}
