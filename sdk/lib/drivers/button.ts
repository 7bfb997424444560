// A push button on one digital input, with debouncing and press, release and long-press
// events: written against the pin API only, to copy as a template for other inputs.
//
//   import { pins } from "mote";
//   import { Button } from "mote/drivers/button";
//   const button = new Button(pins.BUTTON);          // to ground when pressed, pull-up on
//   button.onPress(() => console.log("pressed"));
//   button.onLongPress(() => console.log("held for a second"));
//   button.onRelease((heldMs) => console.log(`released after ${heldMs} ms`));
//
// A switch's contacts bounce for a few milliseconds: a change counts once the pin has kept
// its new level for `debounceMs`. A long press is reported while the button is still held.

import { millis, type InputPin, type Level } from "mote";

export interface ButtonOptions {
  /** Pressed reads 0: the button connects the pin to ground, the chip's pull-up holds it
   *  high otherwise (the default). false: to the supply, with the pull-down. */
  activeLow?: boolean;
  /** How long the pin must keep a level before it counts (default 20 ms). */
  debounceMs?: number;
  /** How long a press lasts before onLongPress callbacks run (default 1000 ms). */
  longPressMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 20;
const DEFAULT_LONG_PRESS_MS = 1000;

export class Button {
  private readonly pressedLevel: Level;
  private readonly longPressMs: number;
  private pressed = false;
  private pressedAt = 0;
  private longPressTimer: TimerHandle | undefined = undefined;
  private pressListeners: Array<() => void> = [];
  private releaseListeners: Array<(heldMs: number) => void> = [];
  private longPressListeners: Array<() => void> = [];

  constructor(readonly pin: InputPin, options?: ButtonOptions) {
    const activeLow = options === undefined || options.activeLow !== false;
    this.pressedLevel = activeLow ? 0 : 1;
    this.longPressMs = options !== undefined && options.longPressMs !== undefined ? options.longPressMs : DEFAULT_LONG_PRESS_MS;
    const debounceMs = options !== undefined && options.debounceMs !== undefined ? options.debounceMs : DEFAULT_DEBOUNCE_MS;
    pin.mode(activeLow ? "input-pullup" : "input-pulldown");
    pin.onChange("both", (level) => this.changed(level), { debounceMs });
  }

  /** True while the button is held (as last debounced). */
  get isPressed(): boolean {
    return this.pressed;
  }

  onPress(callback: () => void): void {
    this.pressListeners.push(callback);
  }

  /** `callback(heldMs)`: how long the press lasted. */
  onRelease(callback: (heldMs: number) => void): void {
    this.releaseListeners.push(callback);
  }

  onLongPress(callback: () => void): void {
    this.longPressListeners.push(callback);
  }

  private changed(level: Level): void {
    const pressed = level === this.pressedLevel;
    if (pressed === this.pressed) return;
    this.pressed = pressed;
    if (pressed) {
      this.pressedAt = millis();
      this.longPressTimer = setTimeout(() => {
        this.longPressTimer = undefined;
        for (const callback of this.longPressListeners) callback();
      }, this.longPressMs);
      for (const callback of this.pressListeners) callback();
    } else {
      if (this.longPressTimer !== undefined) clearTimeout(this.longPressTimer);
      this.longPressTimer = undefined;
      const heldMs = millis() - this.pressedAt;
      for (const callback of this.releaseListeners) callback(heldMs);
    }
  }
}
