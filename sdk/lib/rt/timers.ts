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

import { clockMillis, clockReached, clockStart, clockWakeAt } from "mote/clock";
import { interruptsOff, interruptsRestore, waitForInterrupt } from "./port.ts";

type Callback = () => unknown;

class Timer {
  /** An unref'd timer (the watchdog's feeder) does not keep the loop running by itself. */
  unref = false;
  constructor(public id: number, public due: number, public interval: number, public callback: Callback, public sequence: number, public next: Timer | undefined) {}
}

/** The pending timers, a list linked through `next` in no particular order (earliest() picks
 *  by due time and sequence): a list, not an array, so that timers link no array code. */
let timers: Timer | undefined = undefined;
let nextId = 1;
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

function schedule(callback: Callback, ms: unknown, repeat: boolean): number {
  startClock();
  const delay = delayOf(ms);
  const id = nextId++;
  timers = new Timer(id, clockMillis() + delay, repeat ? delay : 0, callback, nextSequence++, timers);
  refTimers++;
  return id;
}

export function setTimeout(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, false);
}

export function setInterval(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, true);
}

export function clearTimer(id: unknown): void {
  if (typeof id !== "number") return;
  for (let t = timers; t !== undefined; t = t.next) {
    if (t.id === id) {
      remove(t);
      return;
    }
  }
}

/** Unlinks a pending timer. Timers are told apart by id: comparing `Timer | undefined`
 *  values would link the runtime's generic strict equality (strings.ts). */
function remove(timer: Timer): void {
  if (!timer.unref) refTimers--;
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
      refTimers--;
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

/** interrupts.ts hands the loop its queue when the first driver listens for an interrupt. */
export function setInterruptService(service: () => boolean, queued: () => boolean): void {
  serviceInterrupts = service;
  interruptQueued = queued;
  startClock();
}

export function loopLag(): number {
  return worstLag;
}

/** The next timer to run: the earliest due, the earliest created among equals. */
function earliest(first: Timer): Timer {
  let best = first;
  for (let t = first.next; t !== undefined; t = t.next) {
    if (t.due < best.due || (t.due === best.due && t.sequence < best.sequence)) best = t;
  }
  return best;
}

/** Runs timers and interrupt services until nothing is left. `afterEach`: what runs after
 *  every callback (the microtask queue, promise.ts, when the program uses promises). */
export function runEventLoop(afterEach: (() => void) | undefined): void {
  for (;;) {
    if (serviceInterrupts !== undefined && serviceInterrupts()) {
      if (afterEach !== undefined) afterEach();
    }
    if (refTimers === 0 && holders === 0) return;
    let due = -1;
    if (timers !== undefined) {
      const timer = earliest(timers);
      if (clockReached(timer.due)) {
        // On time (before due + 1) the time is the due time: no need to read the clock whole.
        const time = clockReached(timer.due + 1) ? clockMillis() : timer.due;
        if (time - timer.due > worstLag) worstLag = time - timer.due;
        if (timer.interval > 0) {
          // An interval runs again `interval` after this run starts, behind timers already due.
          timer.due = time + timer.interval;
          timer.sequence = nextSequence++;
        } else {
          remove(timer);
        }
        timer.callback();
        if (afterEach !== undefined) afterEach();
        continue;
      }
      due = timer.due;
    }
    // Sleep with interrupts masked: one that comes after this look still ends the WFI, and
    // its handler runs when they are unmasked.
    const state = interruptsOff();
    const queued = interruptQueued !== undefined && interruptQueued();
    if (!queued && (due < 0 || clockWakeAt(due))) waitForInterrupt();
    interruptsRestore(state);
  }
}
