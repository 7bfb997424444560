// `mote/gpio` on a board whose simulator models no GPIO: the board declares no pins, so no
// app can reach these (sdk/lib/pins.ts is their only caller).

import { panic } from "mote/intrinsics";
import { PANIC_UNSUPPORTED } from "./rt/panic-codes.ts";

export function gpioSetMode(pin: number, mode: number): void { panic(PANIC_UNSUPPORTED); }
export function gpioWrite(pin: number, high: boolean): void { panic(PANIC_UNSUPPORTED); }
export function gpioRead(pin: number): boolean { return panic(PANIC_UNSUPPORTED); }
export function gpioWatch(pin: number, changed: () => void): void { panic(PANIC_UNSUPPORTED); }
