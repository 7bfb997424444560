// CMSDK APB UART (Arm Cortex-M System Design Kit TRM, "UART") as the console.

import { peek32, poke32 } from "mote/intrinsics";
import { CONSOLE_BASE } from "mote/board";

const DATA = CONSOLE_BASE + 0x00;
const STATE = CONSOLE_BASE + 0x04;
const CTRL = CONSOLE_BASE + 0x08;
const BAUDDIV = CONSOLE_BASE + 0x10;
const STATE_TX_FULL = 1 << 0;
const CTRL_TX_ENABLE = 1 << 0;
const CTRL_RX_ENABLE = 1 << 1;
// 25 MHz / 115200.
const BAUD_DIVISOR = 217;

export function consoleInit(): void {
  poke32(BAUDDIV, BAUD_DIVISOR);
  poke32(CTRL, CTRL_TX_ENABLE | CTRL_RX_ENABLE);
}

export function consoleWrite(byte: number): void {
  while ((peek32(STATE) & STATE_TX_FULL) !== 0) {}
  poke32(DATA, byte);
}
