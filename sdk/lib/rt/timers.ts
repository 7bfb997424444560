// Timers and the event loop (DESIGN.md, "The libOS"). After the program's top-level code the
// loop runs, until nothing can happen any more:
// - due timers, in order of due time, then of creation (Node's order);
// - queued interrupts, each through the driver that services it (interrupts.ts), which
//   calls the app's callbacks (a pin changed, bytes arrived);
// each followed by the microtasks it queued. With nothing due, the core sleeps in WFI until
// the board's clock (mote/clock) wakes it at the next due time: tickless, so an idle
// device executes nothing between wake-ups. The loop ends when no timer is left and no
// event source holds it (a pin or a UART with a listener), as Node ends with no handles
// (a promise that can never settle keeps nothing alive).

import { clockMillis, clockNow, clockPassed, clockStart, clockWakeAt } from "mote/clock";
import { LONGEST_WAIT_MS, LOOP_MS_MASK, loopMsAfter, loopMsBetween } from "./loop-time.ts";
import { interruptsOff, interruptsRestore, waitForInterrupt } from "./port.ts";
import { isSmallInt } from "mote/intrinsics";

type Callback = () => unknown;

/** Counts and sequence numbers are kept below 2^29, so that the loop never boxes one. */
const COUNT_MASK = LOOP_MS_MASK;
/** A delay is waited as up to 15 steps of LONGEST_WAIT_MS (2^27 ms), then the rest. */
const LONG_STEPS_SHIFT = 27;
const REST_MASK = LONGEST_WAIT_MS - 1;

class Timer {
  /** An unref'd timer (the watchdog's feeder) does not keep the loop running by itself. */
  unref = false;
  /** Steps of LONGEST_WAIT_MS still to wait after `due` before the callback runs. */
  steps: number;
  /**
   * @param due the loop time (loop-time.ts) of the next step's end
   * @param delay the delay in ms, 1 to 2^31 - 1 (an interval waits it again after each run)
   */
  constructor(public id: number, public due: number, public delay: number, public repeat: boolean, public callback: Callback, public sequence: number, public next: Timer | undefined) {
    this.steps = delay >>> LONG_STEPS_SHIFT;
  }
}

/** The pending timers, a list linked through `next` in no particular order (earliest() picks
 *  by due time and sequence): a list, not an array, so that timers link no array code. */
let timers: Timer | undefined = undefined;
let nextId = 1;
/** Ids started again from 1: a new id skips those still pending. */
let idsWrapped = false;
let nextSequence = 0;
let clockRunning = false;
/** Event sources that keep the loop alive (holdLoop / releaseLoop). */
let holders = 0;
/** Timers that are not unref'd. */
let refTimers = 0;
let serviceInterrupts: (() => boolean) | undefined;
let interruptQueued: (() => boolean) | undefined;
/** The longest a callback was late, in ms (device.loopLag). */
let worstLag = 0;

/** Starts the board's clock on first use (a program without timers links none of it). */
export function startClock(): void {
  if (!clockRunning) {
    clockRunning = true;
    clockStart();
  }
}

export function now(): number {
  startClock();
  return clockMillis();
}

/** Node clamps delays below 1 ms (and above 2^31 - 1) to 1 ms. */
function delayOf(ms: unknown): number {
  if (ms === undefined) return 1;
  const d = ms as number;
  return d < 1 || d > 0x7fffffff ? 1 : d;
}

function sequence(): number {
  const s = nextSequence & COUNT_MASK;
  nextSequence = (s + 1) & COUNT_MASK;
  return s;
}

function schedule(callback: Callback, ms: unknown, repeat: boolean): number {
  startClock();
  const delay = delayOf(ms);
  // Ids stay small integers, never 0: after 2^29 timers they start again from 1, skipping
  // the ids of timers still pending, so that clearTimeout never reaches the wrong one.
  let id = nextId;
  if (idsWrapped) while (pending(id)) id = (id & COUNT_MASK) + 1;
  nextId = (id & COUNT_MASK) + 1;
  if (nextId > COUNT_MASK) {
    nextId = 1;
    idsWrapped = true;
  }
  timers = new Timer(id, loopMsAfter(clockNow(), delay & REST_MASK), delay, repeat, callback, sequence(), timers);
  refTimers = (refTimers & COUNT_MASK) + 1;
  return id;
}

function pending(id: number): boolean {
  for (let t = timers; t !== undefined; t = t.next) if (t.id === id) return true;
  return false;
}

export function setTimeout(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, false);
}

