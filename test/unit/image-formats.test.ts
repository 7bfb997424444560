import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { board as mps2 } from "../../boards/mps2-an385/board.ts";
import { board as pico } from "../../boards/pico/board.ts";
import { writeBin } from "../../sdk/compiler/emit/bin.ts";
import { hexRecord, intelHex, writeHex } from "../../sdk/compiler/emit/hex.ts";
import { writeMap } from "../../sdk/compiler/emit/map.ts";
import { sizeReport, sizeSummary } from "../../sdk/compiler/emit/size-report.ts";
import {
  UF2_BLOCK_SIZE, UF2_FLAG_FAMILY_ID_PRESENT, UF2_MAGIC_END, UF2_MAGIC_START0, UF2_MAGIC_START1, UF2_PAYLOAD_SIZE, writeUf2,
} from "../../sdk/compiler/emit/uf2.ts";
import { link } from "../../sdk/compiler/link/link.ts";
import { demoChunks, func, layoutOf, object } from "./link-fixtures.ts";
import { stackSizeFor } from "../../sdk/compiler/index.ts";

const OBJCOPY = "arm-none-eabi-objcopy";
const hasObjcopy = !spawnSync(OBJCOPY, ["--version"]).error;
if (!hasObjcopy) console.warn(`NOTICE: ${OBJCOPY} not installed; skipping the Intel HEX cross-check against GNU objcopy`);

interface HexRecord { length: number; address: number; type: number; data: number[]; checksum: number; sum: number }

function parseHex(text: string): HexRecord[] {
  return text.trimEnd().split("\n").map((line) => {
    expect(line).toMatch(/^:([0-9A-F]{2})+$/);
    const bytes = line.slice(1).match(/../g)!.map((h) => parseInt(h, 16));
    return {
      length: bytes[0],
      address: (bytes[1] << 8) | bytes[2],
      type: bytes[3],
      data: bytes.slice(4, -1),
      checksum: bytes.at(-1)!,
      sum: bytes.reduce((a, b) => a + b, 0) & 0xff,
    };
  });
}

/** Memory contents described by Intel HEX records (types 00 and 04). */
function hexToMemory(records: HexRecord[]): Map<number, number> {
  const memory = new Map<number, number>();
  let upper = 0;
  for (const r of records) {
    if (r.type === 4) upper = ((r.data[0] << 8) | r.data[1]) * 0x10000;
    if (r.type === 0) r.data.forEach((b, i) => memory.set(upper + r.address + i, b));
  }
  return memory;
}

describe("bin", () => {
  it("is the flash image from flash.origin", () => {
    const image = link(demoChunks(), layoutOf(mps2), { entry: "main" });
    const bin = writeBin(image);
    expect(bin).toEqual(image.flashBytes);
    expect(bin).not.toBe(image.flashBytes); // a copy: callers may sign or patch it
  });
});

