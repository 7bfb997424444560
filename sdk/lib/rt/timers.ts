// Timers and the event loop (DESIGN.md, "The libOS"): after the program's top-level code, due
// timers run in order of due time, then of creation (Node's order), each followed by the
// microtasks it queued; when none is due the core sleeps until the clock's next tick; the
// program ends when no timer is left (a promise that can never settle keeps nothing alive).

import { clockStart, millis, waitForInterrupt } from "./port.ts";

type Callback = () => unknown;

class Timer {
  constructor(public id: number, public due: number, public interval: number, public callback: Callback, public sequence: number) {}
}

const timers: Timer[] = [];
let nextId = 1;
let nextSequence = 0;
let clockRunning = false;

/** Node clamps delays below 1 ms (and above 2^31 - 1) to 1 ms. */
function delayOf(ms: unknown): number {
  if (ms === undefined) return 1;
  const d = ms as number;
  return d < 1 || d > 0x7fffffff ? 1 : d;
}

function schedule(callback: Callback, ms: unknown, repeat: boolean): number {
  if (!clockRunning) {
    clockStart();
    clockRunning = true;
  }
  const delay = delayOf(ms);
  const id = nextId++;
  timers.push(new Timer(id, millis() + delay, repeat ? delay : 0, callback, nextSequence++));
  return id;
}

export function setTimeout(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, false);
}

export function setInterval(callback: Callback, ms: unknown): number {
  return schedule(callback, ms, true);
}

export function clearTimer(id: unknown): void {
  for (let i = 0; i < timers.length; i++) {
    if (timers[i].id === id) {
      for (let j = i + 1; j < timers.length; j++) timers[j - 1] = timers[j];
      timers.pop();
      return;
    }
  }
}

/** The next timer to run: the earliest due, the earliest created among equals. */
function earliest(): number {
  let best = 0;
  for (let i = 1; i < timers.length; i++) {
    const t = timers[i];
    const b = timers[best];
    if (t.due < b.due || (t.due === b.due && t.sequence < b.sequence)) best = i;
  }
  return best;
}

/** Runs the timers until none is left. `afterEach`: what runs after every callback (the
 *  microtask queue, promise.ts, when the program uses promises). */
export function runEventLoop(afterEach: (() => void) | undefined): void {
  while (timers.length > 0) {
    const i = earliest();
    const timer = timers[i];
    if (millis() < timer.due) {
      waitForInterrupt();
      continue;
    }
    if (timer.interval > 0) {
      // An interval runs again `interval` after this run starts, behind timers already due.
      timer.due = millis() + timer.interval;
      timer.sequence = nextSequence++;
    } else {
      clearTimer(timer.id);
    }
    timer.callback();
    if (afterEach !== undefined) afterEach();
  }
}
