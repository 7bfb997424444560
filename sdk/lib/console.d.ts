// The type of the "mote/console" module for the host's type check (tsconfig.json paths): a
// device build resolves it to the board's console driver, boards/chips/<family>/uart.ts.

/** Writes one byte to the board's console. */
export declare function consoleWrite(byte: number): void;
