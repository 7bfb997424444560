// The Pico's flash chip in the rp2040js harness: rp2040js reads XIP fetches from its flash
// array but models nothing behind the SSI (its SSI answers 0 to everything, for the boot2s
// it knows). Here a SPI NOR chip model (models/spi-nor-flash.ts) owns that array, with chip
// select from IO_QSPI's SS override (GPIO_QSPI_SS_CTRL.OUTOVER, datasheet: the IO_QSPI registers) and data
// through the SSI's DR0, one byte received for each byte sent (TX-and-RX mode); so what
// the device's driver erases and programs is what XIP reads next. Also the XIP cache's FLUSH
// register (rp2040js has no cache, so there is nothing to flush) and the flash file that keeps
// the contents across runs (RunOptions.flashFile).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { RP2040 } from "rp2040js";
import { SpiNorFlash } from "./models/spi-nor-flash.ts";

/** SSI registers (§4.10.13) the model serves; the rest stay rp2040js's. */
const SSI_KEY = 0x18000;
const SSI_TXFLR = 0x20;
const SSI_RXFLR = 0x24;
const SSI_SR = 0x28;
const SSI_DR0 = 0x60;
const SR_TFNF = 1 << 1;
const SR_TFE = 1 << 2;
const SR_RFNE = 1 << 3;
/** IO_QSPI (the datasheet's IO_QSPI registers): GPIO_QSPI_SS_CTRL, OUTOVER in bits 9:8 (2 drives low, 3 high). */
const IO_QSPI_KEY = 0x40018;
const GPIO_QSPI_SS_CTRL = 0x0c;
const OUTOVER_SHIFT = 8;
const OUTOVER_MASK = 3;
const OUTOVER_LOW = 2;
/** XIP_CTRL (the datasheet's XIP registers) at 0x14000000. */
const XIP_CTRL_KEY = 0x14000;
/** The register rp2040js keeps peripherals by: (address >>> 14) << 2. */
interface Peripheral {
  readUint32(offset: number): number;
  writeUint32(offset: number, value: number): void;
  writeUint32Atomic(offset: number, value: number, atomicType: number): void;
}

/** Registers that read back what was written: IO_QSPI and XIP_CTRL, as far as mote uses them. */
function plainRegisters(onWrite: (offset: number, value: number) => void): Peripheral {
  const values = new Map<number, number>();
  const write = (offset: number, value: number) => {
    values.set(offset, value >>> 0);
    onWrite(offset, value >>> 0);
  };
  const ATOMIC_XOR = 1, ATOMIC_SET = 2, ATOMIC_CLEAR = 3;
  return {
    readUint32: (offset) => values.get(offset) ?? 0,
    writeUint32: write,
    writeUint32Atomic(offset, value, atomicType) {
      const old = values.get(offset) ?? 0;
      write(offset, atomicType === ATOMIC_XOR ? old ^ value : atomicType === ATOMIC_SET ? old | value : atomicType === ATOMIC_CLEAR ? old & ~value : value);
    },
  };
}

/** Puts the chip behind the SSI; `note` reports commands the model does not know. */
export function attachFlashChip(mcu: RP2040, size: number, nowNanos: () => number, note: (line: string) => void): SpiNorFlash {
  const chip = new SpiNorFlash(mcu.flash, size, nowNanos);
  const clock = mcu.clock as unknown as { createAlarm(callback: () => void): { schedule(deltaNanos: number): void } };
  const done = clock.createAlarm(() => chip.settle());
  chip.onBusyUntil = (nanos) => done.schedule(Math.max(0, nanos - nowNanos()));
  const peripherals = (mcu as unknown as { peripherals: Record<number, Peripheral> }).peripherals;
  const ssi = peripherals[SSI_KEY];
  const received: number[] = [];
  const ssiRead = ssi.readUint32.bind(ssi);
  const ssiWrite = ssi.writeUint32.bind(ssi);
  const noted = new Set<number>();
  ssi.readUint32 = (offset) => {
    switch (offset) {
      case SSI_DR0: return received.shift() ?? 0;
      case SSI_SR: return SR_TFNF | SR_TFE | (received.length > 0 ? SR_RFNE : 0);
      case SSI_RXFLR: return received.length;
      case SSI_TXFLR: return 0;
    }
    return ssiRead(offset);
  };
  ssi.writeUint32 = (offset, value) => {
    if (offset !== SSI_DR0) return ssiWrite(offset, value);
    // With chip select not driven by the override, the SSI's own select frames each byte;
    // only the boot2s that rp2040js never runs use that, so the byte goes nowhere, and 0
    // (not busy) comes back, as rp2040js's own SSI answers.
    received.push(chipSelected ? chip.transfer(value & 0xff) : 0);
    for (const command of chip.unknownCommands) {
      if (!noted.has(command)) note(`[flash] the flash chip model does not know command 0x${command.toString(16).padStart(2, "0")}`);
      noted.add(command);
    }
  };
  let chipSelected = false;
  peripherals[IO_QSPI_KEY] = plainRegisters((offset, value) => {
    if (offset !== GPIO_QSPI_SS_CTRL) return;
    const selected = ((value >>> OUTOVER_SHIFT) & OUTOVER_MASK) === OUTOVER_LOW;
    if (selected && !chipSelected) chip.select();
    if (!selected && chipSelected) chip.deselect();
    chipSelected = selected;
  });
  peripherals[XIP_CTRL_KEY] = plainRegisters(() => {});
  return chip;
}

/** The flash's first `size` bytes from `file`; erased flash where the file is missing or short. */
export function loadFlashFile(file: string, flash: Uint8Array, size: number): void {
  if (!existsSync(file)) return;
  const bytes = readFileSync(file);
  flash.set(bytes.subarray(0, Math.min(size, bytes.length)), 0);
}

export function saveFlashFile(file: string, flash: Uint8Array, size: number): void {
  writeFileSync(file, flash.subarray(0, size));
}
