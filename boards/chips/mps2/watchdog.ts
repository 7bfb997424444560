// The CMSDK APB watchdog of the MPS2 (Arm Cortex-M System Design Kit TRM, "APB watchdog"), at
// 0x40008000, as `mote/watchdog`. Its first timeout raises the NMI (the board's
// watchdogVector), whose handler reports where the app was stuck and resets; the second would
// reset the chip by itself.
//
// QEMU 7.2's model counts 50,000 a millisecond of guest time (measured: the counter against
// the SysTick clock, which agrees with -icount time), twice the 25 MHz WDOGCLK that
// ../shared/BOARDS.md and the AN385 give; on the FPGA board a timeout is then twice as long.

import { poke32, symbolAddress } from "mote/intrinsics";

const WDOG = 0x40008000;
const LOAD = WDOG + 0x000;
const CONTROL = WDOG + 0x008;
const INTCLR = WDOG + 0x00c;
const LOCK = WDOG + 0xc00;
const UNLOCK = 0x1acce551;
const CONTROL_INTEN = 1 << 0;
const CONTROL_RESEN = 1 << 1;
const COUNTS_PER_MS = 50_000;

/** timeoutMs: 1 to 20,000 (the caller checks). */
export function watchdogStart(timeoutMs: number): void {
  poke32(symbolAddress("__rt_watchdog_started"), 1);
  poke32(LOCK, UNLOCK);
  poke32(LOAD, timeoutMs * COUNTS_PER_MS);
  poke32(CONTROL, CONTROL_INTEN | CONTROL_RESEN);
  poke32(LOCK, 0);
}

/** Clearing the interrupt reloads the counter (with the LOAD value start set). */
export function watchdogFeed(timeoutMs: number): void {
  poke32(LOCK, UNLOCK);
  poke32(INTCLR, 1);
  poke32(LOCK, 0);
}
