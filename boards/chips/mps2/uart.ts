// CMSDK APB UART (Arm Cortex-M System Design Kit TRM, "UART") as the console and the app's
// `uart` (contract: sdk/lib/console.d.ts). One byte of receive buffer: the receive interrupt
// comes for each byte, and QEMU holds the next one back until DATA has been read.

import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { CLOCK_HZ, CONSOLE_BASE, CONSOLE_IRQ } from "mote/board";

const DATA = CONSOLE_BASE + 0x00;
const STATE = CONSOLE_BASE + 0x04;
const CTRL = CONSOLE_BASE + 0x08;
/** INTSTATUS when read, INTCLEAR (write 1 to clear) when written. */
const INTCLEAR = CONSOLE_BASE + 0x0c;
const BAUDDIV = CONSOLE_BASE + 0x10;
const STATE_TX_FULL = 1 << 0;
const STATE_RX_FULL = 1 << 1;
/** A byte came while the buffer was full (write 1 to clear). */
const STATE_RX_OVERRUN = 1 << 3;
const CTRL_TX_ENABLE = 1 << 0;
const CTRL_RX_ENABLE = 1 << 1;
const CTRL_RX_INTERRUPT = 1 << 3;
const INT_RX = 1 << 1;
const DATA_BYTE = 0xff;
// 25 MHz / 115200.
const BAUD_DIVISOR = 217;

export function consoleInit(): void {
  poke32(BAUDDIV, BAUD_DIVISOR);
  poke32(CTRL, CTRL_TX_ENABLE | CTRL_RX_ENABLE);
}

/** Returns once the byte has left the one-byte buffer. QEMU holds a byte there while its
 *  console cannot take it (the reader is behind): a program that wrote its last byte and
 *  ended at once would lose it. */
export function consoleWrite(byte: number): void {
  poke32(DATA, byte);
  while ((peek32(STATE) & STATE_TX_FULL) !== 0) {}
}

/** consoleWrite waits for each byte to leave: nothing is queued at the old speed. */
export function consoleSetBaud(baud: number): void {
  poke32(BAUDDIV, (CLOCK_HZ / baud) | 0);
}

/** On the AN385 the receive interrupt of UART0 is IRQ 0 (the overrun interrupts of all
 *  UARTs share IRQ 12; overrun is read from STATE instead). */
export function consoleReceive(service: () => void): void {
  onInterrupt(CONSOLE_IRQ, service);
  poke32(STATE, STATE_RX_OVERRUN);
  poke32(CTRL, CTRL_TX_ENABLE | CTRL_RX_ENABLE | CTRL_RX_INTERRUPT);
}

/** INTSTATUS keeps its receive bit (and the line stays raised) until cleared, even with the
 *  interrupt disabled. */
export function consoleStopReceiving(): void {
  poke32(CTRL, CTRL_TX_ENABLE | CTRL_RX_ENABLE);
  poke32(INTCLEAR, INT_RX);
}

/** The interrupt is cleared before the byte is read: one that comes after the read raises it
 *  again. */
export function consoleRead(): number {
  if ((peek32(STATE) & STATE_RX_FULL) === 0) return -1;
  poke32(INTCLEAR, INT_RX);
  return peek32(DATA) & DATA_BYTE;
}

export function consoleOverrun(): boolean {
  if ((peek32(STATE) & STATE_RX_OVERRUN) === 0) return false;
  poke32(STATE, STATE_RX_OVERRUN);
  return true;
}
