import type { Chip } from "../../types.ts";

// TI Stellaris LM3S6965 (Cortex-M3), LM3S6965 datasheet §2.4 (memory map): 256 KB of flash at
// 0, 64 KB of SRAM at 0x20000000. It runs from the 12 MHz-class internal oscillator at reset;
// QEMU's lm3s6965evb clocks it at 12.5 MHz. Interrupts 0–43 (datasheet table 2-9; Hibernate
// is the last, 43).
export const lm3s6965: Chip = {
  family: "lm3s",
  cpu: "cortex-m3",
  port: "armv7m",
  clockHz: 12_500_000,
  flash: { origin: 0x00000000, length: 256 * 1024 },
  ram: { origin: 0x20000000, length: 64 * 1024 },
  vectorTableOffset: 0,
  irqCount: 44,
};

export const UART0_BASE = 0x4000c000;
export const UART0_IRQ = 5;
