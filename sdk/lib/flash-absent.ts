// `mote/flash` on a board without a flash driver: the board's generated `flash` is a value
// whose type says so, so no app can reach this (sdk/lib/flash.ts is its only caller).

import { panic } from "mote/intrinsics";
import { PANIC_UNSUPPORTED } from "./rt/panic-codes.ts";

export function flashEraseSector(offset: number): void { panic(PANIC_UNSUPPORTED); }
export function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void { panic(PANIC_UNSUPPORTED); }
