// sdk/lib/rt/port.ts on Node: a reset ends this process; the Target starts the app again
// (device.resetReason "reset").

import { sendEvent } from "../link.ts";

export function systemReset(): never {
  sendEvent({ type: "reset" });
  process.exit(0);
}
