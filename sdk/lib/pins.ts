// Digital pins, by the board's names: `pins.LED.write(1)`, `pins.BUTTON.onChange(...)`.
// The board's pins are generated as `mote/pins` (sdk/compiler/frontend/program.ts), typed by
// what each pin can do, so `pins.LED` autocompletes and a pin the board lacks, or an input
// used as an output, is a compile error for that board. The chip's driver (`mote/gpio`,
// boards/chips/<family>/) does the registers; this file is the same on every board.

import { gpioRead, gpioSetMode, gpioWatch, gpioWrite } from "mote/gpio";
import { setUpPins } from "mote/pins";
import { holdLoop } from "./rt/timers.ts";

export type Level = 0 | 1;
export type Edge = "rising" | "falling" | "both";
export type InputMode = "input" | "input-pullup" | "input-pulldown";
export type PinMode = "output" | InputMode;

export interface ChangeOptions {
  /** Report a change only once the pin has kept its new level this long (a switch bounces). */
  debounceMs?: number;
}

const GPIO_INPUT = 0;
const GPIO_OUTPUT = 1;
const GPIO_PULL_UP = 2;
const GPIO_PULL_DOWN = 3;

let setUp = false;

function setUpBoard(): void {
  if (setUp) return;
  setUp = true;
  setUpPins();
}

const NO_DIRECTION = 0;
const OUTPUT = 1;
const INPUT = 2;

function directionName(direction: number): string {
  return direction === OUTPUT ? "output" : "input";
}

/** How a use as an output reports a pin that is an input: set by the first use of any pin as
 *  an input (Pin.useInput), the only way a pin becomes one. */
let outputConflict: ((pin: Pin, use: string, setting: boolean) => void) | undefined = undefined;

function callText(use: string, isMode: boolean): string {
  return isMode ? `mode("${use}")` : use;
}

/** Which levels a listener is told of: 0 and 1 ("both"), 1 ("rising") or 0 ("falling"). */
const EDGE_BOTH = 2;

class Listener {
  constructor(public level: number, public callback: (level: Level) => void) {}
}

/**
 * What every pin has. The board's pins are one of the three kinds below, whose methods are
 * what the pin can do, so that the type checker refuses the rest (an LED has no onChange).
 * They are classes: the app's calls go straight to their methods. Drivers take the
 * interfaces OutputPin / InputPin instead, which every kind that can do it implements.
 */
export class Pin {
  private direction = NO_DIRECTION;
  /** The call that set the direction, for the message when another use conflicts: a call's
   *  text, or with setByMode the mode that mode() was given. */
  private setBy = "";
  private setByMode = false;
  /** Made by the first onChange, so that a pin nobody listens to allocates no array. */
  private listeners: Listener[] | undefined = undefined;
  private lastLevel: Level = 0;
  /** The longest debounce any listener asked for. */
  private debounceMs = 0;
  private settleTimer: TimerHandle | undefined = undefined;

  constructor(readonly pin: number, readonly name: string) {}

  /** The level at the pin (an output reads what it drives). */
  read(): Level {
    if (this.direction === NO_DIRECTION) this.setInput("input");
    return gpioRead(this.pin) ? 1 : 0;
  }

  protected setMode(mode: PinMode): void {
    if (mode === "output") this.setOutput();
    else this.setInput(mode);
  }

  private setOutput(): void {
    setUpBoard();
    this.useOutput("output", true);
    gpioSetMode(this.pin, GPIO_OUTPUT);
  }

  private setInput(mode: InputMode): void {
    setUpBoard();
    this.useInput(mode, true);
    gpioSetMode(this.pin, mode === "input-pullup" ? GPIO_PULL_UP : mode === "input-pulldown" ? GPIO_PULL_DOWN : GPIO_INPUT);
  }

  protected writeLevel(level: Level | boolean): void {
    this.useAsOutput("write()");
    gpioWrite(this.pin, level === 1 || level === true);
  }

  protected toggleLevel(): void {
    this.useAsOutput("toggle()");
    gpioWrite(this.pin, !gpioRead(this.pin));
  }

