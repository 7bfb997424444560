import type { Board } from "../types.ts";
import { nrf51, UART0_BASE, UART0_IRQ } from "../chips/nrf51/chip.ts";

export const board: Board = {
  id: "microbit",
  name: "BBC micro:bit v1 (nRF51822, QEMU microbit)",
  chip: nrf51,
  console: { driver: "nrf51-uart", base: UART0_BASE, irq: UART0_IRQ },
  // LED is the top-left pixel of the 5×5 matrix: row 1 (P0.13) high while column 1 (P0.4) is low.
  // BUTTON is button A, so the examples run unchanged.
  pins: { LED: 13, BUTTON: 17, BUTTON_A: 17, BUTTON_B: 26 },
  pinSetup: [[4, 0]],
  drivers: { clock: "chips/cortex-m/systick-clock.ts", gpio: "chips/nrf51/gpio.ts", flash: "chips/nrf51/flash.ts" },
  // 256 KB of flash written through the NVMC: mote-boot's 64 KB, two 84 KB slots, the scratch
  // sector and 20 KB of settings (five sectors). The target is 40 KB for mote-boot and 96 KB
  // slots (0xa000, 0x22000); mote-boot in the bare profile is 52 KB on the Cortex-M0 today
  // (bench/mote-boot.ts microbit), so its area is 64 KB until it fits.
  flashLayout: {
    boot: { offset: 0x0, size: 0x10000 },
    primary: { offset: 0x10000, size: 0x15000 },
    secondary: { offset: 0x25000, size: 0x15000 },
    scratch: { offset: 0x3a000, size: 0x1000 },
    settings: { offset: 0x3b000, size: 0x5000 },
  },
  absent: { watchdog: "QEMU's microbit machine models no watchdog (the nRF51's WDT)", i2c: "QEMU's microbit machine models no I2C (TWI)" },
  simulator: { kind: "qemu", machine: "microbit", extraArgs: [] },
  simulatorExit: "semihosting",
  // A quarter of the 16 KB: a recursion 200 calls deep with a few values per frame fits
  // (with 2 KB it ran into the heap before stack checks stopped it).
  supports: ["console", "uart-rx", "led", "button"],
};
