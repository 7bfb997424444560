// sdk/lib/rt/timers.ts on Node: the event loop, setTimeout, setInterval and promises are
// Node's own, which are the reference semantics the device's loop copies. What sdk/lib asks
// of the loop besides: event sources that keep it running (a pin with a listener), timers
// that do not (the watchdog's feeder), and how late callbacks ran.

import { monitorEventLoopDelay } from "node:perf_hooks";
import { clockMillis } from "../clock.ts";

const NANOSECONDS_PER_MS = 1e6;
/** Longer than any run; the keep-alive timer only has to exist. */
const KEEP_ALIVE_MS = 0x7fffffff;

let holders = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();

export function startClock(): void {}

export function now(): number {
  return clockMillis();
}

/** An event source keeps Node's loop running until released: a ref'd timer stands for it. */
export function holdLoop(): void {
  if (holders++ === 0) keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
}

export function releaseLoop(): void {
  if (holders > 0 && --holders === 0) clearInterval(keepAlive);
}

/** `id` is what setInterval returned: on Node, a Timeout. */
export function unrefTimer(id: number): void {
  (id as unknown as ReturnType<typeof setInterval>).unref();
}

/** The event loop's worst delay (Node's own measure), in ms. */
export function loopLag(): number {
  return Math.round(delay.max / NANOSECONDS_PER_MS);
}
