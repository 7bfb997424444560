// The CMSDK APB watchdog of the MPS2 at 0x40008000 as `mote/watchdog` (the driver:
// chips/arm/apb-watchdog.ts). Its interrupt is the NMI on this machine.
//
// It counts the 25 MHz WDOGCLK (../shared/BOARDS.md, the AN385): 25,000 a millisecond,
// measured in QEMU 7.2 against millis() with the run paced to the host's clock. (Under
// `-icount sleep=off` QEMU's virtual time runs ahead of the SysTick clock while the device
// sleeps, and the count seemed twice that: test/boards/watchdog.test.ts.)

import { apbWatchdogFeed, apbWatchdogStart } from "../arm/apb-watchdog.ts";

const WDOG = 0x40008000;
const COUNTS_PER_MS = 25_000;

/** timeoutMs: 1 to 20,000 (the caller checks). */
export function watchdogStart(timeoutMs: number): void {
  apbWatchdogStart(WDOG, COUNTS_PER_MS, timeoutMs);
}

export function watchdogFeed(timeoutMs: number): void {
  apbWatchdogFeed(WDOG);
}
