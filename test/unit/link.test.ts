import { stackSizeFor } from "../../sdk/compiler/index.ts";
import { describe, expect, it } from "vitest";
import { board as mps2 } from "../../boards/mps2-an385/board.ts";
import { board as pico } from "../../boards/pico/board.ts";
import { decodeThumbBl, encodeThumbBl, link } from "../../sdk/compiler/link/link.ts";
import { symbolize } from "../../sdk/compiler/link/symbolize.ts";
import { ImageTooLargeError, type Chunk, type LinkLayout, type LinkedImage } from "../../sdk/compiler/link/types.ts";
import { HELPER_SYMBOL, demoChunks, func, halfwords, layoutOf, object, vectorTable, words } from "./link-fixtures.ts";

function word(image: LinkedImage, address: number): number {
  for (const s of image.sections) {
    if (address >= s.address && address + 4 <= s.address + s.bytes.length) {
      return new DataView(s.bytes.buffer, s.bytes.byteOffset).getUint32(address - s.address, true);
    }
  }
  throw new Error(`no bytes at 0x${address.toString(16)}`);
}

function half(image: LinkedImage, address: number): number {
  const s = image.sections.find((x) => address >= x.address && address + 2 <= x.address + x.bytes.length)!;
  return new DataView(s.bytes.buffer, s.bytes.byteOffset).getUint16(address - s.address, true);
}

function symbol(image: LinkedImage, name: string) {
  const found = image.symbols.find((s) => s.name === name);
  if (!found) throw new Error(`no symbol ${name}`);
  return found;
}

const smallLayout: LinkLayout = {
  flash: { origin: 0x1000, length: 0x400 },
  ram: { origin: 0x20000000, length: 0x200 },
  vectorTableOffset: 0,
  stackSize: 0x100,
};

