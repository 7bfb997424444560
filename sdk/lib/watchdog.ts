// The watchdog, as the app sees it: `watchdog.start(timeoutMs)`. From then on the event loop
// feeds the board's hardware watchdog (`mote/watchdog`, boards/chips/<family>/watchdog.ts)
// every half timeout, as long as it gets to run: an app stuck in a callback longer than the
// timeout is reset, with a crash report naming the function it was stuck in, kept for the
// next boot (device.resetReason is then "watchdog"). Boards whose simulator models no
// watchdog have none: `watchdog.start` is a compile error there.

import { watchdogFeed, watchdogStart } from "mote/watchdog";
import { startClock, unrefTimer } from "./rt/timers.ts";

export class Watchdog {
  private timeoutMs = 0;

  /** The longest timeout the board's watchdog counts. */
  constructor(readonly maxTimeoutMs: number) {}

  /** Starts the watchdog; it cannot be stopped (as on the chips). */
  start(timeoutMs: number): void {
    if (!(timeoutMs >= 1 && timeoutMs <= this.maxTimeoutMs)) {
      throw new RangeError(`watchdog timeout ${timeoutMs} ms: this board's watchdog takes 1 to ${this.maxTimeoutMs} ms`);
    }
    if (this.timeoutMs !== 0) throw new Error("the watchdog is already started");
    this.timeoutMs = timeoutMs | 0;
    startClock();
    watchdogStart(this.timeoutMs);
    const feeder = setInterval(() => watchdogFeed(this.timeoutMs), this.timeoutMs >> 1 || 1) as unknown as number;
    unrefTimer(feeder);
  }
}
