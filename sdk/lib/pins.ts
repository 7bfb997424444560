// Digital pins, by the board's names: `pins.LED.write(1)`, `pins.BUTTON.onChange(...)`.
// The board's pins are generated as `mote/pins` (sdk/compiler/frontend/program.ts), typed by
// what each pin can do, so `pins.LED` autocompletes and a pin the board lacks, or an input
// used as an output, is a compile error for that board. The chip's driver (`mote/gpio`,
// boards/chips/<family>/) does the registers; this file is the same on every board.

import { gpioRead, gpioSetMode, gpioWatch, gpioWrite } from "mote/gpio";
import { PIN_SETUP } from "mote/pins";
import { holdLoop } from "./rt/timers.ts";

export type Level = 0 | 1;
export type Edge = "rising" | "falling" | "both";
export type InputMode = "input" | "input-pullup" | "input-pulldown";
export type PinMode = "output" | InputMode;

export interface ChangeOptions {
  /** Report a change only once the pin has kept its new level this long (a switch bounces). */
  debounceMs?: number;
}

/** A pin that drives a level: an LED, a relay, a transistor's gate. */
export interface OutputPin {
  readonly name: string;
  /** 1 (or true) drives the pin high, 0 (or false) low. */
  write(level: Level | boolean): void;
  toggle(): void;
  /** The level the pin is at. */
  read(): Level;
  mode(mode: "output"): void;
}

/** A pin that is read: a button, a sensor's interrupt line. */
export interface InputPin {
  readonly name: string;
  read(): Level;
  /** Input, with the chip's pull-up or pull-down resistor if asked. */
  mode(mode: InputMode): void;
  /** Calls `callback` with the new level when the pin changes (rising: to 1, falling: to 0).
   *  The device keeps running while a pin has a listener. */
  onChange(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void;
}

/** A pin that can be either. */
export interface IoPin extends OutputPin, InputPin {
  mode(mode: PinMode): void;
}

const GPIO_INPUT = 0;
const GPIO_OUTPUT = 1;
const GPIO_PULL_UP = 2;
const GPIO_PULL_DOWN = 3;

let setUp = false;

function setUpBoard(): void {
  if (setUp) return;
  setUp = true;
  for (let i = 0; i + 1 < PIN_SETUP.length; i += 2) {
    gpioSetMode(PIN_SETUP[i], GPIO_OUTPUT);
    gpioWrite(PIN_SETUP[i], PIN_SETUP[i + 1] === 1);
  }
}

class Listener {
  constructor(public edge: Edge, public callback: (level: Level) => void, public debounceMs: number) {}
}

export class GpioPin implements IoPin {
  private direction = "";
  /** The call that set the direction, for the message when another use conflicts. */
  private setBy = "";
  private listeners: Listener[] = [];
  private lastLevel: Level = 0;
  private settleTimer: TimerHandle | undefined = undefined;

  constructor(readonly pin: number, readonly name: string, readonly kind: string) {}

  mode(mode: PinMode): void {
    setUpBoard();
    if (mode === "output") {
      this.use("output", `mode("output")`, true);
      gpioSetMode(this.pin, GPIO_OUTPUT);
    } else {
      this.use("input", `mode("${mode}")`, true);
      gpioSetMode(this.pin, mode === "input-pullup" ? GPIO_PULL_UP : mode === "input-pulldown" ? GPIO_PULL_DOWN : GPIO_INPUT);
    }
  }

  write(level: Level | boolean): void {
    this.output("write()");
    gpioWrite(this.pin, level === 1 || level === true);
  }

  toggle(): void {
    this.output("toggle()");
    gpioWrite(this.pin, !gpioRead(this.pin));
  }

  read(): Level {
    if (this.direction === "") this.mode("input");
    return gpioRead(this.pin) ? 1 : 0;
  }

  onChange(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void {
    if (this.direction === "") this.mode("input");
    else this.use("input", "onChange()", false);
    const debounceMs = options === undefined || options.debounceMs === undefined ? 0 : options.debounceMs;
    if (this.listeners.length === 0) {
      this.lastLevel = gpioRead(this.pin) ? 1 : 0;
      holdLoop();
      gpioWatch(this.pin, () => this.changed());
    }
    this.listeners.push(new Listener(edge, callback, debounceMs));
  }

  private output(use: string): void {
    if (this.direction === "") this.mode("output");
    else this.use("output", use, false);
  }

  /** Records the pin's direction, or stops with both uses named when they conflict. */
  private use(direction: string, use: string, setting: boolean): void {
    if (this.direction !== "" && this.direction !== direction) {
      throw new Error(`pins.${this.name}: ${use} needs an ${direction}, but ${this.setBy} made it an ${this.direction}`);
    }
    if (setting || this.direction === "") {
      this.direction = direction;
      this.setBy = use;
    }
  }

  /** The driver saw the pin change (or may have): report it now, or once it has settled. */
  private changed(): void {
    let debounceMs = 0;
    for (const l of this.listeners) if (l.debounceMs > debounceMs) debounceMs = l.debounceMs;
    if (debounceMs === 0) {
      this.report();
      return;
    }
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.report();
    }, debounceMs);
  }

  private report(): void {
    const level: Level = gpioRead(this.pin) ? 1 : 0;
    if (level === this.lastLevel) return;
    this.lastLevel = level;
    for (const l of this.listeners) {
      if (l.edge === "both" || (l.edge === "rising") === (level === 1)) l.callback(level);
    }
  }
}
