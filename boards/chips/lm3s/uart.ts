// Stellaris UART0 (an Arm PL011, boards/chips/arm/pl011.ts; LM3S6965 datasheet §12.6) as the
// console and the app's `uart`: 115200 8N1. QEMU's lm3s6965evb transmits with no set-up.
// (Hardware also needs the UART0 and GPIO port A clocks, RCGC1/RCGC2, and PA0/PA1 switched
// to the UART, GPIOAFSEL; not done here yet.)

import { pl011Start } from "../arm/pl011.ts";

export { consoleOverrun, consoleRead, consoleReceive, consoleSetBaud, consoleStopReceiving, consoleWrite } from "../arm/pl011.ts";

export function consoleInit(): void {
  pl011Start();
}