function minimal(extra: Chunk[] = []): Chunk[] {
  return [vectorTable(["__stack_top", "reset"], { align: 4 }), func("reset", halfwords(0xe7fe, 0xbf00)), ...extra];
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("link: layout", () => {
  const image = link(demoChunks(), layoutOf(mps2), { entry: "main" });

  it("puts the vector table at flash.origin and code, constants and .data's initial bytes after it", () => {
    expect(image.sections.map((s) => [s.name, s.address, s.loadAddress, s.size])).toEqual([
      [".vectors", 0x0, 0x0, 64],
      [".text", 0x40, 0x40, 0x3c], // hang (2) + pad (2) + main (44) + helper (12)
      [".rodata", 0x7c, 0x7c, 8],
      [".data", 0x20000000, 0x84, 4],
      [".bss", 0x20000004, 0x20000004, 64],
    ]);
    expect(symbol(image, "hang").address).toBe(0x40);
    expect(symbol(image, "main").address).toBe(0x44); // 4-aligned
    expect(symbol(image, HELPER_SYMBOL).address).toBe(0x70);
    expect(image.entry).toBe(0x44);
    expect(image.flashBytes.length).toBe(0x88);
    // .data's initial bytes are in flash at __data_load.
    expect(new DataView(image.flashBytes.buffer).getUint32(0x84, true)).toBe(0x12345678);
  });

  it("defines the start-up symbols", () => {
    const ramEnd = mps2.chip.ram.origin + mps2.chip.ram.length;
    expect(image.special).toEqual({
      __data_load: 0x84,
      __data_start: 0x20000000,
      __data_end: 0x20000004,
      __bss_start: 0x20000004,
      __bss_end: 0x20000044,
      __heap_start: 0x20000048, // 8-aligned
      __heap_end: ramEnd - stackSizeFor(mps2),
      // An eighth of the stack, at most 1 KB, is kept below the limit of recursion.
      __stack_limit: ramEnd - stackSizeFor(mps2) + 1024,
      __stack_top: ramEnd,
    });
    for (const name of Object.keys(image.special)) expect(symbol(image, name).module).toBe("linker");
    const addresses = image.symbols.map((s) => s.address);
    expect(addresses).toEqual([...addresses].sort((a, b) => a - b));
  });

  it("relocates abs32 words: initial SP, Thumb code pointers, data addresses", () => {
    expect(word(image, 0)).toBe(image.special.__stack_top);
    expect(word(image, 4)).toBe(0x44 | 1); // main, Thumb bit from the addend
    expect(word(image, 8)).toBe(0x40 | 1); // hang
    expect(word(image, 0x44 + 40)).toBe(symbol(image, "exit_args").address);
    expect(word(image, 0x44 + 36)).toBe(0x40004000); // untouched literal
  });

  it("encodes thumb-call relocations as BL to the callee", () => {
    for (const offset of [10, 16, 22]) {
      const at = 0x44 + offset;
      const target = at + 4 + decodeThumbBl(half(image, at), half(image, at + 2));
      expect(target).toBe(symbol(image, HELPER_SYMBOL).address);
    }
    // The first call, as objdump shows it: f000 f80f (bl 0x70 from 0x4e).
    expect([half(image, 0x4e), half(image, 0x50)]).toEqual([0xf000, 0xf80f]);
  });

  it("makes line entries absolute and sorted", () => {
    expect(image.lines.slice(0, 2)).toEqual([
      { offset: 0x44, file: "demo.ts", line: 8, column: 1 },
      { offset: 0x46, file: "demo.ts", line: 9, column: 3 },
    ]);
    expect(image.lines.at(-1)).toEqual({ offset: 0x74, file: "demo.ts", line: 6, column: 1 });
    const offsets = image.lines.map((l) => l.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(image.dataInCode).toEqual([{ address: 0x68, size: 8 }, { address: 0x78, size: 4 }]);
  });

  it("places boot2 before a vector table at an offset (pico)", () => {
    const boot2 = object("boot2", ".boot2", new Uint8Array(256).fill(0xb2), { kind: "func", module: "rt:boot2" });
    const pic = link([boot2, ...demoChunks()], layoutOf(pico), { entry: "main" });
    expect(pic.sections[0]).toMatchObject({ name: ".boot2", address: 0x10000000, size: 256 });
    expect(pic.sections[1]).toMatchObject({ name: ".vectors", address: 0x10000100 });
    expect(pic.flashBytes[0]).toBe(0xb2);
    expect(new DataView(pic.flashBytes.buffer).getUint32(0x104, true)).toBe(symbol(pic, "main").address | 1);
    expect(pic.special.__stack_top).toBe(0x20000000 + 264 * 1024);
  });

  it("leaves the boot2 slot empty when there is no boot2 chunk", () => {
    const pic = link(demoChunks(), layoutOf(pico), { entry: "main" });
    expect(pic.sections[0]).toMatchObject({ name: ".vectors", address: 0x10000100 });
    expect(pic.flashBytes.subarray(0, 0x100).every((b) => b === 0)).toBe(true);
  });

  it("uses special symbols as relocation targets and pads .data/.bss to words", () => {
    const table = object("bounds", ".rodata", words(0, 0, 0), {
      relocs: [
        { offset: 0, kind: "abs32", symbol: "__data_load", addend: 0 },
        { offset: 4, kind: "abs32", symbol: "__bss_end", addend: 0 },
        { offset: 8, kind: "abs32", symbol: "__heap_start", addend: 4 },
      ],
    });
    const bytes = object("flag", ".data", new Uint8Array([7]), { align: 1 });
    const zeros = object("z", ".bss", new Uint8Array(0), { size: 3, align: 1 });
    const image2 = link(minimal([table, bytes, zeros]), smallLayout, { entry: "reset" });
    const t = symbol(image2, "bounds").address;
    expect(word(image2, t)).toBe(image2.special.__data_load);
    expect(word(image2, t + 4)).toBe(image2.special.__bss_end);
    expect(word(image2, t + 8)).toBe(image2.special.__heap_start + 4);
    expect(image2.special.__data_end - image2.special.__data_start).toBe(4);
    expect(image2.special.__bss_end - image2.special.__bss_start).toBe(4);
  });

  it("keeps empty sections out of the section list", () => {
    const image2 = link(minimal(), smallLayout, { entry: "reset" });
    expect(image2.sections.map((s) => s.name)).toEqual([".vectors", ".text"]);
    expect(image2.special.__data_start).toBe(image2.special.__data_end);
  });
});

describe("link: BL encoding (ARMv6-M ARM A6.7.13)", () => {
  it("matches known encodings", () => {
    expect(encodeThumbBl(-4)).toEqual([0xf7ff, 0xfffe]); // bl . (branch to itself)
    expect(encodeThumbBl(0)).toEqual([0xf000, 0xf800]);
    expect(encodeThumbBl(0x1e)).toEqual([0xf000, 0xf80f]);
  });

  it("round-trips across the whole ±16 MB range", () => {
    for (const offset of [-(1 << 24), -(1 << 22) - 2, -0x1000, -2, 2, 0x7fe, 0x800, 1 << 22, (1 << 23) + 6, (1 << 24) - 2]) {
      const [a, b] = encodeThumbBl(offset);
      expect(decodeThumbBl(a, b)).toBe(offset);
    }
    expect(() => encodeThumbBl(1 << 24)).toThrow();
    expect(() => encodeThumbBl(3)).toThrow();
  });

  it("calls backwards", () => {
    const callee = func("callee", halfwords(0x4770, 0xbf00));
    const caller = func("caller", halfwords(0xb500, 0xf000, 0xf800, 0xbd00), {
      relocs: [{ offset: 2, kind: "thumb-call", symbol: "callee", addend: 0 }],
    });
    const image = link(minimal([callee, caller]), smallLayout, { entry: "reset" });
    const at = symbol(image, "caller").address + 2;
    expect(at + 4 + decodeThumbBl(half(image, at), half(image, at + 2))).toBe(symbol(image, "callee").address);
  });

  it("rejects a call out of BL range", () => {
    const ramFunction = func("in_ram", halfwords(0x4770, 0xbf00), { section: ".data" });
    const caller = func("caller", halfwords(0xf000, 0xf800), {
      relocs: [{ offset: 0, kind: "thumb-call", symbol: "in_ram", addend: 0 }],
    });
    const error = errorOf(() => link(minimal([ramFunction, caller]), smallLayout, { entry: "reset" }));
    expect(error.message).toMatch(/caller.*in_ram.*out of BL range/);
  });

  it("rejects a call to a data object", () => {
    const caller = func("caller", halfwords(0xf000, 0xf800), {
      relocs: [{ offset: 0, kind: "thumb-call", symbol: "table", addend: 0 }],
    });
    const table = object("table", ".rodata", words(1));
    expect(() => link(minimal([caller, table]), smallLayout, { entry: "reset" })).toThrow(/data object/);
  });
});

describe("link: errors", () => {
  it("names undefined symbols and who references them", () => {
    const user = func("user", halfwords(0xf000, 0xf800, 0, 0), {
      module: "examples/app.ts",
      relocs: [
        { offset: 0, kind: "thumb-call", symbol: "missing_fn", addend: 0 },
        { offset: 4, kind: "abs32", symbol: "missing_data", addend: 0 },
      ],
    });
    const error = errorOf(() => link(minimal([user]), smallLayout, { entry: "reset" }));
    expect(error.message).toContain("undefined symbols");
    expect(error.message).toMatch(/"missing_fn", referenced by user \(examples\/app\.ts\)/);
    expect(error.message).toMatch(/"missing_data", referenced by user \(examples\/app\.ts\)/);
  });

  it("rejects duplicate symbols, naming both modules", () => {
    const a = func("twice", halfwords(0x4770), { module: "a.ts" });
    const b = func("twice", halfwords(0x4770), { module: "b.ts" });
    const error = errorOf(() => link(minimal([a, b]), smallLayout, { entry: "reset" }));
    expect(error.message).toMatch(/duplicate symbol[\s\S]*"twice" defined by a\.ts.*b\.ts/);
  });

  it("rejects chunks that take a linker symbol's name", () => {
    const clash = object("__stack_top", ".rodata", words(0));
    expect(() => link(minimal([clash]), smallLayout, { entry: "reset" })).toThrow(/reserved for the linker/);
  });

  it("throws ImageTooLargeError with a size breakdown when flash overflows", () => {
    const big = func("big", new Uint8Array(0x300), { module: "examples/big.ts" });
    const table = object("table", ".rodata", new Uint8Array(0x100), { module: "sdk/lib/tables.ts" });
    const error = errorOf(() => link(minimal([big, table]), smallLayout, { entry: "reset" }));
    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect(error.message).toMatch(/flash: needs \d+ bytes, has 1024/);
    expect(error.message).toMatch(/text \d+ .*rodata 256.*data 0/);
    expect(error.message).toMatch(/biggest modules:\n\s+examples\/big\.ts\s+768[\s\S]*sdk\/lib\/tables\.ts\s+256/);
  });

  it("throws ImageTooLargeError when RAM (data + bss + stack) overflows", () => {
    const buffer = object("buffer", ".bss", new Uint8Array(0), { size: 0x180, module: "examples/buffers.ts" });
    const error = errorOf(() => link(minimal([buffer]), smallLayout, { entry: "reset" }));
    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect(error.message).toMatch(/RAM: needs 640 bytes \(static 384 \+ stack 256\), has 512/);
    expect(error.message).toContain("bss 384");
    expect(error.message).toContain("examples/buffers.ts");
  });

  it("requires exactly one vector table, an entry function and a fitting boot2", () => {
    expect(() => link([func("reset", halfwords(0x4770))], smallLayout, { entry: "reset" })).toThrow(/exactly one .vectors/);
    expect(() => link(minimal(), smallLayout, { entry: "nope" })).toThrow(/entry point "nope"/);
    const boot2 = object("boot2", ".boot2", new Uint8Array(260), { module: "rt:boot2" });
    expect(() => link([boot2, ...demoChunks()], layoutOf(pico), { entry: "main" })).toThrow(/boot2 is 260 bytes/);
  });

  it("validates chunk sizes, alignment and relocation offsets", () => {
    expect(() => link(minimal([func("odd", halfwords(0), { align: 3 })]), smallLayout, { entry: "reset" })).toThrow(/power of two/);
    expect(() => link(minimal([func("short", halfwords(0), { size: 4 })]), smallLayout, { entry: "reset" })).toThrow(/size 4 but 2 bytes/);
    const outside = func("outside", halfwords(0, 0), { relocs: [{ offset: 2, kind: "abs32", symbol: "reset", addend: 0 }] });
    expect(() => link(minimal([outside]), smallLayout, { entry: "reset" })).toThrow(/outside its 4 bytes/);
  });
});

describe("symbolize", () => {
  const image = link(demoChunks(), layoutOf(mps2), { entry: "main" });

  it("maps a PC to function, file, line and column", () => {
    expect(symbolize(image, 0x72)).toEqual({ function: "helper", file: "demo.ts", line: 5, column: 13 });
    expect(symbolize(image, 0x75)).toEqual({ function: "helper", file: "demo.ts", line: 6, column: 1 }); // Thumb bit ignored
  });

  it("maps a return address minus 2 to the calling line", () => {
    // The first BL to helper is at 0x4e; its return address is 0x53 (with the Thumb bit).
    expect(symbolize(image, 0x53 - 2)).toMatchObject({ function: "main", line: 10 });
  });

  it("returns the function without a position where it has no lines, undefined outside code", () => {
    expect(symbolize(image, 0x40)).toEqual({ function: "hang" });
    expect(symbolize(image, 0x4)).toBeUndefined(); // the vector table is data
    expect(symbolize(image, 0x42)).toBeUndefined(); // padding after hang
    expect(symbolize(image, 0x1000)).toBeUndefined();
  });

  it("uses the display name", () => {
    const chunks = demoChunks().map((c) => (c.name === HELPER_SYMBOL ? { ...c, displayName: "Uart.write" } : c));
    const renamed = link(chunks, layoutOf(mps2), { entry: "main" });
    expect(symbolize(renamed, 0x70)?.function).toBe("Uart.write");
  });
});
