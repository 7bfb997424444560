// The "mote/console" module for runtime code run under Node in unit tests (vitest.config.ts
// aliases it here): what the device would write to its console is kept, not printed.

export const written: number[] = [];

export function consoleWrite(byte: number): void {
  written.push(byte);
}
