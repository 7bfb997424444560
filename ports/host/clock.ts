// `mote/clock` on Node (the port contract's monotonic time): performance.now(), from the
// moment the app's bundle starts running, which is the host's boot. Waking up at a due time
// is Node's own business: on the host, timers are Node's (rt/timers.ts).

import { performance } from "node:perf_hooks";
import { LOOP_MS_MASK, loopMsBetween } from "../../sdk/lib/rt/loop-time.ts";

/** micros() wraps every 2^20 ms (sdk/lib/index.ts MICROS_WRAP). */
const MICROS_WRAP = 1048576000;

const boot = performance.now();

/** Milliseconds since boot, with a fraction (for pin-change times). */
export function sinceBoot(): number {
  return performance.now() - boot;
}

export function clockStart(): void {}

export function clockMillis(): number {
  return Math.floor(sinceBoot());
}

/** The loop time (sdk/lib/rt/loop-time.ts). */
export function clockNow(): number {
  return clockMillis() & LOOP_MS_MASK;
}

export function clockPassed(due: number): number {
  return Math.sign(loopMsBetween(clockNow(), due)) + 1;
}

export function clockMicros(): number {
  return Math.floor(sinceBoot() * 1000) % MICROS_WRAP;
}

export function clockWakeAt(due: number): boolean {
  return clockPassed(due) === 0;
}
