import type { Board } from "../types.ts";
import { lm3s6965, UART0_BASE, UART0_IRQ } from "../chips/lm3s/chip.ts";

export const board: Board = {
  id: "lm3s6965evb",
  name: "TI Stellaris LM3S6965 evaluation board (Cortex-M3, QEMU lm3s6965evb)",
  chip: lm3s6965,
  console: { driver: "pl011-uart", base: UART0_BASE, irq: UART0_IRQ },
  // The user LED on PF0; the gamepad on PE0–PE3 (up, down, left, right) and PF1 (select),
  // active low. Pins are port × 8 + bit. BUTTON is select, so the examples run unchanged.
  pins: { LED: 40, BUTTON: 41, SELECT: 41, UP: 32, DOWN: 33, LEFT: 34, RIGHT: 35 },
  // I2C0 on PB2/PB3 (boards/chips/lm3s/i2c.ts). QEMU 7.2 puts no device on it (the board's
  // OLED is on SSI), so the run adds the TMP105 the other boards have, at 0x48.
  i2c: { I2C0: 0 },
  drivers: { clock: "chips/cortex-m/systick-clock.ts", gpio: "chips/lm3s/gpio.ts", i2c: "chips/lm3s/i2c.ts", watchdog: "chips/lm3s/watchdog.ts" },
  // WDT0's interrupt, 18 (boards/chips/lm3s/watchdog.ts); its 32-bit count at 12.5 MHz.
  watchdogVector: 16 + 18,
  watchdogMaxMs: 20_000,
  simulator: { kind: "qemu", machine: "lm3s6965evb", extraArgs: ["-device", "tmp105,address=0x48,id=t0"] },
  simulatorExit: "semihosting",
  sensors: [{ kind: "tmp105", bus: "I2C0", address: 0x48, qomPath: "/machine/peripheral/t0" }],
  supports: ["console", "uart-rx", "timer", "led", "button", "i2c"],
};
