// A relay (or any on/off actuator: a heater, a pump, a MOSFET's gate) on one digital output,
// written against the pin API only, to copy as a template.
//
//   import { pins } from "mote";
//   import { Relay } from "mote/drivers/relay";
//   const heater = new Relay(pins.RELAY);                        // driven high for on
//   const pump = new Relay(pins.GP2, { activeLow: true });       // a module that switches on low
//   heater.on();
//
// Many ready-made relay modules switch on when their input is pulled low: say activeLow.
// The relay starts off, driven at once, so that it never floats at start-up.

import type { Level, OutputPin } from "mote";

export interface RelayOptions {
  /** The relay is on while its pin is low. */
  activeLow?: boolean;
}

export class Relay {
  private readonly onLevel: Level;
  private state = false;

  constructor(readonly pin: OutputPin, options?: RelayOptions) {
    this.onLevel = options !== undefined && options.activeLow === true ? 0 : 1;
    this.set(false);
  }

  get isOn(): boolean {
    return this.state;
  }

  on(): void {
    this.set(true);
  }

  off(): void {
    this.set(false);
  }

  toggle(): void {
    this.set(!this.state);
  }

  /** Switches the relay on (true) or off (false). */
  set(on: boolean): void {
    this.state = on;
    this.pin.write(on ? this.onLevel : this.onLevel === 1 ? 0 : 1);
  }
}
