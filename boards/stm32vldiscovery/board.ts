import type { Board } from "../types.ts";
import { STM32F100_USART1_BASE, stm32f100, USART1_IRQ } from "../chips/stm32/chip.ts";

export const board: Board = {
  id: "stm32vldiscovery",
  name: "STM32VLDISCOVERY (STM32F100, Cortex-M3, QEMU stm32vldiscovery)",
  chip: stm32f100,
  console: { driver: "stm32-usart", base: STM32F100_USART1_BASE, irq: USART1_IRQ },
  // No pins yet: the console and the clock are all this board has drivers for.
  pins: {},
  drivers: { clock: "chips/cortex-m/systick-clock.ts" },
  simulator: { kind: "qemu", machine: "stm32vldiscovery", extraArgs: [] },
  simulatorExit: "semihosting",
  // Half of the 8 KB, as much as the micro:bit's: a recursion 200 calls deep fits (3 KB does
  // not). A few conformance programs then run out of heap (test/conformance/README.md).
  supports: ["console", "uart-rx", "timer"],
  absent: {
    gpio: "QEMU's stm32f100 model has no GPIO (writes show only under -d unimp)",
    i2c: "QEMU's stm32f100 model has no I2C",
    watchdog: "QEMU's stm32f100 model has no watchdog",
    ethernet: "the STM32F100 has no Ethernet controller",
  },
};
