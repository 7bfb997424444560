import type { Board } from "../types.ts";
import { mps2an385, UART0_BASE, UART0_IRQ } from "../chips/mps2/chip.ts";

export const board: Board = {
  id: "mps2-an385",
  name: "Arm MPS2 AN385 (Cortex-M3, QEMU mps2-an385)",
  chip: mps2an385,
  console: { driver: "cmsdk-uart", base: UART0_BASE, irq: UART0_IRQ },
  pins: { LED: 0, LED1: 1 },
  // The FPGA's user LEDs: QEMU models no GPIO and no buttons on this machine.
  pinKinds: { LED: "output", LED1: "output" },
  drivers: { clock: "chips/cortex-m/systick-clock.ts", gpio: "chips/mps2/fpgaio-leds.ts", watchdog: "chips/mps2/watchdog.ts" },
  // The CMSDK watchdog's interrupt is the NMI on this machine.
  watchdogVector: 2,
  watchdogMaxMs: 20_000,
  simulator: { kind: "qemu", machine: "mps2-an385", extraArgs: [] },
  simulatorExit: "semihosting",
  stackSize: 8 * 1024,
  supports: ["console", "led", "i2c", "ethernet", "timer"],
};
