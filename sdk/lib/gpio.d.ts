// The contract of a chip's pin driver, `mote/gpio` (boards/chips/<family>/…, named by the
// board's `drivers.gpio`). Pin numbers are the chip's; sdk/lib/pins.ts is its only user.

/** 0 input, 1 output, 2 input with pull-up, 3 input with pull-down. */
export declare function gpioSetMode(pin: number, mode: number): void;
export declare function gpioWrite(pin: number, high: boolean): void;
/** The level at the pin (an output reads back what it drives). */
export declare function gpioRead(pin: number): boolean;
/** Calls `changed` in thread mode, from the event loop, whenever the pin may have changed. */
export declare function gpioWatch(pin: number, changed: () => void): void;
