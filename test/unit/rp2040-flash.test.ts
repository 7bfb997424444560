// The RP2040 flash layer's host-side parts: the driver carries the routine flash-routine.ts
// assembles, and the harness's W25Q16JV model keeps the chip's rules (datasheet §8.2).

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { flashRoutineHalfwords } from "../../boards/chips/rp2040/flash-routine.ts";
import { SpiNorFlash } from "../../sdk/sim/models/spi-nor-flash.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("the RP2040 flash driver's SRAM routine", () => {
  it("is in the driver exactly as flash-routine.ts assembles it", () => {
    const source = readFileSync(path.join(here, "../../boards/chips/rp2040/flash.ts"), "utf8");
    const carried = [...source.matchAll(/\\u([0-9a-f]{4})/g)].map((m) => `0x${m[1]}`);
    expect(carried).toEqual(flashRoutineHalfwords());
    // It runs from the first 256 bytes of the port's __rt_flash_ram; the staged page follows.
    const slot = Number(/const FLASH_RAM_ROUTINE_BYTES = (\d+);/.exec(source)?.[1]);
    expect(flashRoutineHalfwords().length * 2).toBeLessThanOrEqual(slot);
  });
});

describe("the SPI NOR flash model", () => {
  const SIZE = 2 * 1024 * 1024;
  function chip() {
    const memory = new Uint8Array(SIZE).fill(0xff);
    let now = 0;
    const flash = new SpiNorFlash(memory, SIZE, () => now);
    const send = (...bytes: number[]) => {
      flash.select();
      const out = bytes.map((b) => flash.transfer(b));
      flash.deselect();
      return out;
    };
    const busy = () => (send(0x05, 0)[1] & 1) === 1;
    return { memory, flash, send, busy, wait: (nanos: number) => { now += nanos; } };
  }

  it("programs only after Write Enable, clearing bits, wrapping within the page", () => {
    const { memory, send, busy, wait } = chip();
    send(0x02, 0x00, 0x10, 0xfe, 0x0f); // no Write Enable: ignored
    expect(memory[0x10fe]).toBe(0xff);
    send(0x06);
    expect(send(0x05, 0)[1]).toBe(0b10); // WEL
    send(0x02, 0x00, 0x10, 0xfe, 0x0f, 0xf0, 0x3c);
    expect(busy()).toBe(true);
    wait(0.4e6);
    expect(busy()).toBe(false);
    expect([memory[0x10fe], memory[0x10ff], memory[0x1000]]).toEqual([0x0f, 0xf0, 0x3c]);
    send(0x06);
    send(0x02, 0x00, 0x10, 0xfe, 0xff, 0x0f);
    wait(0.4e6);
    expect(busy()).toBe(false); // the work lands as the status is read (or settle())
    expect([memory[0x10fe], memory[0x10ff]]).toEqual([0x0f, 0x00]); // 1 → 0 only
  });

  it("ignores commands while busy and erases a sector over its typical 45 ms", () => {
    const { memory, send, busy, wait } = chip();
    memory.fill(0, 0x2000, 0x3000);
    send(0x06);
    send(0x20, 0x00, 0x20, 0x80); // inside the sector at 0x2000
    wait(22.5e6);
    expect(busy()).toBe(true);
    send(0x06);
    send(0x20, 0x00, 0x30, 0x00); // busy: ignored
    const half = memory.subarray(0x2000, 0x3000);
    expect(half.indexOf(0x00)).toBe(2048); // half done
    wait(22.5e6);
    expect(busy()).toBe(false);
    expect(memory.subarray(0x2000, 0x3000).every((b) => b === 0xff)).toBe(true);
    expect(send(0x05, 0)[1]).toBe(0); // the ignored Write Enable left no WEL
    expect(send(0x9f, 0, 0, 0).slice(1)).toEqual([0xef, 0x40, 0x15]);
    expect(send(0x03, 0x00, 0x20, 0x00, 0, 0).slice(4)).toEqual([0xff, 0xff]);
  });
});