describe("Intel HEX", () => {
  const image = link(demoChunks(), layoutOf(pico), { entry: "main" });
  const text = writeHex(image);
  const records = parseHex(text);

  it("has valid checksums and at most 16 data bytes per record", () => {
    for (const r of records) {
      expect(r.sum).toBe(0); // all bytes including the checksum sum to 0 mod 256
      expect(r.data.length).toBe(r.length);
      if (r.type === 0) expect(r.length).toBeLessThanOrEqual(16);
    }
    expect(hexRecord(0x04, 0, [0x10, 0x00])).toBe(":020000041000EA");
  });

  it("starts with an extended linear address record and ends with start address and EOF", () => {
    expect(records[0]).toMatchObject({ type: 4, data: [0x10, 0x00] });
    const entry = (image.entry | 1) >>> 0;
    expect(records.at(-2)).toMatchObject({ type: 5, data: [entry >>> 24, (entry >> 16) & 0xff, (entry >> 8) & 0xff, entry & 0xff] });
    expect(text.trimEnd().split("\n").at(-1)).toBe(":00000001FF");
  });

  it("describes exactly the flash bytes", () => {
    const memory = hexToMemory(records);
    expect(memory.size).toBe(image.flashBytes.length);
    image.flashBytes.forEach((b, i) => expect(memory.get(0x10000000 + i)).toBe(b));
  });

  it("splits records at 64 KB boundaries and emits a new type 04 record", () => {
    const data = Uint8Array.from({ length: 40 }, (_, i) => i);
    const split = parseHex(intelHex(data, 0x0000fff8));
    expect(split.map((r) => [r.type, r.address, r.length])).toEqual([
      [4, 0, 2], [0, 0xfff8, 8], [4, 0, 2], [0, 0x0000, 16], [0, 0x0010, 16], [1, 0, 0],
    ]);
    expect(split[2].data).toEqual([0x00, 0x01]);
    const memory = hexToMemory(split);
    data.forEach((b, i) => expect(memory.get(0xfff8 + i)).toBe(b));
  });

  it.skipIf(!hasObjcopy)("reads back with GNU objcopy into the same bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "mote-hex-"));
    try {
      writeFileSync(join(dir, "x.hex"), text);
      const result = spawnSync(OBJCOPY, ["-I", "ihex", "-O", "binary", join(dir, "x.hex"), join(dir, "x.bin")], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(new Uint8Array(readFileSync(join(dir, "x.bin")))).toEqual(image.flashBytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("UF2", () => {
  // Big enough for several blocks and a partial last one.
  const filler = object("filler", ".rodata", Uint8Array.from({ length: 700 }, (_, i) => i & 0xff));
  const image = link([...demoChunks(), filler], layoutOf(pico), { entry: "main" });
  const familyId = pico.uf2FamilyId!;
  const uf2 = writeUf2(image, familyId);
  const view = new DataView(uf2.buffer);
  const blocks = Math.ceil(image.flashBytes.length / UF2_PAYLOAD_SIZE);

  it("has one 512-byte block per 256 bytes of flash", () => {
    expect(blocks).toBeGreaterThan(4);
    expect(uf2.length).toBe(blocks * UF2_BLOCK_SIZE);
  });

  it("fills every block header as the UF2 spec and the RP2040 boot ROM expect", () => {
    expect(familyId).toBe(0xe48bff56);
    for (let i = 0; i < blocks; i++) {
      const base = i * UF2_BLOCK_SIZE;
      expect(view.getUint32(base, true)).toBe(UF2_MAGIC_START0);
      expect(view.getUint32(base + 4, true)).toBe(UF2_MAGIC_START1);
      expect(view.getUint32(base + 8, true)).toBe(UF2_FLAG_FAMILY_ID_PRESENT);
      expect(view.getUint32(base + 12, true)).toBe(0x10000000 + i * 256);
      expect(view.getUint32(base + 16, true)).toBe(256);
      expect(view.getUint32(base + 20, true)).toBe(i);
      expect(view.getUint32(base + 24, true)).toBe(blocks);
      expect(view.getUint32(base + 28, true)).toBe(familyId);
      expect(view.getUint32(base + 508, true)).toBe(UF2_MAGIC_END);
      expect(uf2.subarray(base + 32 + 256, base + 508).every((b) => b === 0)).toBe(true);
    }
    expect(Buffer.from(uf2.subarray(0, 4)).toString("latin1")).toBe("UF2\n");
  });

  it("carries the flash bytes in order, zero-padding the last page", () => {
    const payload = new Uint8Array(blocks * 256);
    for (let i = 0; i < blocks; i++) payload.set(uf2.subarray(i * 512 + 32, i * 512 + 32 + 256), i * 256);
    expect(payload.subarray(0, image.flashBytes.length)).toEqual(image.flashBytes);
    expect(payload.subarray(image.flashBytes.length).every((b) => b === 0)).toBe(true);
  });
});

describe("map and size report", () => {
  const extra = func("Console_print", new Uint8Array(100), { module: "sdk/lib/console.ts", displayName: "console.print" });
  const image = link([...demoChunks(), extra], layoutOf(mps2), { entry: "main" });

  it("lists sections, linker symbols and every symbol by address with size and module", () => {
    const map = writeMap(image);
    expect(map).toMatch(/\.text\s+0x00000040 0x00000040\s+160/);
    expect(map).toMatch(/\.data\s+0x20000000 0x000000e8\s+4/);
    expect(map).toMatch(/__stack_top\s+0x20400000/);
    expect(map).toMatch(/0x00000070\s+12 func\s+\.text\s+demo__helper \(helper\)\s+demo\.ts/);
    expect(map).toMatch(/Console_print \(console\.print\)\s+sdk\/lib\/console\.ts/);
    const listed = [...map.split("Symbols (by address)")[1].matchAll(/^ {2}0x([0-9a-f]{8})/gm)].map((m) => parseInt(m[1], 16));
    expect(listed.length).toBe(8);
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
  });

  it("totals text/rodata/data/bss and ranks modules by bytes", () => {
    const summary = sizeSummary(image);
    expect(summary).toMatchObject({ text: 64 + 2 + 44 + 12 + 100, rodata: 8, data: 4, bss: 64, flashUsed: image.flashBytes.length });
    const report = sizeReport(image);
    expect(report).toMatch(/^text\s+222/m);
    expect(report).toMatch(/^bss\s+64/m);
    expect(report).toMatch(new RegExp(`flash ${image.flashBytes.length} of 4194304 bytes \\(0\\.0%\\)`));
    // The stack is the board's default from its RAM (boards/stack.ts): 1 MB of the MPS2's 4 MB.
    const stack = stackSizeFor(mps2);
    expect(report).toContain(`RAM   ${68 + stack} of 4194304 bytes (${((100 * (68 + stack)) / 4194304).toFixed(1)}%): static 68, stack ${stack}`);
    const modules = report.split("\n").filter((l) => /^(demo\.ts|sdk\/lib\/console\.ts|rt:vectors|rt:demo)\s/.test(l));
    expect(modules.map((l) => l.split(/\s+/)[0])).toEqual(["demo.ts", "sdk/lib/console.ts", "rt:vectors", "rt:demo"]);
    expect(modules[0]).toMatch(/^demo\.ts\s+132\s+56\s+8\s+4\s+64$/);
  });
});
