import type { Board } from "../types.ts";
import { STM32F405_USART1_BASE, stm32f405, USART1_IRQ } from "../chips/stm32/chip.ts";

export const board: Board = {
  id: "netduinoplus2",
  name: "Netduino Plus 2 (STM32F405, Cortex-M4, QEMU netduinoplus2)",
  chip: stm32f405,
  console: { driver: "stm32-usart", base: STM32F405_USART1_BASE, irq: USART1_IRQ },
  // No pins yet: the console and the clock are all this board has drivers for.
  pins: {},
  drivers: { clock: "chips/cortex-m/systick-clock.ts" },
  simulator: { kind: "qemu", machine: "netduinoplus2", extraArgs: [] },
  simulatorExit: "semihosting",
  supports: ["console", "uart-rx", "timer"],
  absent: {
    gpio: "QEMU's stm32f405 model has no GPIO (writes show only under -d unimp)",
    i2c: "QEMU's stm32f405 model has no I2C",
    watchdog: "QEMU's stm32f405 model has no watchdog",
    ethernet: "QEMU's stm32f405 model has no Ethernet",
  },
};
