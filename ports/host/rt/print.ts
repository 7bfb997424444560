// The device runtime's printing (sdk/lib/rt/print.ts) on Node: what sdk/lib/uart.ts uses to
// send a string as the console does (UTF-8), here the app's stdout.

export function printString(s: string): void {
  process.stdout.write(String(s));
}
