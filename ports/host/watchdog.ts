// `mote/watchdog` on Node: an app stuck in a callback blocks Node's event loop, so nothing in
// its own process could notice; the Target (sdk/sim/host.ts), in another process, keeps the
// count, and restarts the app, with device.resetReason "watchdog", when a feed is late.

import { sendEvent } from "./link.ts";

export function watchdogStart(timeoutMs: number): void {
  sendEvent({ type: "watchdog-start", timeoutMs });
}

export function watchdogFeed(timeoutMs: number): void {
  sendEvent({ type: "watchdog-feed" });
}