  protected watch(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void {
    if (this.direction === NO_DIRECTION) this.setInput("input");
    else this.useInput("onChange()", false);
    const debounceMs = options === undefined || options.debounceMs === undefined ? 0 : options.debounceMs;
    let listeners = this.listeners;
    if (listeners === undefined) {
      listeners = [];
      this.listeners = listeners;
      this.lastLevel = gpioRead(this.pin) ? 1 : 0;
      holdLoop();
      gpioWatch(this.pin, () => this.changed());
    }
    if (debounceMs > this.debounceMs) this.debounceMs = debounceMs;
    listeners.push(new Listener(edge === "both" ? EDGE_BOTH : edge === "rising" ? 1 : 0, callback));
  }

  private useAsOutput(use: string): void {
    if (this.direction === NO_DIRECTION) this.setOutput();
    else this.useOutput(use, false);
  }

  /**
   * Records a use as an output (`use`: the call, or when `setting` the mode that mode() was
   * given). It conflicts only with an input, which only the input path sets, and that path
   * leaves the reporter: so a program that uses no pin as an input links no conflict error.
   */
  private useOutput(use: string, setting: boolean): void {
    if (this.direction === INPUT && outputConflict !== undefined) outputConflict(this, use, setting);
    if (setting || this.direction === NO_DIRECTION) this.setDirection(OUTPUT, use, setting);
  }

  /** Records a use as an input, or stops with both uses named when the pin is an output. */
  private useInput(use: string, setting: boolean): void {
    if (this.direction === OUTPUT) this.conflict(INPUT, use, setting);
    if (outputConflict === undefined) outputConflict = (pin, outputUse, outputSetting) => pin.conflict(OUTPUT, outputUse, outputSetting);
    if (setting || this.direction === NO_DIRECTION) this.setDirection(INPUT, use, setting);
  }

  private setDirection(direction: number, use: string, setting: boolean): void {
    this.direction = direction;
    this.setBy = use;
    this.setByMode = setting;
  }

  /** Stops: `use` needs `direction`, but the pin is the other. The text of a mode() call is
   *  made only here, so that using a pin makes no string. */
  private conflict(direction: number, use: string, setting: boolean): void {
    throw new Error(`pins.${this.name}: ${callText(use, setting)} needs an ${directionName(direction)}, but ${callText(this.setBy, this.setByMode)} made it an ${directionName(this.direction)}`);
  }

  /** The driver saw the pin change (or may have): report it now, or once it has settled. */
  private changed(): void {
    const debounceMs = this.debounceMs;
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
    if (this.listeners === undefined) return;
    for (const l of this.listeners) {
      if (l.level !== EDGE_BOTH && l.level !== level) continue;
      // Called as a plain function, not as the listener record's method (which would add the
      // check that a property holds a function to every edge).
      const callback = l.callback;
      callback(level);
    }
  }
}

/** What a driver takes to drive a level (sdk/lib/drivers/relay.ts): any pin that can. An
 *  interface, so that a call reaches whichever kind of pin it is given. */
export interface OutputPin {
  readonly name: string;
  write(level: Level | boolean): void;
  toggle(): void;
  read(): Level;
}

/** What a driver takes to watch a level (sdk/lib/drivers/button.ts): any pin that can. */
export interface InputPin {
  readonly name: string;
  read(): Level;
  mode(mode: InputMode): void;
  onChange(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void;
}

/** A board's pin that only drives a level: an LED register, a relay output. */
export class OutputOnlyPin extends Pin implements OutputPin {
  /** An output-only pin is an output from its first use, so no use of it can conflict, and a
   *  program whose pins are all output-only links no conflict error. */
  private driving = false;

  private drive(): void {
    if (this.driving) return;
    this.driving = true;
    setUpBoard();
    gpioSetMode(this.pin, GPIO_OUTPUT);
  }

  /** 1 (or true) drives the pin high, 0 (or false) low. */
  write(level: Level | boolean): void {
    this.drive();
    gpioWrite(this.pin, level === 1 || level === true);
  }
  toggle(): void {
    this.drive();
    gpioWrite(this.pin, !gpioRead(this.pin));
  }
  /** What the pin drives. */
  read(): Level {
    this.drive();
    return gpioRead(this.pin) ? 1 : 0;
  }
  mode(mode: "output"): void {
    this.drive();
    gpioSetMode(this.pin, GPIO_OUTPUT);
  }
}

/** A board's pin that is only read: a button, a sensor's interrupt line. */
export class InputOnlyPin extends Pin implements InputPin {
  /** Input, with the chip's pull-up or pull-down resistor if asked. */
  mode(mode: InputMode): void { this.setMode(mode); }
  /** Calls `callback` with the new level when the pin changes (rising: to 1, falling: to 0).
   *  The device keeps running while a pin has a listener. */
  onChange(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void { this.watch(edge, callback, options); }
}

/** A board's pin that can be either. */
export class IoPin extends Pin implements OutputPin, InputPin {
  write(level: Level | boolean): void { this.writeLevel(level); }
  toggle(): void { this.toggleLevel(); }
  mode(mode: PinMode): void { this.setMode(mode); }
  onChange(edge: Edge, callback: (level: Level) => void, options?: ChangeOptions): void { this.watch(edge, callback, options); }
}
