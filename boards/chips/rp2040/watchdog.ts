// The RP2040 watchdog (datasheet §4.7) as `mote/watchdog`. It resets the chip when not fed
// in time, but says nothing first; so TIMER alarm 3 (TIMER_IRQ_3, the board's
// watchdogVector) fires a quarter of the timeout earlier, and its handler reports where the
// app was stuck and resets. The watchdog itself stays as the backstop (interrupts masked).

import { peek32, poke32, symbolAddress } from "mote/intrinsics";
import { armAlarm } from "./timer-clock.ts";

const WATCHDOG_BASE = 0x40058000;
const CTRL = WATCHDOG_BASE + 0x00;
const LOAD = WATCHDOG_BASE + 0x04;
const TICK = WATCHDOG_BASE + 0x2c;
const CTRL_ENABLE = 1 << 30;
/** The tick generator from clk_ref (12 MHz from the crystal): one tick a microsecond. */
const TICK_ENABLE_12_CYCLES = (1 << 9) | 12;
/** The counter goes down twice a tick (datasheet erratum RP2040-E1). */
const COUNTS_PER_MS = 2_000;
const TIMER_INTE = 0x40054038;
const ALARM_WARNING = 3;
const NVIC_ISER = 0xe000e100;

let warningMicros = 0;

/** timeoutMs: 1 to 8,000 (the counter has 24 bits; the caller checks). */
export function watchdogStart(timeoutMs: number): void {
  poke32(symbolAddress("__rt_watchdog_started"), 1);
  warningMicros = timeoutMs * 750;
  poke32(TICK, TICK_ENABLE_12_CYCLES);
  poke32(LOAD, timeoutMs * COUNTS_PER_MS);
  poke32(CTRL, CTRL_ENABLE);
  armAlarm(ALARM_WARNING, warningMicros);
  poke32(TIMER_INTE, (peek32(TIMER_INTE) & 0xf) | (1 << ALARM_WARNING));
  poke32(NVIC_ISER, 1 << ALARM_WARNING);
}

export function watchdogFeed(timeoutMs: number): void {
  poke32(LOAD, timeoutMs * COUNTS_PER_MS);
  armAlarm(ALARM_WARNING, warningMicros);
}
