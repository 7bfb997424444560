// The crash report kept across a reset (DESIGN.md, "The libOS"): the port's crash handler
// writes it into RAM that start-up code leaves alone (`__rt_crash_record`, .noinit, layout in
// ports/armv6m/rt/runtime.ts) as well as printing it. At the next boot the port prints it
// again, marked `kept=1` (port.replayKeptCrash), so the host can symbolize it and a device in
// the field can send it later, and records why the device reset.

import { peek32, poke32, symbolAddress } from "mote/intrinsics";

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
