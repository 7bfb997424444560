// `mote/console` on Node (the contract: sdk/lib/console.d.ts): the host board's console is
// the app process's stdout, and what it receives is its stdin. Bytes wait in an array until
// the UART's service reads them; nothing is lost (stdin has flow control of its own).

const received: number[] = [];
let listening = false;

export function consoleInit(): void {}

export function consoleWrite(byte: number): void {
  process.stdout.write(Uint8Array.of(byte));
}

export function consoleSetBaud(baud: number): void {}

export function consoleReceive(service: () => void): void {
  if (listening) return;
  listening = true;
  process.stdin.on("data", (chunk: Buffer) => {
    for (const byte of chunk) received.push(byte);
    service();
  });
  process.stdin.resume();
}

export function consoleStopReceiving(): void {
  listening = false;
  process.stdin.removeAllListeners("data");
  process.stdin.pause();
}

/** The next received byte, or -1 when there is none. */
export function consoleRead(): number {
  return received.length > 0 ? received.shift()! : -1;
}

export function consoleOverrun(): boolean {
  return false;
}
