// The MPS2 FPGA's user LEDs as `mote/gpio` (contract: sdk/lib/gpio.d.ts): FPGAIO LED register
// at 0x40028000, bits [1:0] (Arm AN385 application note, "FPGA system control"). Output only:
// QEMU's mps2 models no GPIO block and no buttons, so the board declares its LEDs as output
// pins and nothing here is ever watched.

import { panic, peek32, poke32 } from "mote/intrinsics";
import { PANIC_UNSUPPORTED } from "../../../sdk/lib/rt/panic-codes.ts";

const FPGAIO_LED = 0x40028000;
const LED_MASK = 0b11;

export function gpioSetMode(pin: number, mode: number): void {}

export function gpioWrite(pin: number, high: boolean): void {
  const leds = peek32(FPGAIO_LED) & LED_MASK;
  poke32(FPGAIO_LED, high ? leds | (1 << pin) : leds & ~(1 << pin));
}

export function gpioRead(pin: number): boolean {
  return (peek32(FPGAIO_LED) & (1 << pin)) !== 0;
}

export function gpioWatch(pin: number, changed: () => void): void {
  panic(PANIC_UNSUPPORTED);
}
