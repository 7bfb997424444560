// `mote/gpio` on Node: pins as levels in memory. An output reads back what it drives and is
// reported to the Target when it changes; an input reads what the Target drives on it (a
// button), else its pull (an undriven input without a pull reads 0). sdk/lib/pins.ts runs
// on top of this unchanged, so debounce, edges and direction conflicts are the same code as
// on every board.

import { sinceBoot } from "./clock.ts";
import { bootSettings, onInput, sendEvent } from "./link.ts";

const INPUT = 0;
const OUTPUT = 1;
const PULL_UP = 2;
const PULL_DOWN = 3;

class HostPin {
  mode = INPUT;
  driven = false;
  /** The level the outside drives on the pin, if anything does. */
  external: boolean | undefined = undefined;
  watcher: (() => void) | undefined = undefined;
  /** What the Target last heard the pin drive (pins start low, as after a chip's reset). */
  reported = false;

  level(): boolean {
    if (this.mode === OUTPUT) return this.driven;
    if (this.external !== undefined) return this.external;
    return this.mode === PULL_UP;
  }
}

const pins = new Map<number, HostPin>();

function pinAt(pin: number): HostPin {
  let found = pins.get(pin);
  if (!found) {
    found = new HostPin();
    pins.set(pin, found);
  }
  return found;
}

/** The outside drives `pin`: the watcher hears of it from the event loop, as after an
 *  interrupt on a chip. */
function drive(pin: number, level: 0 | 1): void {
  const p = pinAt(pin);
  const before = p.level();
  p.external = level === 1;
  if (p.level() !== before && p.watcher) p.watcher();
}

onInput((input) => drive(input.pin, input.level));
for (const input of bootSettings().pinInputs) {
  // Inputs at 0 are there before the app starts; later ones keep no app running (unref'd),
  // as a simulator's do not.
  if (input.atMs <= 0) drive(input.pin, input.level);
  // Node's timers count whole milliseconds: rounded up, so that an input never comes early.
  else setTimeout(() => drive(input.pin, input.level), Math.max(0, Math.ceil(input.atMs - sinceBoot()))).unref();
}

export function gpioSetMode(pin: number, mode: number): void {
  const p = pinAt(pin);
  p.mode = mode === OUTPUT || mode === PULL_UP || mode === PULL_DOWN ? mode : INPUT;
  report(pin, p);
}

export function gpioWrite(pin: number, high: boolean): void {
  const p = pinAt(pin);
  p.driven = high;
  report(pin, p);
}

export function gpioRead(pin: number): boolean {
  return pinAt(pin).level();
}

export function gpioWatch(pin: number, changed: () => void): void {
  pinAt(pin).watcher = changed;
}

/** Tells the Target when an output's level differs from what it last heard. */
function report(pin: number, p: HostPin): void {
  if (p.mode !== OUTPUT || p.driven === p.reported) return;
  p.reported = p.driven;
  sendEvent({ type: "pin", pin, level: p.driven ? 1 : 0, atMs: sinceBoot() });
}
