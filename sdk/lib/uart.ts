// The board's console UART as the app sees it: `import { uart } from "mote"`. The chip's
// driver (`mote/console`, boards/chips/<family>/uart.ts, contract sdk/lib/console.d.ts) does
// the registers; this file is the same on every board.
//
// Reception (DESIGN.md, "The libOS"): the receive interrupt only queues its line; the event
// loop calls `service` in thread mode, which moves every byte the UART holds into one
// buffer allocated at the first open, then hands the listeners what has arrived since the
// last call. Bytes that arrive while the UART is open but nobody listens wait in the buffer
// for the first listener. A byte that finds the buffer full, and each overrun the hardware
// reports, counts in `device.uartDropped`: nothing stops, nothing waits.
//
// One UART, two writers: console.log and uart.write send to the same line. Both run to
// completion in the one thread, so the bytes of one call are never split by the other; the
// console adds its newline, uart.write adds nothing, so a partial line written with
// uart.write is continued by whatever is written next.

import { consoleOverrun, consoleRead, consoleReceive, consoleSetBaud, consoleStopReceiving, consoleWrite } from "mote/console";
import { printString } from "./rt/print.ts";
import { holdLoop, releaseLoop } from "./rt/timers.ts";
import { countDropped } from "./uart-dropped.ts";

/** Bytes received and not yet handed to a listener that the device keeps. */
export const UART_BUFFER_BYTES = 256;
/** The speeds `uart.open` accepts, on every board (the nRF51's fastest is 1 Mbaud). */
export const UART_BAUD_MIN = 1200;
export const UART_BAUD_MAX = 1000000;
/** What every console runs at from start-up. */
export const UART_DEFAULT_BAUD = 115200;

let buffer: Uint8Array | undefined;
let buffered = 0;

export class Uart {
  private baud = 0;
  private listeners: Array<(bytes: Uint8Array) => void> = [];
  /** Bytes received since start, kept or not (the SMP statistics group reports it). */
  received = 0;

  /** Whether open() has been called (and close() not since). */
  get isOpen(): boolean {
    return this.baud !== 0;
  }

  /** Sets the speed and starts receiving. The console keeps printing, at this speed. */
  open(baud: number = UART_DEFAULT_BAUD): void {
    if (typeof baud !== "number" || baud !== (baud | 0) || baud < UART_BAUD_MIN || baud > UART_BAUD_MAX) {
      throw new RangeError(`uart.open: the baud rate must be a whole number from ${UART_BAUD_MIN} to ${UART_BAUD_MAX}, got ${baud}`);
    }
    if (this.baud !== 0) {
      throw new Error(`uart.open: the UART is already open at ${this.baud} baud; close() it first`);
    }
    if (buffer === undefined) buffer = new Uint8Array(UART_BUFFER_BYTES);
    this.baud = baud;
    if (baud !== UART_DEFAULT_BAUD) consoleSetBaud(baud);
    consoleReceive(() => this.service());
    // A byte the UART took before its interrupt was on raised none (the CMSDK UART holds
    // one, and QEMU sends no more until it has been read): take it now.
    this.service();
  }

  /** Sends a string (as UTF-8, as the console does) or bytes, waiting until the last one is
   *  in the transmitter. */
  write(data: string | Uint8Array): void {
    this.check("write()");
    if (typeof data === "string") {
      printString(data);
      return;
    }
    for (let i = 0; i < data.length; i++) consoleWrite(data[i]);
  }

  /** Calls `listener` from the event loop with the bytes received since its last call. The
   *  device keeps running while the UART has a listener. */
  onData(listener: (bytes: Uint8Array) => void): void {
    this.check("onData()");
    if (this.listeners.length === 0) holdLoop();
    this.listeners.push(listener);
    // Bytes that came before the first listener are its first call's, from the loop.
    if (buffered > 0) setTimeout(() => this.deliver(), 0);
  }

  /** Stops receiving, forgets the listeners and what they have not been given, and lets the
   *  device end. The console goes on printing; the speed stays. Closing twice does nothing. */
  close(): void {
    if (this.baud === 0) return;
    consoleStopReceiving();
    if (this.listeners.length > 0) releaseLoop();
    this.listeners = [];
    buffered = 0;
    this.baud = 0;
  }

  private check(call: string): void {
    if (this.baud === 0) throw new Error(`uart.${call}: the UART is not open; call uart.open(baud) first`);
  }

  /** After a receive interrupt, in thread mode: everything the UART holds into the buffer.
   *  One queued before close() still drains the UART (reading is what clears the interrupt)
   *  but keeps nothing. */
  private service(): void {
    const into = buffer;
    if (into === undefined) return;
    for (;;) {
      const byte = consoleRead();
      if (byte < 0) break;
      if (this.baud === 0) continue;
      this.received++;
      // A UART that keeps receiving while this runs (a simulator hands over the next byte as
      // soon as this one is read) fills the buffer: with a listener it takes what is there.
      if (buffered === UART_BUFFER_BYTES) this.deliver();
      if (buffered < UART_BUFFER_BYTES) into[buffered++] = byte;
      else countDropped();
    }
    // The hardware does not say how many bytes it lost: an overrun counts as one.
    if (consoleOverrun()) countDropped();
    this.deliver();
  }

  private deliver(): void {
    const from = buffer;
    if (from === undefined || buffered === 0 || this.listeners.length === 0) return;
    const bytes = new Uint8Array(buffered);
    for (let i = 0; i < buffered; i++) bytes[i] = from[i];
    buffered = 0;
    for (const listener of this.listeners) listener(bytes);
  }
}

/** The board's console UART: the line console.log prints on. */
export const uart = new Uart();
