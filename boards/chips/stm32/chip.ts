import type { Chip } from "../../types.ts";

// STM32 flash sits at 0x08000000; at reset the boot pins alias it at 0, where the core fetches
// its vector table (RM0090 §2.4, RM0041 §2.4 "Boot configuration"). Images are linked at
// 0x08000000 so code runs from the flash addresses, not the alias.

// STM32F405 (Cortex-M4), RM0090 §2.3: 1 MB of flash; its "192 KB" of SRAM is 112 + 16 KB at
// 0x20000000 and 64 KB of CCM RAM at 0x10000000. QEMU's model maps all 192 KB at 0x20000000;
// only the 128 KB that hardware has there are used, so the stack top exists on both.
// 168 MHz from the PLL; 82 interrupt lines (§12.2, table 61).
export const stm32f405: Chip = {
  family: "stm32",
  cpu: "cortex-m4",
  port: "armv7m",
  clockHz: 168_000_000,
  // RM0090 §6.2: the RCC feeds SysTick's reference clock with HCLK / 8 (QEMU too, measured).
  // At 168 MHz the 24-bit period is 99 ms, ten wake-ups per idle second; at 21 MHz, 798 ms.
  // (Where the core clock's period is long enough, it is the better one: a new period waits
  // for the counter's next count, which is longer at a slower clock.)
  systickReferenceHz: 21_000_000,
  flash: { origin: 0x08000000, length: 1024 * 1024 },
  ram: { origin: 0x20000000, length: 128 * 1024 },
  vectorTableOffset: 0,
  irqCount: 82,
};

// STM32F100RB (Cortex-M3, the STM32VLDISCOVERY's value-line part), RM0041: 128 KB of flash,
// 8 KB of SRAM, 24 MHz; 56 interrupt lines (§8.1.2, table 53: TIM7 is the last, 55).
export const stm32f100: Chip = {
  family: "stm32",
  cpu: "cortex-m3",
  port: "armv7m",
  clockHz: 24_000_000,
  flash: { origin: 0x08000000, length: 128 * 1024 },
  ram: { origin: 0x20000000, length: 8 * 1024 },
  vectorTableOffset: 0,
  irqCount: 56,
};

// USART1 on both: APB2, interrupt 37.
export const STM32F405_USART1_BASE = 0x40011000;
export const STM32F100_USART1_BASE = 0x40013800;
export const USART1_IRQ = 37;
