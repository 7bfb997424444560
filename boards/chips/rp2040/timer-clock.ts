// The tickless clock on the RP2040's TIMER (datasheet §4.6): a free-running 64-bit
// microsecond counter with four alarms that compare against its low 32 bits. ALARM0 wakes
// the event loop; nothing interrupts while no wake-up is due. (SysTick is not used: rp2040js
// never wakes a core in WFI for it, ../shared/BOARDS.md.)
//
// The milliseconds are counted here from the low 30 bits of the counter, so every value is a
// small integer; the loop wakes at least every ten minutes, well before those 30 bits wrap
// (17.9 minutes). They are kept as loop time (sdk/lib/rt/loop-time.ts: modulo 2^29) and the
// number of times that wrapped, so that only millis() ever makes a number past 2^30.

import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { LOOP_MS_MASK, loopMsBetween } from "../../../sdk/lib/rt/loop-time.ts";

const TIMER_BASE = 0x40054000;
const ALARM0 = TIMER_BASE + 0x10;
const TIMERAWL = TIMER_BASE + 0x28;
const INTR = TIMER_BASE + 0x34;
const INTE = TIMER_BASE + 0x38;
const ALARM0_BIT = 1 << 0;
/** The SIO's hardware divider: unsigned dividend and divisor in, quotient and remainder out. */
const DIV_UDIVIDEND = 0xd0000060;
const DIV_UDIVISOR = 0xd0000064;
const DIV_QUOTIENT = 0xd0000070;
const DIV_REMAINDER = 0xd0000074;
const DIV_CSR = 0xd0000078;
const DIV_CSR_READY = 1;
const TIMER_IRQ_0 = 0;
const RAW_MASK = 0x3fffffff;
const MAX_WAKE_MS = 10 * 60 * 1000;
const WAKE_MS_MASK = 0xfffff;
/** micros() wraps every 2^20 ms, as on every board. */
const MICROS_WRAP_MS_MASK = 0xfffff;

let lastRaw = 0;
/** The loop time, and how many times it wrapped (2^29 ms each). */
let nowMs = 0;
let wraps = 0;
let nowMicros = 0; // past nowMs, 0..999

function advance(): void {
  const raw = peek32(TIMERAWL) & RAW_MASK;
  const elapsed = (raw - (lastRaw & RAW_MASK)) & RAW_MASK;
  lastRaw = raw;
  // The loop looks several times per wake-up, microseconds apart: most looks stay within the
  // millisecond.
  const micros = nowMicros & 0x3ff;
  if (elapsed < 1000 - micros) {
    nowMicros = micros + (elapsed & 0x3ff);
    return;
  }
  // Whole milliseconds and the microseconds past them from the SIO's divider (datasheet
  // §2.3.1.5: eight cycles; no interrupt handler uses it). nowMicros + elapsed < 2^30 + 1000.
  poke32(DIV_UDIVIDEND, micros + elapsed);
  poke32(DIV_UDIVISOR, 1000);
  while ((peek32(DIV_CSR) & DIV_CSR_READY) === 0) {}
  nowMicros = peek32(DIV_REMAINDER) & 0x3ff;
  // The quotient is below (2^30 + 1000) / 1000 < 2^21.
  const ms = (nowMs & LOOP_MS_MASK) + (peek32(DIV_QUOTIENT) & 0x1fffff);
  if (ms > LOOP_MS_MASK) wraps = (wraps & LOOP_MS_MASK) + 1;
  nowMs = ms & LOOP_MS_MASK;
}

/** Arms alarm `index` (0–3) to fire `delta` µs from now (delta below 2^30). The alarm
 *  compares all 32 bits of the counter: the sum is of raw words, modulo 2^32. */
export function armAlarm(index: number, delta: number): void {
  poke32(ALARM0 + 4 * (index & 3), peek32(TIMERAWL) + (delta & 0x3fffffff));
}

export function clockStart(): void {
  lastRaw = peek32(TIMERAWL) & RAW_MASK;
  poke32(INTE, (peek32(INTE) & 0xf) | ALARM0_BIT);
  onInterrupt(TIMER_IRQ_0, () => poke32(INTR, ALARM0_BIT));
}

/** Milliseconds since clockStart: past 2^30 ms (12 days) a boxed number. */
export function clockMillis(): number {
  advance();
  return (wraps & LOOP_MS_MASK) * (LOOP_MS_MASK + 1) + (nowMs & LOOP_MS_MASK);
}

export function clockNow(): number {
  advance();
  return nowMs & LOOP_MS_MASK;
}

export function clockPassed(due: number): number {
  advance();
  const since = loopMsBetween(nowMs, due);
  return since < 0 ? 0 : since === 0 ? 1 : 2;
}

export function clockMicros(): number {
  advance();
  return (nowMs & MICROS_WRAP_MS_MASK) * 1000 + (nowMicros & 0x3ff);
}

/** With interrupts masked: ALARM0 fires at loop time `due` (or within ten minutes, when
 *  that is later). False when `due` has already come. */
export function clockWakeAt(due: number): boolean {
  advance();
  let ms = loopMsBetween(due, nowMs);
  if (ms <= 0) return false;
  if (ms > MAX_WAKE_MS) ms = MAX_WAKE_MS;
  // 1 ≤ ms ≤ MAX_WAKE_MS < 2^20: the mask changes nothing but tells the compiler so, and the
  // product is one MULS.
  const delta = (ms & WAKE_MS_MASK) * 1000 - (nowMicros & 0x3ff);
  armAlarm(0, delta);
  return true;
}
