// nRF51 UART (nRF51 Series Reference Manual §29) as the console and the app's `uart`
// (contract: sdk/lib/console.d.ts): 115200 8N1, TX on P0.24 and RX on P0.25 (the micro:bit's
// USB serial). The receiver holds a few bytes (six on the chip and in QEMU's model); each
// one moved to RXD raises RXDRDY.

import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";
import { CONSOLE_BASE, CONSOLE_IRQ } from "mote/board";

const TASKS_STARTRX = CONSOLE_BASE + 0x000;
const TASKS_STOPRX = CONSOLE_BASE + 0x004;
const TASKS_STARTTX = CONSOLE_BASE + 0x008;
const EVENTS_RXDRDY = CONSOLE_BASE + 0x108;
const EVENTS_TXDRDY = CONSOLE_BASE + 0x11c;
const EVENTS_ERROR = CONSOLE_BASE + 0x124;
const INTENSET = CONSOLE_BASE + 0x304;
const INTENCLR = CONSOLE_BASE + 0x308;
const ERRORSRC = CONSOLE_BASE + 0x480;
const ENABLE = CONSOLE_BASE + 0x500;
const PSELTXD = CONSOLE_BASE + 0x50c;
const PSELRXD = CONSOLE_BASE + 0x514;
const RXD = CONSOLE_BASE + 0x518;
const TXD = CONSOLE_BASE + 0x51c;
const BAUDRATE = CONSOLE_BASE + 0x524;
const ENABLE_UART = 4;
const TX_PIN = 24;
const RX_PIN = 25;
const BAUDRATE_115200 = 0x01d7e000;
const EVENT_SET = 1;
const INT_RXDRDY = 1 << 2;
/** ERRORSRC: a byte came with the receive buffer full (write 1 to clear). */
const ERROR_OVERRUN = 1 << 0;
const DATA_BYTE = 0xff;
/** BAUDRATE is baud × 2^32 / 16 MHz with its low 12 bits cleared (the manual's table):
 *  round(baud × 1024 / 15625) × 4096. */
const BAUDRATE_DENOMINATOR = 15625;

export function consoleInit(): void {
  poke32(PSELTXD, TX_PIN);
  poke32(BAUDRATE, BAUDRATE_115200);
  poke32(ENABLE, ENABLE_UART);
  poke32(TASKS_STARTTX, 1);
}

export function consoleWrite(byte: number): void {
  poke32(EVENTS_TXDRDY, 0);
  poke32(TXD, byte);
  while ((peek32(EVENTS_TXDRDY) & EVENT_SET) === 0) {}
}

/** consoleWrite waits for each byte to leave: nothing is queued at the old speed. */
export function consoleSetBaud(baud: number): void {
  const steps = ((baud * 1024 + (BAUDRATE_DENOMINATOR >> 1)) / BAUDRATE_DENOMINATOR) | 0;
  poke32(BAUDRATE, steps << 12);
}

export function consoleReceive(service: () => void): void {
  onInterrupt(CONSOLE_IRQ, service);
  poke32(PSELRXD, RX_PIN);
  poke32(ERRORSRC, ERROR_OVERRUN);
  poke32(INTENSET, INT_RXDRDY);
  poke32(TASKS_STARTRX, 1);
}

export function consoleStopReceiving(): void {
  poke32(INTENCLR, INT_RXDRDY);
  poke32(TASKS_STOPRX, 1);
}

/** RXDRDY is cleared before RXD is read (§29.5): the next byte moved to RXD sets it again. */
export function consoleRead(): number {
  if ((peek32(EVENTS_RXDRDY) & EVENT_SET) === 0) return -1;
  poke32(EVENTS_RXDRDY, 0);
  return peek32(RXD) & DATA_BYTE;
}

export function consoleOverrun(): boolean {
  if ((peek32(ERRORSRC) & ERROR_OVERRUN) === 0) return false;
  poke32(ERRORSRC, ERROR_OVERRUN);
  poke32(EVENTS_ERROR, 0);
  return true;
}
