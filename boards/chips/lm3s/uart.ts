// Stellaris UART0 (an Arm PL011; LM3S6965 datasheet §12.6, "Register Map") as the console:
// 115200 8N1. QEMU's lm3s6965evb transmits with no set-up; baud rate and line control are set
// as hardware needs them. (Hardware also needs the UART0 and GPIO port A clocks, RCGC1/RCGC2,
// and PA0/PA1 switched to the UART, GPIOAFSEL; not done here yet.)
import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { CLOCK_HZ, CONSOLE_BASE, CONSOLE_IRQ } from "mote/board";

const UARTDR = CONSOLE_BASE + 0x000;
const UARTFR = CONSOLE_BASE + 0x018;
const UARTIBRD = CONSOLE_BASE + 0x024;
const UARTFBRD = CONSOLE_BASE + 0x028;
const UARTLCRH = CONSOLE_BASE + 0x02c;
const UARTCTL = CONSOLE_BASE + 0x030;
const UARTIMSC = CONSOLE_BASE + 0x038;
const UARTRIS = CONSOLE_BASE + 0x03c;
const UARTICR = CONSOLE_BASE + 0x044;

const UARTFR_TXFF = 1 << 5;
const UARTFR_RXFE = 1 << 4;
const UARTFR_BUSY = 1 << 3;
/** Interrupt bits (IMSC, RIS, ICR): receive, receive timeout, overrun. */
const INT_RX = 1 << 4;
const INT_RX_TIMEOUT = 1 << 6;
const INT_OVERRUN = 1 << 10;
const DATA_BYTE = 0xff;
const LCRH_WLEN_8 = 3 << 5;
const LCRH_FEN = 1 << 4;
const CTL_UARTEN = 1 << 0;
const CTL_TXE = 1 << 8;
const CTL_RXE = 1 << 9;

// Baud-rate divisor = UARTCLK / (16 × baud) as an integer and a 6-bit fraction (§12.3.2),
// rounded to 64ths: 12.5 MHz → 6 + 50/64.
const BAUD = 115200;
const FRACTION_BITS = 6;

/** The divisor in 64ths, rounded. */
function setDivisor(baud: number): void {
  const divisor = ((CLOCK_HZ * 4 + (baud >> 1)) / baud) | 0;
  poke32(UARTIBRD, divisor >> FRACTION_BITS);
  poke32(UARTFBRD, divisor & ((1 << FRACTION_BITS) - 1));
  // The divisor takes effect with the next write of LCRH (PL011 TRM §3.3.6).
  poke32(UARTLCRH, LCRH_WLEN_8 | LCRH_FEN);
}

export function consoleInit(): void {
  poke32(UARTCTL, 0);
  setDivisor(BAUD);
  poke32(UARTCTL, CTL_UARTEN | CTL_TXE | CTL_RXE);
}

export function consoleSetBaud(baud: number): void {
  while ((peek32(UARTFR) & UARTFR_BUSY) !== 0) {}
  setDivisor(baud);
}

export function consoleReceive(service: () => void): void {
  onInterrupt(CONSOLE_IRQ, service);
  poke32(UARTICR, INT_OVERRUN);
  poke32(UARTIMSC, INT_RX | INT_RX_TIMEOUT | INT_OVERRUN);
}

export function consoleStopReceiving(): void {
  poke32(UARTIMSC, 0);
}

/** Reading DR pops the FIFO; the receive interrupts clear themselves when it is empty. */
export function consoleRead(): number {
  if ((peek32(UARTFR) & UARTFR_RXFE) !== 0) return -1;
  return peek32(UARTDR) & DATA_BYTE;
}

export function consoleOverrun(): boolean {
  if ((peek32(UARTRIS) & INT_OVERRUN) === 0) return false;
  poke32(UARTICR, INT_OVERRUN);
  return true;
}

export function consoleWrite(byte: number): void {
  while ((peek32(UARTFR) & UARTFR_TXFF) !== 0) {}
  poke32(UARTDR, byte);
}
