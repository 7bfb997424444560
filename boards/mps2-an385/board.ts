import type { Board } from "../types.ts";
import { mps2an385, UART0_BASE, UART0_IRQ } from "../chips/mps2/chip.ts";

export const board: Board = {
  id: "mps2-an385",
  name: "Arm MPS2 AN385 (Cortex-M3, QEMU mps2-an385)",
  chip: mps2an385,
  console: { driver: "cmsdk-uart", base: UART0_BASE, irq: UART0_IRQ },
  // The FPGA's user LEDs: QEMU models no GPIO and no buttons on this machine. With no free
  // output, RELAY (where the examples wire a relay: the thermostat's heater) is LED1.
  pins: { LED: 0, LED1: 1, RELAY: 1 },
  pinKinds: { LED: "output", LED1: "output", RELAY: "output" },
  // The SBCon bit-banged I2C of the FPGA's Shield 1 header, where QEMU puts a `-device` on
  // the I2C bus (boards/chips/mps2/sbcon-i2c.ts).
  i2c: { I2C0: 0 },
  drivers: { clock: "chips/cortex-m/systick-clock.ts", gpio: "chips/mps2/fpgaio-leds.ts", watchdog: "chips/mps2/watchdog.ts", i2c: "chips/mps2/sbcon-i2c.ts", flash: "chips/mps2/flash.ts" },
  // 4 MB of writable code memory: mote-boot's 256 KB, two 1 MB slots, the scratch sector and
  // 64 KB of settings; the rest unused.
  flashLayout: {
    boot: { offset: 0x0, size: 0x40000 },
    primary: { offset: 0x40000, size: 0x100000 },
    secondary: { offset: 0x140000, size: 0x100000 },
    scratch: { offset: 0x240000, size: 0x1000 },
    settings: { offset: 0x250000, size: 0x10000 },
  },
  // The CMSDK watchdog's interrupt is the NMI on this machine.
  watchdogVector: 2,
  watchdogMaxMs: 20_000,
  simulator: { kind: "qemu", machine: "mps2-an385", extraArgs: ["-device", "tmp105,address=0x48,id=t0"] },
  simulatorExit: "semihosting",
  sensors: [{ kind: "tmp105", bus: "I2C0", address: 0x48, qomPath: "/machine/peripheral/t0" }],
  supports: ["console", "uart-rx", "led", "i2c", "ethernet", "timer"],
};
