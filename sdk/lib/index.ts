// The app API: `import { pins, i2c, uart, millis, sleep, device } from "mote"`. Everything here is the
// same on every board; what differs (registers, clocks) is behind the board's drivers.
// The host port (ports/host) implements the same names on Node.

import { APP_VERSION, BOARD_ID, DEVICE_ID } from "mote/board";
import { clockMicros } from "mote/clock";
import { pins } from "mote/pins";
import { watchdog } from "mote/board-watchdog";
import { i2c } from "mote/i2c-buses";
import { flash } from "mote/board-flash";
import { storage } from "mote/board-storage";
import { heapFree, heapPeak } from "./rt/heap.ts";
import { symbolAddress } from "mote/intrinsics";
import { systemReset } from "./rt/port.ts";
import { loopLag, now, startClock } from "./rt/timers.ts";
import { noteRequestedReset, resetReason } from "./rt/crash-record.ts";
import { uart } from "./uart.ts";
import { uartDropped } from "./uart-dropped.ts";
import { image } from "./image/app-image.ts";

export { pins, watchdog, i2c, uart, flash, storage, image };
export type { ImageState } from "./image/app-image.ts";
export type { Flash } from "./flash.ts";
export type { Storage, StorageValue } from "./storage.ts";
export { MAX_KEY_BYTES as STORAGE_MAX_KEY_BYTES, MAX_VALUE_BYTES as STORAGE_MAX_VALUE_BYTES } from "./storage/format.ts";
export { UART_BAUD_MAX, UART_BAUD_MIN, UART_BUFFER_BYTES, type Uart } from "./uart.ts";
export type { I2cBus } from "./i2c-bus.ts";
export type { Edge, InputMode, InputOnlyPin, InputPin, IoPin, Level, OutputOnlyPin, OutputPin, PinMode, ChangeOptions } from "./pins.ts";

/** Milliseconds since the device started. */
export function millis(): number {
  return now();
}

/** Microseconds since the device started, wrapping to 0 every 2^20 ms (about 17.5 minutes) so
 *  that it never needs a boxed number; compare two readings with `(b - a + MICROS_WRAP) %
 *  MICROS_WRAP`. */
export function micros(): number {
  startClock();
  return clockMicros();
}

/** micros() counts modulo this: 2^20 ms in µs. */
export const MICROS_WRAP = 1048576000;

/** A promise that resolves after `ms` milliseconds (the device sleeps meanwhile). */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(() => resolve(), ms);
  });
}

/** Restarts the device; it comes back with `device.resetReason` "reset". */
export function reset(): never {
  noteRequestedReset();
  return systemReset();
}

/** What the device knows about itself. */
class Device {
  /** The device's id, as its MQTT topics name it (`mote/<id>/…`): given at build time
   *  (`--device-id`), else the board's id. */
  get id(): string {
    return DEVICE_ID;
  }

  /** The app's version, given at build time (`--app-version`), else "0.0.0". */
  get version(): string {
    return APP_VERSION;
  }

  /** The board's id (`mote boards`). */
  get board(): string {
    return BOARD_ID;
  }

  /** Why the device started: "power-on", "reset" (reset()), "crash" (a crash report is kept
   *  from before: the console shows it again at boot) or "watchdog". */
  get resetReason(): string {
    return resetReason();
  }

  /** Milliseconds since start. */
  get uptime(): number {
    return now();
  }

  /** Heap bytes in use, and free without collecting. */
  get heapUsed(): number {
    return symbolAddress("__heap_end") - symbolAddress("__heap_start") - heapFree();
  }

  get heapFree(): number {
    return heapFree();
  }

  /** The most heap bytes in use at once so far (blocks with their headers, garbage included
   *  until it is collected). */
  get heapPeak(): number {
    return heapPeak();
  }

  /** Received bytes the device lost: its buffer was full (UART_BUFFER_BYTES waiting for a
   *  listener), or the UART overran (counted once per overrun). */
  get uartDropped(): number {
    return uartDropped();
  }

  /** The longest a timer callback has waited past its due time, in ms. */
  get loopLag(): number {
    return loopLag();
  }
}

export const device = new Device();
