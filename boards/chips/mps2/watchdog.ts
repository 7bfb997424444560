// The CMSDK APB watchdog of the MPS2 at 0x40008000 as `mote/watchdog` (the driver:
// chips/arm/apb-watchdog.ts). Its interrupt is the NMI on this machine.
//
// QEMU 7.2's model counts 50,000 a millisecond of guest time (measured: the counter against
// the SysTick clock, which agrees with -icount time), twice the 25 MHz WDOGCLK that
// ../shared/BOARDS.md and the AN385 give; on the FPGA board a timeout is then twice as long.

import { apbWatchdogFeed, apbWatchdogStart } from "../arm/apb-watchdog.ts";

const WDOG = 0x40008000;
const COUNTS_PER_MS = 50_000;

/** timeoutMs: 1 to 20,000 (the caller checks). */
export function watchdogStart(timeoutMs: number): void {
  apbWatchdogStart(WDOG, COUNTS_PER_MS, timeoutMs);
}

export function watchdogFeed(timeoutMs: number): void {
  apbWatchdogFeed(WDOG);
}
