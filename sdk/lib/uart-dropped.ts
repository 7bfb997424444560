// device.uartDropped's counter, apart from sdk/lib/uart.ts so that reading it (the Device
// class's getter is linked with every `device`) links no UART code.

let dropped = 0;

/** Received bytes lost since start (sdk/lib/uart.ts says when one counts). */
export function uartDropped(): number {
  return dropped;
}

export function countDropped(): void {
  dropped++;
}
