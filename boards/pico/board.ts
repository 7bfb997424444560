import type { Board } from "../types.ts";
import { rp2040, UART0_BASE, UART0_IRQ } from "../chips/rp2040/chip.ts";

export const board: Board = {
  id: "pico",
  name: "Raspberry Pi Pico (RP2040, simulated by rp2040js)",
  chip: rp2040,
  console: { driver: "rp2040-uart", base: UART0_BASE, irq: UART0_IRQ },
  // RELAY is where the examples wire a relay's coil driver (the thermostat's heater): GP15.
  pins: { LED: 25, BUTTON: 14, GP0: 0, GP1: 1, GP2: 2, GP3: 3, GP4: 4, GP5: 5, GP15: 15, RELAY: 15 },
  // I2C0 on its default pins, GP4 (SDA) and GP5 (SCL): a program uses them as I2C or as pins.
  i2c: { I2C0: 0 },
  drivers: { clock: "chips/rp2040/timer-clock.ts", gpio: "chips/rp2040/gpio.ts", watchdog: "chips/rp2040/watchdog.ts", i2c: "chips/rp2040/i2c.ts", flash: "chips/rp2040/flash.ts" },
  // 2 MB of QSPI flash: mote-boot's 256 KB (boot2 in its first 256 bytes), two 832 KB slots,
  // the scratch sector, and 64 KB of settings at the end.
  flashLayout: {
    boot: { offset: 0x0, size: 0x40000 },
    primary: { offset: 0x40000, size: 0xd0000 },
    secondary: { offset: 0x110000, size: 0xd0000 },
    scratch: { offset: 0x1e0000, size: 0x1000 },
    settings: { offset: 0x1f0000, size: 0x10000 },
  },
  // TIMER_IRQ_3 (exception 16 + 3): the watchdog's warning alarm.
  watchdogVector: 19,
  watchdogMaxMs: 8_000,
  simulator: { kind: "rp2040js" },
  simulatorExit: "bkpt",
  // A TMP105 temperature sensor at its default address, modelled by the harness (sdk/sim/models).
  sensors: [{ kind: "tmp105", bus: "I2C0", address: 0x48 }],
  uf2FamilyId: 0xe48bff56,
  supports: ["console", "uart-rx", "led", "i2c", "timer"],
};
