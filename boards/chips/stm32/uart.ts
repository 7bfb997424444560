// STM32 USART (RM0090 §30.6 for the F4, RM0041 §24.6 for the F100; the same registers on
// both) as the console: 115200 8N1. QEMU's models transmit with no set-up; the baud rate and
// enables are set as hardware needs them. (Hardware also needs the USART and GPIO clocks in
// RCC and the TX pin in its alternate function, which differ between the F1 and F4 families;
// not done here yet.)
import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { CLOCK_HZ, CONSOLE_BASE, CONSOLE_IRQ } from "mote/board";

const SR = CONSOLE_BASE + 0x00;
const DR = CONSOLE_BASE + 0x04;
const BRR = CONSOLE_BASE + 0x08;
const CR1 = CONSOLE_BASE + 0x0c;

const SR_TXE = 1 << 7;
const SR_TC = 1 << 6;
const SR_RXNE = 1 << 5;
const SR_ORE = 1 << 3;
const CR1_RXNEIE = 1 << 5;
const DATA_BYTE = 0xff;
const CR1_UE = 1 << 13;
const CR1_TE = 1 << 3;
const CR1_RE = 1 << 2;

// With 16× oversampling BRR holds USARTDIV in 1/16ths, i.e. f_PCLK / baud (RM0090 §30.3.4).
// This takes CLOCK_HZ as the USART's bus clock (APB2). mote sets up no clock tree yet: QEMU
// ignores BRR, while hardware starts from the internal oscillator until the PLL is set up.
const BAUD = 115200;
const BAUD_DIVISOR = ((CLOCK_HZ + (BAUD >> 1)) / BAUD) | 0;

export function consoleInit(): void {
  poke32(BRR, BAUD_DIVISOR);
  poke32(CR1, CR1_UE | CR1_TE | CR1_RE);
}

export function consoleWrite(byte: number): void {
  while ((peek32(SR) & SR_TXE) === 0) {}
  poke32(DR, byte);
}

export function consoleSetBaud(baud: number): void {
  while ((peek32(SR) & SR_TC) === 0) {}
  poke32(BRR, ((CLOCK_HZ + (baud >> 1)) / baud) | 0);
}

/** Each received byte raises RXNE's interrupt; the service reads them (consoleRead). */
export function consoleReceive(service: () => void): void {
  onInterrupt(CONSOLE_IRQ, service);
  poke32(CR1, CR1_UE | CR1_TE | CR1_RE | CR1_RXNEIE);
}

export function consoleStopReceiving(): void {
  poke32(CR1, CR1_UE | CR1_TE | CR1_RE);
}

/** Reading DR clears RXNE (and, after SR was read, ORE). */
export function consoleRead(): number {
  if ((peek32(SR) & SR_RXNE) === 0) return -1;
  return peek32(DR) & DATA_BYTE;
}

/** ORE is cleared by reading SR then DR (RM0090 §30.6.1); consoleRead does the second. */
export function consoleOverrun(): boolean {
  return (peek32(SR) & SR_ORE) !== 0;
}
