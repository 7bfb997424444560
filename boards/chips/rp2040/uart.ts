// RP2040 UART0 (an Arm PL011) as the console and the app's `uart` (contract:
// sdk/lib/console.d.ts): 115200 8N1 on GP0 (TX) / GP1 (RX). RP2040 datasheet §4.2 (UART),
// §2.14 (RESETS), §2.15 (CLOCKS), §2.19 (IO_BANK0); register bits from the PL011 TRM §3.3.

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

const RESETS_BASE = 0x4000c000;
const RESETS_CLEAR = RESETS_BASE + 0x3000; // atomic bit-clear alias (§2.1.2)
const RESETS_DONE = RESETS_BASE + 0x8;
const RESET_IO_BANK0 = 1 << 5;
const RESET_PADS_BANK0 = 1 << 8;
const RESET_UART0 = 1 << 22;
const CLK_PERI_CTRL = 0x40008048;
const CLK_PERI_ENABLE = 1 << 11;
const IO_BANK0_GPIO0_CTRL = 0x40014004;
const IO_BANK0_GPIO1_CTRL = 0x4001400c;
const FUNCSEL_UART = 2;

// 115200 baud from clk_peri = 125 MHz: 125e6 / (16 * 115200) = 67.817 -> 67 + 52/64.
const BAUD_INTEGER = 67;
const BAUD_FRACTION = 52;
const BAUD_INTEGER_MAX = 65535;

export function consoleInit(): void {
  const blocks = RESET_IO_BANK0 | RESET_PADS_BANK0 | RESET_UART0;
  poke32(RESETS_CLEAR, blocks);
  while ((peek32(RESETS_DONE) & blocks) !== blocks) {}
  poke32(CLK_PERI_CTRL, CLK_PERI_ENABLE);
  poke32(UARTIBRD, BAUD_INTEGER);
  poke32(UARTFBRD, BAUD_FRACTION);
  poke32(UARTLCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
  poke32(UARTCR, CR_UARTEN | CR_TXE | CR_RXE);
  poke32(IO_BANK0_GPIO0_CTRL, FUNCSEL_UART);
  poke32(IO_BANK0_GPIO1_CTRL, FUNCSEL_UART);
}

export function consoleWrite(byte: number): void {
  while ((peek32(UARTFR) & UARTFR_TXFF) !== 0) {}
  poke32(UARTDR, byte);
}

/** The divisor in 64ths, rounded as the Pico SDK's uart_set_baudrate does (§4.2.7.1). */
export function consoleSetBaud(baud: number): void {
  const eighths = ((8 * CLOCK_HZ) / baud) | 0;
  let integer = eighths >> 7;
  let fraction = ((eighths & 0x7f) + 1) >> 1;
  if (integer === 0) {
    integer = 1;
    fraction = 0;
  } else if (integer >= BAUD_INTEGER_MAX) {
    integer = BAUD_INTEGER_MAX;
    fraction = 0;
  }
  while ((peek32(UARTFR) & UARTFR_BUSY) !== 0) {}
  poke32(UARTIBRD, integer);
  poke32(UARTFBRD, fraction);
  // The divisor takes effect with the next write of LCR_H (PL011 TRM §3.3.6).
  poke32(UARTLCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
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
