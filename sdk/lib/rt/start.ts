// What runs between the reset handler (ports/<arch>/rt) and the app: the console comes up,
// then every module's top-level code runs (generated __mote_main). The heap sets itself up
// on first use (heap.ts).

import { consoleInit } from "mote/console";
import { CRASH_RESETS, SIMULATOR_EXIT_BKPT, SIMULATOR_EXIT_SEMIHOSTING } from "mote/board";
import { replayKeptCrash, simulatorExitBkpt, simulatorExitSemihosting, sleepForever, systemReset } from "./port.ts";

export function start(): void {
  consoleInit();
  // Only a device that resets after a crash boots again to tell of it.
  if (CRASH_RESETS) replayKeptCrash();
}

/** Ends the program. After a crash (code 1) a device resets, to come back with the report
 *  kept (crash-record.ts); a simulator build reports the code to the simulator instead,
 *  unless it was built to behave as the device does. Otherwise, on hardware, the core sleeps
 *  (there is nobody to return to). */
export function exit(code: number): void {
  // A constant alone as the condition, so that the lowering drops what the build cannot do
  // (a simulator build links no reset).
  if (CRASH_RESETS) {
    if (code !== 0) systemReset();
  }
  if (SIMULATOR_EXIT_SEMIHOSTING) simulatorExitSemihosting(code);
  if (SIMULATOR_EXIT_BKPT) simulatorExitBkpt(code);
  sleepForever();
}
