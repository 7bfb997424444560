// sdk/lib/rt/crash-record.ts on Node: why the app started is what the Target says (it starts
// it again after reset() or the watchdog). Node prints an uncaught exception itself.

import { bootSettings } from "../link.ts";

const reason = bootSettings().resetReason;

export function resetReason(): string {
  return reason;
}

/** rt/port.ts's systemReset tells the Target it was asked for. */
export function noteRequestedReset(): void {}
