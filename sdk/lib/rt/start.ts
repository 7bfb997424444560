// What runs between the reset handler (ports/<arch>/rt) and the app: the console comes up,
// then every module's top-level code runs (generated __mote_main). The heap sets itself up
// on first use (heap.ts).

import { consoleInit } from "mote/console";
import { SIMULATOR_EXIT_BKPT, SIMULATOR_EXIT_SEMIHOSTING } from "mote/board";
import { simulatorExitBkpt, simulatorExitSemihosting, sleepForever } from "./port.ts";

export function start(): void {
  consoleInit();
}

/** Ends the program. A simulator build reports the code to the simulator; on hardware the
 *  core sleeps (there is nobody to return to). */
export function exit(code: number): void {
  if (SIMULATOR_EXIT_SEMIHOSTING) simulatorExitSemihosting(code);
  if (SIMULATOR_EXIT_BKPT) simulatorExitBkpt(code);
  sleepForever();
}
