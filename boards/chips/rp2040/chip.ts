import type { Chip } from "../../types.ts";
import { boot2 } from "./boot2.ts";

// RP2040 datasheet §2.2 (address map): XIP flash at 0x10000000, SRAM at 0x20000000 (264 KB).
// The first 256 bytes of flash are the second-stage bootloader (boot2, §2.8.1.3).
export const rp2040: Chip = {
  family: "rp2040",
  cpu: "cortex-m0plus",
  port: "armv6m",
  clockHz: 125_000_000,
  flash: { origin: 0x10000000, length: 2 * 1024 * 1024 },
  ram: { origin: 0x20000000, length: 264 * 1024 },
  vectorTableOffset: 0x100,
  irqCount: 32,
  secondStageBootloader: boot2,
};

export const UART0_BASE = 0x40034000;
export const UART0_IRQ = 20;