export function setInterval(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, true);
}

export function clearTimer(id: unknown): void {
  // Ids are small integers (schedule): no need for typeof, which links the type names.
  if (!isSmallInt(id)) return;
  const key = id as number;
  for (let t = timers; t !== undefined; t = t.next) {
    if (t.id === key) {
      remove(t);
      return;
    }
  }
}

/** Unlinks a pending timer. Timers are told apart by id: comparing `Timer | undefined`
 *  values would link the runtime's generic strict equality (strings.ts). */
function remove(timer: Timer): void {
  if (!timer.unref) refTimers = (refTimers & COUNT_MASK) - 1;
  const id = timer.id;
  let before: Timer | undefined = undefined;
  for (let t = timers; t !== undefined; t = t.next) {
    if (t.id === id) {
      if (before === undefined) timers = t.next;
      else before.next = t.next;
      return;
    }
    before = t;
  }
}

/** A timer that runs while the loop runs for other reasons, but does not keep it running. */
export function unrefTimer(id: number): void {
  for (let t = timers; t !== undefined; t = t.next) {
    if (t.id === id && !t.unref) {
      t.unref = true;
      refTimers = (refTimers & COUNT_MASK) - 1;
    }
  }
}

/** An event source (a pin's or the UART's listener) keeps the loop running until released. */
export function holdLoop(): void {
  holders++;
}

export function releaseLoop(): void {
  if (holders > 0) holders--;
}

/** interrupts.ts hands the loop its queue when the first driver listens for an interrupt;
 *  the loop starts the clock when it starts. */
export function setInterruptService(service: () => boolean, queued: () => boolean): void {
  serviceInterrupts = service;
  interruptQueued = queued;
}

export function loopLag(): number {
  return worstLag;
}

/** The next timer to run: the earliest due, the earliest created among equals. */
function earliest(first: Timer): Timer {
  let best = first;
  for (let t = first.next; t !== undefined; t = t.next) {
    const before = loopMsBetween(t.due, best.due);
    if (before < 0 || (before === 0 && loopMsBetween(t.sequence, best.sequence) < 0)) best = t;
  }
  return best;
}

/** Runs timers and interrupt services until nothing is left. `afterEach`: what runs after
 *  every callback (the microtask queue, promise.ts, when the program uses promises). */
export function runEventLoop(afterEach: (() => void) | undefined): void {
  // The loop sleeps until the clock wakes it (a driver's clock may itself service interrupts,
  // so it is not started from setInterruptService: that would be a recursion).
  if (serviceInterrupts !== undefined) startClock();
  for (;;) {
    if (serviceInterrupts !== undefined && serviceInterrupts()) {
      if (afterEach !== undefined) afterEach();
    }
    if (refTimers === 0 && holders === 0) return;
    let due = -1;
    if (timers !== undefined) {
      const timer = earliest(timers);
      const timerDue = timer.due & LOOP_MS_MASK;
      // (The mask proves it a small integer: no comparison of numbers in the loop.)
      const passed = clockPassed(timerDue) & 3;
      if (passed !== 0) {
        // On time (within the due millisecond) the time is the due time: no need to read the
        // clock whole.
        const time = passed === 1 ? timerDue : clockNow();
        const steps = timer.steps & 0xf;
        if (steps > 0) {
          // A long delay's step ended: wait the next one (no callback, no new sequence).
          timer.steps = steps - 1;
          timer.due = loopMsAfter(timerDue, LONGEST_WAIT_MS);
          continue;
        }
        const late = loopMsBetween(time, timerDue);
        if (late > worstLag) worstLag = late;
        if (timer.repeat) {
          // An interval runs again `delay` after this run starts, behind timers already due.
          timer.due = loopMsAfter(time, timer.delay & REST_MASK);
          timer.steps = timer.delay >>> LONG_STEPS_SHIFT;
          timer.sequence = sequence();
        } else {
          remove(timer);
        }
        // Called as a plain function, as Node calls a timer's callback: not as the timer's
        // method (which would link the check that a property holds a function).
        const callback = timer.callback;
        callback();
        if (afterEach !== undefined) afterEach();
        continue;
      }
      due = timerDue;
    }
    // Sleep with interrupts masked: one that comes after this look still ends the WFI, and
    // its handler runs when they are unmasked.
    const state = interruptsOff();
    const queued = interruptQueued !== undefined && interruptQueued();
    if (!queued && (due < 0 || clockWakeAt(due))) waitForInterrupt();
    interruptsRestore(state);
  }
}
