// The LM3S6965's watchdog WDT0 at 0x40000000 (datasheet §5, "Watchdog Timers") as
// `mote/watchdog` (the driver: chips/arm/apb-watchdog.ts, whose programmer's model the
// Stellaris part shares). Its first timeout raises interrupt 18 (the board's watchdogVector,
// 16 + 18), whose handler reports where the app was stuck and resets.

import { peek32, poke32 } from "mote/intrinsics";
import { CLOCK_HZ } from "mote/board";
import { apbWatchdogFeed, apbWatchdogStart } from "../arm/apb-watchdog.ts";

const WDT0 = 0x40000000;
/** Run-mode clock gating: the watchdog's clock is off until RCGC0.WDT is set (§6.4). */
const RCGC0 = 0x400fe100;
const RCGC0_WDT = 1 << 3;
const WATCHDOG_IRQ = 18;
const NVIC_ISER = 0xe000e100;
/** The watchdog counts the system clock. */
const COUNTS_PER_MS = (CLOCK_HZ / 1000) | 0;

/** timeoutMs: 1 to the board's watchdogMaxMs (the caller checks). */
export function watchdogStart(timeoutMs: number): void {
  poke32(RCGC0, peek32(RCGC0) | RCGC0_WDT);
  apbWatchdogStart(WDT0, COUNTS_PER_MS, timeoutMs);
  poke32(NVIC_ISER, 1 << WATCHDOG_IRQ);
}

export function watchdogFeed(timeoutMs: number): void {
  apbWatchdogFeed(WDT0);
}
