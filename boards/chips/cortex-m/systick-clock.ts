// The tickless clock on SysTick, the timer every Cortex-M core has (ARMv6-M ARM B3.3): the
// clock of the QEMU boards. It interrupts only when the event loop asks to wake up (or at the
// end of the longest period the 24-bit reload allows), never every millisecond.
//
// Time is kept as the millisecond at which the current SysTick period ends plus the cycles
// past it (`__rt_clock`, ports/armv6m/rt/libos.ts, whose SysTick handler advances it at each
// wrap). The counter counts down, so the time now is that end minus the counter + 1 cycles.
// Periods normally end on a whole millisecond; a wake-up earlier than the current period's
// end restarts the counter with a period ending exactly at the wake-up time.

import { peek16, peek32, poke32, symbolAddress } from "mote/intrinsics";
import { CYCLES_PER_MS, SYSTICK_CLKSOURCE, SYSTICK_MAX_PERIOD_MS } from "mote/board";
import { LOOP_MS_MASK, loopMsAfter, loopMsBetween } from "../../../sdk/lib/rt/loop-time.ts";

const SYST_CSR = 0xe000e010;
const SYST_RVR = 0xe000e014;
const SYST_CVR = 0xe000e018;
/** B3.3 (SYST_CSR): ENABLE, TICKINT, and CLKSOURCE from the board: 4 counts the core clock,
 *  0 the chip's reference clock (mote/board CYCLES_PER_MS counts whichever it is). */
const CSR_ENABLE_TICKINT = 0b011 | SYSTICK_CLKSOURCE;
/** B3.2.4 (ICSR): PENDSTSET, a SysTick wrap whose handler has not run yet. */
const SCB_ICSR = 0xe000ed04;
const ICSR_PENDSTSET = 1 << 26;
/** B3.2.4 (ICSR): PENDSTCLR, writing 1 removes a pending SysTick wrap. */
const ICSR_PENDSTCLR = 1 << 25;
const COUNTER_MASK = 0xffffff;
/** Cycles within a millisecond: below 2^18 (a core clock below 262 MHz). */
const CYCLES_MASK = 0x3ffff;
/** micros() wraps every 2^20 ms, so that it is always a small integer. */
const MICROS_WRAP_MS_MASK = 0xfffff;

// The state as snapshot() saw it, a pending wrap included: the loop time (sdk/lib/rt/loop-time.ts)
// at which the current period ends, cycles past it, and the counter (cycles to that end, less
// one); and from readNow(), the cycles past the current millisecond. Every value is masked where
// it is read, so that the range analysis knows it small: the clock never boxes a number, except
// for millis() past 2^30 ms.
let endMs = 0;
let endCycles = 0;
let counter = 0;
let nowCycles = 0;

/** The current period's end and the counter, as if a pending SysTick wrap had been handled. */
function snapshot(): void {
  let pending = peek32(SCB_ICSR) & ICSR_PENDSTSET;
  let count = peek32(SYST_CVR) & COUNTER_MASK;
  const pendingAfter = peek32(SCB_ICSR) & ICSR_PENDSTSET;
  if (pendingAfter !== pending) {
    // The counter wrapped between the two looks: read it again, in the new period.
    count = peek32(SYST_CVR) & COUNTER_MASK;
    pending = pendingAfter;
  }
  let ms = peek32(symbolAddress("__rt_clock")) & LOOP_MS_MASK;
  let cycles = peek32(symbolAddress("__rt_clock") + 4) & COUNTER_MASK;
  if (pending !== 0) {
    ms = loopMsAfter(ms, peek32(symbolAddress("__rt_clock") + 8) & COUNTER_MASK);
    cycles += peek32(symbolAddress("__rt_clock") + 12) & COUNTER_MASK;
    if (cycles >= CYCLES_PER_MS) {
      cycles -= CYCLES_PER_MS;
      ms = loopMsAfter(ms, 1);
    }
  }
  endMs = ms;
  endCycles = cycles;
  counter = count;
}

/** The loop time now; the cycles past it into nowCycles. */
function readNow(): number {
  snapshot();
  const end = endMs & LOOP_MS_MASK;
  const toEnd = (counter & COUNTER_MASK) + 1 - (endCycles & COUNTER_MASK);
  if (toEnd <= 0) {
    nowCycles = 0 - toEnd;
    return end;
  }
  const ms = (((toEnd + CYCLES_PER_MS - 1) / CYCLES_PER_MS) | 0) & 0x7ff;
  nowCycles = ms * CYCLES_PER_MS - toEnd;
  return (end - ms) & LOOP_MS_MASK;
}

/** Starts a period from RVR now: a write to the counter clears it, and the next count
 *  reloads it, without an interrupt. Until then it reads 0, which read() would take for the
 *  end of the period, so wait for that count. */
function reload(): void {
  poke32(SYST_CVR, 0);
  while ((peek32(SYST_CVR) & COUNTER_MASK) === 0) {}
}

