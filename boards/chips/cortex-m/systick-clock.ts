// The tickless clock on SysTick, the timer every Cortex-M core has (ARMv6-M ARM B3.3): the
// clock of the QEMU boards. It interrupts only when the event loop asks to wake up (or at the
// end of the longest period the 24-bit reload allows), never every millisecond.
//
// Time is kept as the millisecond at which the current SysTick period ends plus the cycles
// past it (`__rt_clock`, ports/armv6m/rt/libos.ts, whose SysTick handler advances it at each
// wrap). The counter counts down, so the time now is that end minus the counter + 1 cycles.
// Periods normally end on a whole millisecond; a wake-up earlier than the current period's
// end restarts the counter with a period ending exactly at the wake-up time.

import { peek32, poke32, symbolAddress } from "mote/intrinsics";
import { CYCLES_PER_MS, SYSTICK_MAX_PERIOD_MS } from "mote/board";

const SYST_CSR = 0xe000e010;
const SYST_RVR = 0xe000e014;
const SYST_CVR = 0xe000e018;
const CSR_ENABLE_TICKINT_CPU_CLOCK = 0b111;
/** B3.2.4 (ICSR): PENDSTSET, a SysTick wrap whose handler has not run yet. */
const SCB_ICSR = 0xe000ed04;
const ICSR_PENDSTSET = 1 << 26;
const COUNTER_MASK = 0xffffff;
/** micros() wraps every 2^20 ms, so that it is always a small integer. */
const MICROS_WRAP_MS_MASK = 0xfffff;

let nowMs = 0;
let nowCycles = 0;
// The state as read() saw it, a pending wrap included: where the current period ends, and
// the counter (cycles to that end, less one).
let endMs = 0;
let endCycles = 0;
let counter = 0;

/** The current period's end and the counter, as if a pending SysTick wrap had been handled. */
function snapshot(): void {
  const clock = symbolAddress("__rt_clock");
  let pending = peek32(SCB_ICSR) & ICSR_PENDSTSET;
  counter = peek32(SYST_CVR) & COUNTER_MASK;
  const pendingAfter = peek32(SCB_ICSR) & ICSR_PENDSTSET;
  if (pendingAfter !== pending) {
    // The counter wrapped between the two looks: read it again, in the new period.
    counter = peek32(SYST_CVR) & COUNTER_MASK;
    pending = pendingAfter;
  }
  endMs = peek32(clock);
  endCycles = peek32(clock + 4);
  if (pending !== 0) {
    endMs += peek32(clock + 8);
    endCycles += peek32(clock + 12);
    if (endCycles >= CYCLES_PER_MS) {
      endCycles -= CYCLES_PER_MS;
      endMs++;
    }
  }
}

/** The current time into nowMs / nowCycles. */
function read(): void {
  snapshot();
  const toEnd = counter + 1 - endCycles;
  if (toEnd <= 0) {
    nowMs = endMs;
    nowCycles = -toEnd;
  } else {
    const ms = (((toEnd + CYCLES_PER_MS - 1) / CYCLES_PER_MS) | 0) & 0x7ff;
    nowMs = endMs - ms;
    nowCycles = ms * CYCLES_PER_MS - toEnd;
  }
}

/** Starts a period from RVR now: a write to the counter clears it, and the next count
 *  reloads it, without an interrupt. Until then it reads 0, which read() would take for the
 *  end of the period, so wait for that count. */
function reload(): void {
  poke32(SYST_CVR, 0);
  while ((peek32(SYST_CVR) & COUNTER_MASK) === 0) {}
}

export function clockStart(): void {
  const clock = symbolAddress("__rt_clock");
  poke32(clock, SYSTICK_MAX_PERIOD_MS);
  poke32(clock + 4, 0);
  poke32(clock + 8, SYSTICK_MAX_PERIOD_MS);
  poke32(clock + 12, 0);
  poke32(SYST_RVR, SYSTICK_MAX_PERIOD_MS * CYCLES_PER_MS - 1);
  poke32(SYST_CSR, CSR_ENABLE_TICKINT_CPU_CLOCK);
  reload();
}

/** Milliseconds since clockStart. Interrupts masked or not. */
export function clockMillis(): number {
  read();
  return nowMs;
}

/** Microseconds since clockStart, wrapping to 0 every 2^20 ms (about 17.5 minutes). */
export function clockMicros(): number {
  read();
  return (nowMs & MICROS_WRAP_MS_MASK) * 1000 + (((nowCycles * 1000) / CYCLES_PER_MS) | 0);
}

/** Whether millisecond `due` has come. The event loop asks at every wake-up, so this is
 *  the cheap question: no division. */
export function clockReached(due: number): boolean {
  snapshot();
  if (due > endMs) return false;
  const before = endMs - due;
  if (before < 0 || before > SYSTICK_MAX_PERIOD_MS) return true;
  // `due` is `before` ms and endCycles cycles before the period's end; now is counter + 1
  // cycles before it. A wake-up at the end of a period asks with before = 0.
  if (before === 0) return endCycles >= counter + 1;
  return before * CYCLES_PER_MS + endCycles >= counter + 1;
}

/** With interrupts masked: makes sure an interrupt comes at millisecond `due` at the latest
 *  (or earlier: the caller looks again). False when `due` has already come. */
export function clockWakeAt(due: number): boolean {
  if ((peek32(SCB_ICSR) & ICSR_PENDSTSET) !== 0) return true; // its handler runs first
  const clock = symbolAddress("__rt_clock");
  endMs = peek32(clock);
  endCycles = peek32(clock + 4);
  if (due > endMs || (due === endMs && endCycles === 0)) {
    // The current period ends first: the one after it ends at `due`, or as late as it can.
    let ms = due - endMs;
    if (ms > SYSTICK_MAX_PERIOD_MS) ms = SYSTICK_MAX_PERIOD_MS;
    if (ms === 0) return true;
    let cycles = 0;
    if (endCycles > 0) {
      ms--;
      cycles = CYCLES_PER_MS - endCycles;
    }
    poke32(clock + 8, ms);
    poke32(clock + 12, cycles);
    poke32(SYST_RVR, ms * CYCLES_PER_MS + cycles - 1);
    return true;
  }
  read();
  if (due <= nowMs) return false;
  // `due` comes before the current period ends: a new period from now to `due`. Writing the
  // counter reloads it from RVR at the next count, without an interrupt; the period after
  // it is as long again, until the handler sets the longest one.
  const length = (due - nowMs) * CYCLES_PER_MS - nowCycles;
  poke32(SYST_RVR, length - 1);
  reload();
  poke32(clock, due);
  poke32(clock + 4, 0);
  const ms = (length / CYCLES_PER_MS) | 0;
  poke32(clock + 8, ms);
  poke32(clock + 12, length - ms * CYCLES_PER_MS);
  return true;
}
