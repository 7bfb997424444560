// Stellaris UART0 (an Arm PL011; LM3S6965 datasheet §12.6, "Register Map") as the console:
// 115200 8N1. QEMU's lm3s6965evb transmits with no set-up; baud rate and line control are set
// as hardware needs them. (Hardware also needs the UART0 and GPIO port A clocks, RCGC1/RCGC2,
// and PA0/PA1 switched to the UART, GPIOAFSEL; not done here yet.)
import { peek32, poke32 } from "mote/intrinsics";
import { CLOCK_HZ, CONSOLE_BASE } from "mote/board";

const UARTDR = CONSOLE_BASE + 0x000;
const UARTFR = CONSOLE_BASE + 0x018;
const UARTIBRD = CONSOLE_BASE + 0x024;
const UARTFBRD = CONSOLE_BASE + 0x028;
const UARTLCRH = CONSOLE_BASE + 0x02c;
const UARTCTL = CONSOLE_BASE + 0x030;

const UARTFR_TXFF = 1 << 5;
const LCRH_WLEN_8 = 3 << 5;
const LCRH_FEN = 1 << 4;
const CTL_UARTEN = 1 << 0;
const CTL_TXE = 1 << 8;
const CTL_RXE = 1 << 9;

// Baud-rate divisor = UARTCLK / (16 × baud) as an integer and a 6-bit fraction (§12.3.2),
// rounded to 64ths: 12.5 MHz → 6 + 50/64.
const BAUD = 115200;
const DIVISOR_64THS = ((CLOCK_HZ * 4 + (BAUD >> 1)) / BAUD) | 0;
const FRACTION_BITS = 6;

export function consoleInit(): void {
  poke32(UARTCTL, 0);
  poke32(UARTIBRD, DIVISOR_64THS >> FRACTION_BITS);
  poke32(UARTFBRD, DIVISOR_64THS & ((1 << FRACTION_BITS) - 1));
  poke32(UARTLCRH, LCRH_WLEN_8 | LCRH_FEN);
  poke32(UARTCTL, CTL_UARTEN | CTL_TXE | CTL_RXE);
}

export function consoleWrite(byte: number): void {
  while ((peek32(UARTFR) & UARTFR_TXFF) !== 0) {}
  poke32(UARTDR, byte);
}
