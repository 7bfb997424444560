// The RP2040 second-stage bootloader: what the boot ROM checks (size, CRC-32) and what the
// code does, read back with GNU objdump; and that pico images start with it.

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { boot2, crc32Mpeg2 } from "../../boards/chips/rp2040/boot2.ts";
import { build } from "../../sdk/compiler/index.ts";
import { findBoard } from "../../boards/index.ts";

function hasObjdump(): boolean {
  try { execFileSync("arm-none-eabi-objdump", ["--version"]); return true; } catch { return false; }
}

describe("RP2040 boot2", () => {
  it("computes the boot ROM's CRC-32 (MPEG-2 parameters: check value of '123456789')", () => {
    expect(crc32Mpeg2(new TextEncoder().encode("123456789"))).toBe(0x0376e6e7);
  });

  it("is 256 bytes whose last word is the CRC-32 of the first 252", () => {
    const bytes = boot2();
    expect(bytes.length).toBe(256);
    const stored = new DataView(bytes.buffer).getUint32(252, true);
    expect(stored).toBe(crc32Mpeg2(bytes.subarray(0, 252)));
  });

  it.skipIf(!hasObjdump())("configures the SSI for 03h reads, then jumps through the vector table at 0x10000100", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mote-boot2-"));
    const file = path.join(dir, "boot2.bin");
    writeFileSync(file, boot2().subarray(0, 252));
    const text = execFileSync("arm-none-eabi-objdump", ["-D", "-b", "binary", "-marm", "-Mforce-thumb", file], { encoding: "utf8" });
    expect(text).toMatch(/str\s+r1, \[r3, #8\]/);        // SSIENR = 0 (disable)
    expect(text).toMatch(/str\s+r1, \[r3, #20\]/);       // BAUDR
    expect(text).toMatch(/str\s+r1, \[r3, #0\]/);        // CTRLR0
    expect(text).toMatch(/msr\s+MSP, r0/i);
    expect(text).toMatch(/bx\s+r1/);
    // The literal pool holds the SSI base, the SPI_CTRLR0 value (03h, 8-bit instruction,
    // 24-bit address) and the vector table address.
    const words = new DataView(boot2().buffer);
    const literals = Array.from({ length: 63 }, (_, i) => words.getUint32(4 * i, true));
    expect(literals).toContain(0x18000000);
    expect(literals).toContain(0x03000218);
    expect(literals).toContain(0x10000100);
  });

  it("starts every pico image, before the vector table", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mote-boot2-app-"));
    const app = path.join(dir, "app.ts");
    writeFileSync(app, 'console.log("hi");\n');
    const result = build({ entry: app, board: findBoard("pico"), outDir: dir, forSimulator: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.image.flashBytes.subarray(0, 256)]).toEqual([...boot2()]);
    const vectors = new DataView(result.image.flashBytes.buffer, result.image.flashBytes.byteOffset + 256);
    expect(vectors.getUint32(0, true)).toBe(0x20000000 + 264 * 1024); // initial SP: top of SRAM
  });
});
