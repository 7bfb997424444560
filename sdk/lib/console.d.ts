// The contract of a board's console driver, `mote/console` (boards/chips/<family>/uart.ts):
// the UART the console prints on, which the app also reaches as `uart` (sdk/lib/uart.ts).
// This file is its type for the host's type check (tsconfig.json paths); a device build
// resolves the module to the board's driver.

/** Brings the UART up for the console: 115200 8N1, transmitting. */
export declare function consoleInit(): void;
/** Writes one byte. Once it returns the byte is the transmitter's (where a simulator's model
 *  holds a byte back until its host reads, it has been passed on), so a program that ends
 *  right after its last write loses nothing. */
export declare function consoleWrite(byte: number): void;
/** Sets the line's speed; the caller has checked `baud` against UART_BAUD_MIN..MAX. Bytes
 *  already queued for transmission go out at the old speed first. */
export declare function consoleSetBaud(baud: number): void;
/** Starts reception with its interrupt; `service` runs from the event loop after each one
 *  (onInterrupt, sdk/lib/rt/interrupts.ts) and drains the UART with consoleRead. */
export declare function consoleReceive(service: () => void): void;
/** Stops reception and its interrupt. */
export declare function consoleStopReceiving(): void;
/** The next received byte, or -1 when the UART holds none. */
export declare function consoleRead(): number;
/** Whether the hardware lost received bytes (its overrun flag) since the last call; clears it. */
export declare function consoleOverrun(): boolean;
