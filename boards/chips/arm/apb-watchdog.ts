// The ARM watchdog that the CMSDK (MPS2) and TI's Stellaris parts both carry (SP805's
// programmer's model: Arm CMSDK TRM, "APB watchdog"; LM3S6965 datasheet §5, "Watchdog
// Timers"): LOAD, CONTROL (interrupt enable, reset enable), INTCLR (which also reloads the
// counter) and LOCK, which takes 0x1ACCE551 to let the others be written. Its first timeout
// raises the interrupt the board names as its watchdogVector, whose handler reports where
// the app was stuck and resets; the second would reset the chip by itself. A chip's
// `mote/watchdog` driver is this with its base address and counting rate.

import { poke32, symbolAddress } from "mote/intrinsics";

const LOAD = 0x000;
const CONTROL = 0x008;
const INTCLR = 0x00c;
const LOCK = 0xc00;
const UNLOCK = 0x1acce551;
const CONTROL_INTEN = 1 << 0;
const CONTROL_RESEN = 1 << 1;

/** timeoutMs: 1 up to the board's watchdogMaxMs (the caller checks), so that LOAD holds it. */
export function apbWatchdogStart(base: number, countsPerMs: number, timeoutMs: number): void {
  poke32(symbolAddress("__rt_watchdog_started"), 1);
  poke32(base + LOCK, UNLOCK);
  poke32(base + LOAD, timeoutMs * countsPerMs);
  poke32(base + CONTROL, CONTROL_INTEN | CONTROL_RESEN);
  poke32(base + LOCK, 0);
}

/** Clearing the interrupt reloads the counter with the LOAD value start set. */
export function apbWatchdogFeed(base: number): void {
  poke32(base + LOCK, UNLOCK);
  poke32(base + INTCLR, 1);
  poke32(base + LOCK, 0);
}