export function clockStart(): void {
  poke32(symbolAddress("__rt_clock"), SYSTICK_MAX_PERIOD_MS);
  poke32(symbolAddress("__rt_clock") + 4, 0);
  poke32(symbolAddress("__rt_clock") + 8, SYSTICK_MAX_PERIOD_MS);
  poke32(symbolAddress("__rt_clock") + 12, 0);
  poke32(SYST_RVR, SYSTICK_MAX_PERIOD_MS * CYCLES_PER_MS - 1);
  poke32(SYST_CSR, CSR_ENABLE_TICKINT);
  reload();
}

export function clockNow(): number {
  return readNow();
}

/** Milliseconds since clockStart: the period's end as the handler counts it (all 32 bits),
 *  less the time to it. Interrupts masked or not: a wrap handled since the snapshot shows in
 *  the difference of the two ends. */
export function clockMillis(): number {
  const now = readNow();
  const end = peek32(symbolAddress("__rt_clock"));
  return end + loopMsBetween(endMs, end & LOOP_MS_MASK) - loopMsBetween(endMs, now);
}

/** Microseconds since clockStart, wrapping to 0 every 2^20 ms (about 17.5 minutes). */
export function clockMicros(): number {
  const now = readNow();
  return (now & MICROS_WRAP_MS_MASK) * 1000 + (((((nowCycles & CYCLES_MASK) * 1000) / CYCLES_PER_MS) | 0) & 0x3ff);
}

/** Where now is against loop time `due`: 0 before it, 1 within its millisecond, 2 later.
 *  The event loop asks at every wake-up, so this is the cheap question: no division. */
export function clockPassed(due: number): number {
  snapshot();
  // `due` is `before` ms and endCycles cycles before the period's end; now is counter + 1
  // cycles before it. A wake-up at the end of a period asks with before = 0.
  const before = loopMsBetween(endMs, due);
  if (before < 0) return 0;
  if (before > SYSTICK_MAX_PERIOD_MS) return 2;
  const since = before * CYCLES_PER_MS + (endCycles & COUNTER_MASK) - (counter & COUNTER_MASK) - 1;
  return since < 0 ? 0 : since < CYCLES_PER_MS ? 1 : 2;
}

/** With interrupts masked: makes sure an interrupt comes at loop time `due` at the latest
 *  (or earlier: the caller looks again). False when `due` has already come. */
export function clockWakeAt(due: number): boolean {
  if ((peek32(SCB_ICSR) & ICSR_PENDSTSET) !== 0) return true; // its handler runs first
  const end = peek32(symbolAddress("__rt_clock")) & LOOP_MS_MASK;
  const cycles = peek32(symbolAddress("__rt_clock") + 4) & COUNTER_MASK;
  const after = loopMsBetween(due, end);
  if (after > 0 || (after === 0 && cycles === 0)) {
    // The current period ends first: the one after it ends at `due`, or as late as it can.
    let ms = after;
    if (ms > SYSTICK_MAX_PERIOD_MS) ms = SYSTICK_MAX_PERIOD_MS;
    if (ms <= 0) return true;
    let extra = 0;
    if (cycles > 0) {
      ms--;
      extra = CYCLES_PER_MS - cycles;
    }
    poke32(symbolAddress("__rt_clock") + 8, ms);
    poke32(symbolAddress("__rt_clock") + 12, extra);
    poke32(SYST_RVR, ms * CYCLES_PER_MS + extra - 1);
    return true;
  }
  // `due` comes before the current period ends: a new period from now to `due`, `back` ms
  // before the end (no division: the longest period is below 2^24 cycles).
  snapshot();
  if ((endMs & LOOP_MS_MASK) !== end) return true; // a wrap since the first look: its handler first
  const back = loopMsBetween(end, due);
  if (back > SYSTICK_MAX_PERIOD_MS) return false;
  // (back ≤ SYSTICK_MAX_PERIOD_MS < 2^11, as in readNow: the mask proves the product small.)
  const length = (counter & COUNTER_MASK) + 1 - (endCycles & COUNTER_MASK) - (back & 0x7ff) * CYCLES_PER_MS;
  if (length <= 0) return false;
  // Writing the counter reloads it from RVR at the next count, without an interrupt; once it
  // has, RVR goes back to the longest period, for the period after this one.
  poke32(SYST_RVR, length - 1);
  reload();
  poke32(SYST_RVR, SYSTICK_MAX_PERIOD_MS * CYCLES_PER_MS - 1);
  // A wrap of the old period in the last few cycles is void: the new one replaces it.
  poke32(SCB_ICSR, ICSR_PENDSTCLR);
  // The period now ends at `due`, `back` ms before the old end: the handler's 32-bit count of
  // it goes back as much, in halves so that every value stays a small integer.
  let low = peek16(symbolAddress("__rt_clock")) - (back & 0x7ff);
  let high = peek16(symbolAddress("__rt_clock") + 2);
  if (low < 0) {
    low += 0x10000;
    high = (high - 1) & 0xffff;
  }
  const quarter = high << 14;
  poke32(symbolAddress("__rt_clock"), quarter + quarter + quarter + quarter + low);
  poke32(symbolAddress("__rt_clock") + 4, 0);
  poke32(symbolAddress("__rt_clock") + 8, SYSTICK_MAX_PERIOD_MS);
  poke32(symbolAddress("__rt_clock") + 12, 0);
  return true;
}
