// nRF51 UART (nRF51 Series Reference Manual §29) as the console: 115200 8N1, TX on P0.24
// (the micro:bit's USB serial).

import { peek32, poke32 } from "mote/intrinsics";
import { CONSOLE_BASE } from "mote/board";

const TASKS_STARTTX = CONSOLE_BASE + 0x008;
const EVENTS_TXDRDY = CONSOLE_BASE + 0x11c;
const ENABLE = CONSOLE_BASE + 0x500;
const PSELTXD = CONSOLE_BASE + 0x50c;
const TXD = CONSOLE_BASE + 0x51c;
const BAUDRATE = CONSOLE_BASE + 0x524;
const ENABLE_UART = 4;
const TX_PIN = 24;
const BAUDRATE_115200 = 0x01d7e000;
const EVENT_SET = 1;

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
