// The tickless clock on the RP2040's TIMER (datasheet §4.6): a free-running 64-bit
// microsecond counter with four alarms that compare against its low 32 bits. ALARM0 wakes
// the event loop; nothing interrupts while no wake-up is due. (SysTick is not used: rp2040js
// never wakes a core in WFI for it, ../shared/BOARDS.md.)
//
// The milliseconds are counted here from the low 30 bits of the counter, so every value is a
// small integer; the loop wakes at least every ten minutes, well before those 30 bits wrap
// (17.9 minutes).

import { peek16, peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";

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
let nowMs = 0;
let nowMicros = 0; // past nowMs, 0..999

function advance(): void {
  const raw = peek32(TIMERAWL) & RAW_MASK;
  const elapsed = (raw - lastRaw) & RAW_MASK;
  lastRaw = raw;
  // Whole milliseconds and the microseconds past them from the SIO's divider (datasheet
  // §2.3.1.5: eight cycles; no interrupt handler uses it). nowMicros + elapsed < 2^30 + 1000.
  poke32(DIV_UDIVIDEND, nowMicros + elapsed);
  poke32(DIV_UDIVISOR, 1000);
  while ((peek32(DIV_CSR) & DIV_CSR_READY) === 0) {}
  nowMicros = peek32(DIV_REMAINDER) & 0x3ff;
  nowMs += peek32(DIV_QUOTIENT) & RAW_MASK;
}

/** Arms alarm `index` (0–3) to fire `delta` µs from now (delta below 2^30). */
export function armAlarm(index: number, delta: number): void {
  // The alarm compares all 32 bits: read them as two halves (again if the low half wrapped
  // in between) and add the delta with a carry, keeping every value a small integer.
  let high = peek16(TIMERAWL + 2);
  let low = peek16(TIMERAWL);
  const highAgain = peek16(TIMERAWL + 2);
  if (highAgain !== high) {
    high = highAgain;
    low = 0;
  }
  low += delta & 0xffff;
  high = (high + (delta >> 16) + (low >> 16)) & 0xffff;
  low &= 0xffff;
  // high << 16 does not fit a small integer: the intrinsic adds raw words, modulo 2^32.
  const quarter = high << 14;
  poke32(ALARM0 + 4 * index, quarter + quarter + quarter + quarter + low);
}

export function clockStart(): void {
  lastRaw = peek32(TIMERAWL) & RAW_MASK;
  poke32(INTE, (peek32(INTE) & 0xf) | ALARM0_BIT);
  onInterrupt(TIMER_IRQ_0, () => poke32(INTR, ALARM0_BIT));
}

export function clockMillis(): number {
  advance();
  return nowMs;
}

export function clockReached(due: number): boolean {
  advance();
  return nowMs >= due;
}

export function clockMicros(): number {
  advance();
  return (nowMs & MICROS_WRAP_MS_MASK) * 1000 + nowMicros;
}

/** With interrupts masked: ALARM0 fires at millisecond `due` (or within ten minutes, when
 *  that is later). False when `due` has already come. */
export function clockWakeAt(due: number): boolean {
  advance();
  if (due <= nowMs) return false;
  let ms = due - nowMs;
  if (ms > MAX_WAKE_MS) ms = MAX_WAKE_MS;
  // 1 ≤ ms ≤ MAX_WAKE_MS < 2^20: the mask changes nothing but tells the compiler so, and the
  // product is one MULS.
  const delta = (ms & WAKE_MS_MASK) * 1000 - nowMicros;
  armAlarm(0, delta);
  return true;
}
