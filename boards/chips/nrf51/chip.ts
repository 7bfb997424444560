import type { Chip } from "../../types.ts";

// nRF51822 (BBC micro:bit v1): 256 KB flash at 0, 16 KB RAM at 0x20000000.
export const nrf51: Chip = {
  family: "nrf51",
  cpu: "cortex-m0",
  port: "armv6m",
  clockHz: 16_000_000,
  flash: { origin: 0x00000000, length: 256 * 1024 },
  ram: { origin: 0x20000000, length: 16 * 1024 },
  vectorTableOffset: 0,
  irqCount: 32,
};

export const UART0_BASE = 0x40002000;
export const UART0_IRQ = 2;
