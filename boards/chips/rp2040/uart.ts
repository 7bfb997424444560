// RP2040 UART0 (an Arm PL011, boards/chips/arm/pl011.ts) as the console and the app's `uart`
// (contract: sdk/lib/console.d.ts): 115200 8N1 on GP0 (TX) / GP1 (RX). Here: what the RP2040
// needs around it. RP2040 datasheet §4.2 (UART), §2.14 (RESETS), §2.15 (CLOCKS), §2.19
// (IO_BANK0).

import { peek32, poke32 } from "mote/intrinsics";
import { pl011Start } from "../arm/pl011.ts";
import { clocksInit } from "./clocks.ts";

export { consoleOverrun, consoleRead, consoleReceive, consoleSetBaud, consoleStopReceiving, consoleWrite } from "../arm/pl011.ts";

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

/** The chip's first code after start-up: the clocks, then the console on them. */
export function consoleInit(): void {
  clocksInit();
  const blocks = RESET_IO_BANK0 | RESET_PADS_BANK0 | RESET_UART0;
  poke32(RESETS_CLEAR, blocks);
  while ((peek32(RESETS_DONE) & blocks) !== blocks) {}
  poke32(CLK_PERI_CTRL, CLK_PERI_ENABLE);
  pl011Start();
  poke32(IO_BANK0_GPIO0_CTRL, FUNCSEL_UART);
  poke32(IO_BANK0_GPIO1_CTRL, FUNCSEL_UART);
}
