// The crash report kept across a reset (DESIGN.md, "The libOS"): the port's crash handler
// writes it into RAM that start-up code leaves alone (`__rt_crash_record`, .noinit, layout in
// ports/armv6m/rt/runtime.ts) as well as printing it. At the next boot the port prints it
// again, marked `kept=1` (port.replayKeptCrash), so the host can symbolize it and a device in
// the field can send it later, and records why the device reset.

import { peek8, peek32, poke32, symbolAddress } from "mote/intrinsics";

/** A reset the app asked for (reset()): the record holds this and nothing else. */
const RESET_MAGIC = 0x0d6f7472;
const REASONS = ["power-on", "reset", "crash", "watchdog"];

/** Why the device started: "power-on", "reset" (reset()), "crash" or "watchdog". */
export function resetReason(): string {
  return REASONS[peek32(symbolAddress("__rt_reset_reason")) & 3];
}

/** Before reset(): the next boot says "reset". */
export function noteRequestedReset(): void {
  poke32(symbolAddress("__rt_crash_record"), RESET_MAGIC);
}

/** The report kept from before this boot, for telemetry's status: its kind, its code, and
 *  pc, lr, sp and the stack's return addresses as little-endian 32-bit words (some are
 *  above 2^30, which a small integer cannot hold; the host decodes and symbolizes them). */
export class KeptCrash {
  constructor(readonly kind: string, readonly code: number, readonly words: Uint8Array) {}
}

/** Offsets in the record (ports/armv6m/rt/runtime.ts, CRASH_RECORD). */
const RECORD_HEADING = 4;
const RECORD_CODE = 8;
const RECORD_PC = 12;
const RECORD_FRAME_COUNT = 24;
const RECORD_MAX_FRAMES = 32;

/** The kept report when this boot follows a crash or a watchdog reset; else undefined.
 *  (The boot consumed the record's magic when it printed the report again; the rest stays.) */
export function keptCrash(): KeptCrash | undefined {
  const reason = resetReason();
  if (reason !== "crash" && reason !== "watchdog") return undefined;
  const record = symbolAddress("__rt_crash_record");
  const heading = peek32(record + RECORD_HEADING);
  // The heading is the address of the crash line's start, one string per kind.
  let kind: string;
  if (heading === symbolAddress("__rt_str_panic")) kind = "panic";
  else if (heading === symbolAddress("__rt_str_hardfault")) kind = "hardfault";
  else if (heading === symbolAddress("__rt_str_throw")) kind = "throw";
  else if (heading === symbolAddress("__rt_str_watchdog")) kind = "watchdog";
  else return undefined;
  const frames = Math.min(peek32(record + RECORD_FRAME_COUNT), RECORD_MAX_FRAMES);
  const words = new Uint8Array(12 + 4 * frames);
  for (let i = 0; i < 12; i++) words[i] = peek8(record + RECORD_PC + i);
  for (let i = 0; i < 4 * frames; i++) words[12 + i] = peek8(record + RECORD_FRAME_COUNT + 4 + i);
  return new KeptCrash(kind, peek32(record + RECORD_CODE), words);
}
