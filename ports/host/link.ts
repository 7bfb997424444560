// The app process's side of the host Target (sdk/sim/host.ts): what the board does goes out
// as one JSON line per event on fd 3, written synchronously so that nothing is lost when the
// app then spins forever or exits; what is done to the board (a button pressed) comes in as
// IPC messages. The protocol is defined once, here, and imported by the Target.

import fs from "node:fs";

/** The file descriptor the app process writes its events to. */
export const EVENT_FD = 3;
/** The environment variable that carries the HostBoot settings as JSON. */
export const BOOT_ENV = "MOTE_HOST_BOOT";

/** What the app process says: it booted (it hears inputs from now on), an output pin changed,
 *  the watchdog, a reset(). `atMs` is the app's clock (ms since its boot). */
export type HostEvent =
  | { type: "boot" }
  | { type: "pin"; pin: number; level: 0 | 1; atMs: number }
  | { type: "watchdog-start"; timeoutMs: number }
  | { type: "watchdog-feed" }
  | { type: "reset" };

/** What is done to the board: an input pin driven to a level (chip pin numbers). */
export interface HostInput { pin: number; level: 0 | 1 }

/** What the app process starts with. */
export interface HostBoot {
  /** Inputs at times of the app's clock. */
  pinInputs: Array<HostInput & { atMs: number }>;
  /** device.resetReason. */
  resetReason: string;
}

export function bootSettings(): HostBoot {
  const text = process.env[BOOT_ENV];
  return text ? JSON.parse(text) as HostBoot : { pinInputs: [], resetReason: "power-on" };
}

/** Started by the Target (which always passes the boot settings), not by hand. */
const connected = process.env[BOOT_ENV] !== undefined;

export function sendEvent(event: HostEvent): void {
  if (connected) fs.writeSync(EVENT_FD, `${JSON.stringify(event)}\n`);
}

/** Inputs from the Target, as they come (from Node's event loop, never inside app code). */
export function onInput(listener: (input: HostInput) => void): void {
  if (!process.send) return;
  process.on("message", (message) => listener(message as HostInput));
  // The Target went away without stopping the app (killed itself): so does the app.
  process.on("disconnect", () => process.exit(1));
  // The channel alone keeps no app running: a pin listener does (rt/timers.ts, holdLoop).
  process.channel?.unref();
}
