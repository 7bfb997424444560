import type { Chip } from "../../types.ts";

// Arm MPS2 FPGA with the AN385 image (Cortex-M3): 4 MB of code RAM at 0 (writable, used as
// flash), 4 MB of SRAM at 0x20000000; CMSDK peripherals.
export const mps2an385: Chip = {
  family: "mps2",
  cpu: "cortex-m3",
  port: "armv7m",
  clockHz: 25_000_000,
  flash: { origin: 0x00000000, length: 4 * 1024 * 1024 },
  ram: { origin: 0x20000000, length: 4 * 1024 * 1024 },
  vectorTableOffset: 0,
  irqCount: 32,
};

// The AN386 image: the same memory map and peripherals with a Cortex-M4 (QEMU mps2-an386).
export const mps2an386: Chip = { ...mps2an385, cpu: "cortex-m4" };

export const UART0_BASE = 0x40004000;
export const UART0_IRQ = 0;
