// sdk/lib/rt/port.ts on Node: a reset ends this process; the Target starts the app again
// (device.resetReason "reset").

import { sendEvent } from "../link.ts";

export function systemReset(): never {
  sendEvent({ type: "reset" });
  process.exit(0);
}

/** Device-only (the bare profile's field multiplication); Node never builds bare. */
export function fieldMultiply25519(): void {
  throw new Error("fieldMultiply25519 is the device port's (mote-boot's bare profile)");
}

/** Device-only (the bare profile's SHA-256 compression); Node never builds bare. */
export function sha256Compress(): void {
  throw new Error("sha256Compress is the device port's (mote-boot's bare profile)");
}
