import type { Board } from "../types.ts";
import { lm3s6965, UART0_BASE, UART0_IRQ } from "../chips/lm3s/chip.ts";

export const board: Board = {
  id: "lm3s6965evb",
  name: "TI Stellaris LM3S6965 evaluation board (Cortex-M3, QEMU lm3s6965evb)",
  chip: lm3s6965,
  console: { driver: "pl011-uart", base: UART0_BASE, irq: UART0_IRQ },
  // No pins yet: the console and the clock are all this board has drivers for.
  pins: {},
  drivers: { clock: "chips/cortex-m/systick-clock.ts" },
  simulator: { kind: "qemu", machine: "lm3s6965evb", extraArgs: [] },
  simulatorExit: "semihosting",
  stackSize: 8 * 1024,
  supports: ["console", "timer"],
};
