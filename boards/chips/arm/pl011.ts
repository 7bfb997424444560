// The Arm PL011 UART (PrimeCell UART TRM, §3.3 for the registers) as the console and the
// app's `uart` (contract: sdk/lib/console.d.ts), at the board's CONSOLE_BASE: the UART of the
// RP2040 and of the Stellaris LM3S6965. A chip's uart.ts brings up what is around it (resets,
// clocks, pins) and calls pl011Start; the rest is the same on both.

import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { CLOCK_HZ, CONSOLE_BASE, CONSOLE_IRQ } from "mote/board";

const UARTDR = CONSOLE_BASE + 0x000;
const UARTFR = CONSOLE_BASE + 0x018;
const UARTIBRD = CONSOLE_BASE + 0x024;
const UARTFBRD = CONSOLE_BASE + 0x028;
const UARTLCR_H = CONSOLE_BASE + 0x02c;
const UARTCR = CONSOLE_BASE + 0x030;
const UARTIMSC = CONSOLE_BASE + 0x038;
const UARTRIS = CONSOLE_BASE + 0x03c;
const UARTICR = CONSOLE_BASE + 0x044;
const UARTFR_BUSY = 1 << 3;
const UARTFR_RXFE = 1 << 4;
const UARTFR_TXFF = 1 << 5;
/** Interrupt bits of IMSC/RIS/ICR: receive (FIFO at its trigger level), receive timeout
 *  (bytes waiting below it), overrun (a byte came with the FIFO full and was lost). */
const INT_RX = 1 << 4;
const INT_RX_TIMEOUT = 1 << 6;
const INT_OVERRUN = 1 << 10;
const DATA_BYTE = 0xff;
const LCR_H_WLEN_8 = 3 << 5;
const LCR_H_FEN = 1 << 4;
const CR_UARTEN = 1 << 0;
const CR_TXE = 1 << 8;
const CR_RXE = 1 << 9;
const BAUD_INTEGER_MAX = 65535;
/** The console's 115200 baud as UARTCLK / baud in eighths: folded at compile time, so a
 *  program that never changes the baud rate links no division. */
const CONSOLE_EIGHTHS = ((8 * CLOCK_HZ) / 115200) | 0;
const CONSOLE_INTEGER = CONSOLE_EIGHTHS >> 7;
const CONSOLE_FRACTION = ((CONSOLE_EIGHTHS & 0x7f) + 1) >> 1;

/** 8N1 with FIFOs at the console's 115200 baud, transmitting and receiving. */
export function pl011Start(): void {
  poke32(UARTCR, 0);
  poke32(UARTIBRD, CONSOLE_INTEGER);
  poke32(UARTFBRD, CONSOLE_FRACTION);
  poke32(UARTLCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
  poke32(UARTCR, CR_UARTEN | CR_TXE | CR_RXE);
}

/** The divisor UARTCLK / (16 × baud) in 64ths from UARTCLK / baud in eighths, rounded as the
 *  Pico SDK's uart_set_baudrate does (RP2040 datasheet §4.2.7.1); it takes effect with the
 *  next write of LCR_H. */
function setDivisor(eighths: number): void {
  let integer = eighths >> 7;
  let fraction = ((eighths & 0x7f) + 1) >> 1;
  if (integer === 0) {
    integer = 1;
    fraction = 0;
  } else if (integer >= BAUD_INTEGER_MAX) {
    integer = BAUD_INTEGER_MAX;
    fraction = 0;
  }
  poke32(UARTIBRD, integer);
  poke32(UARTFBRD, fraction);
  poke32(UARTLCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
}

export function consoleWrite(byte: number): void {
  while ((peek32(UARTFR) & UARTFR_TXFF) !== 0) {}
  poke32(UARTDR, byte);
}

export function consoleSetBaud(baud: number): void {
  while ((peek32(UARTFR) & UARTFR_BUSY) !== 0) {}
  setDivisor(((8 * CLOCK_HZ) / baud) | 0);
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

/** The raw overrun status (RIS), not RSR: it is cleared through ICR like the other
 *  interrupts, and rp2040js models it (it answers RSR reads with all ones). */
export function consoleOverrun(): boolean {
  if ((peek32(UARTRIS) & INT_OVERRUN) === 0) return false;
  poke32(UARTICR, INT_OVERRUN);
  return true;
}
