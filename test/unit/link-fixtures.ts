// Hand-assembled chunks shared by the linker and image-writer tests: a tiny program for
// QEMU mps2-an385 that prints "hi\n" on the CMSDK UART through a helper function and exits
// through semihosting. Encodings are from the ARMv6-M Architecture Reference Manual
// (section A6.7); each halfword is commented with its instruction.

import { stackSizeFor } from "../../sdk/compiler/index.ts";
import type { LineEntry, Reloc } from "../../sdk/compiler/asm/types.ts";
import type { Board } from "../../boards/types.ts";
import type { Chunk, LinkLayout } from "../../sdk/compiler/link/types.ts";

export const DEMO_FILE = "demo.ts";
/** The source the chunks stand for; line numbers in the line tables below refer to it. */
export const DEMO_SOURCE = `// demo.ts: the source the hand-assembled chunks in the linker tests stand for.
const uart = cmsdkUart(0x40004000);

function helper(c: number): void {
  uart.data = c;
}

function main(): void {
  uart.ctrl = 1;
  helper(0x68);
  helper(0x69);
  helper(0x0a);
  exit(0);
}
`;
/** The helper's linker symbol differs from its display name, as a mangled name would. */
export const HELPER_SYMBOL = "demo__helper";
export const HELPER_BODY_LINE = 5;
export const HELPER_END_LINE = 6;
export const MAIN_FIRST_CALL_LINE = 10;

/** CMSDK APB UART0 on mps2-an385 (BOARDS.md): DATA +0, CTRL +8 (bit 0 = TX enable). */
const UART0 = 0x40004000;
/** Semihosting: SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit (0x20026) and a code. */
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
const CORTEX_M_SYSTEM_VECTORS = 16;

export function halfwords(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint16(i * 2, v, true));
  return bytes;
}

export function words(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0, true));
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function line(offset: number, lineNumber: number, column: number, file = DEMO_FILE): LineEntry {
  return { offset, file, line: lineNumber, column };
}

export function func(name: string, bytes: Uint8Array, extra: Partial<Chunk> = {}): Chunk {
  return { name, section: ".text", bytes, size: bytes.length, align: 4, relocs: [], kind: "func", module: "test.ts", ...extra };
}

export function object(name: string, section: Chunk["section"], bytes: Uint8Array, extra: Partial<Chunk> = {}): Chunk {
  return { name, section, bytes, size: bytes.length, align: 4, relocs: [], kind: "object", module: "test.ts", ...extra };
}

export function vectorTable(entries: Array<string | number>, extra: Partial<Chunk> = {}): Chunk {
  const relocs: Reloc[] = [];
  entries.forEach((entry, i) => {
    if (typeof entry === "string") {
      // Entry 0 is the initial SP (an address); the others are Thumb code pointers.
      relocs.push({ offset: i * 4, kind: "abs32", symbol: entry, addend: i === 0 ? 0 : 1 });
    }
  });
  const values = entries.map((e) => (typeof e === "number" ? e : 0));
  return object("__vectors", ".vectors", words(...values), { relocs, module: "rt:vectors", align: 128, ...extra });
}

export function layoutOf(board: Board): LinkLayout {
  return {
    flash: board.chip.flash,
    ram: board.chip.ram,
    vectorTableOffset: board.chip.vectorTableOffset,
    stackSize: stackSizeFor(board),
  };
}

/** The demo program: vectors, `hang` (rt:demo), `main` and `helper` (demo.ts), data. */
export function demoChunks(): Chunk[] {
  const vectors = vectorTable([
    "__stack_top",
    "main",
    ...Array.from({ length: CORTEX_M_SYSTEM_VECTORS - 2 }, () => "hang"),
  ]);
  const hang = func("hang", halfwords(0xe7fe /* b . */), { module: "rt:demo", align: 2 });

  const mainCode = concat(
    halfwords(
      0xb510, //  0 push {r4, lr}
      0x4c08, //  2 ldr r4, [pc, #32]   → literal at 36 (UART0)
      0x2001, //  4 movs r0, #1
      0x60a0, //  6 str r0, [r4, #8]    CTRL = TX enable
      0x2068, //  8 movs r0, #'h'
      0xf000, 0xf800, // 10 bl helper
      0x2069, // 14 movs r0, #'i'
      0xf000, 0xf800, // 16 bl helper
      0x200a, // 20 movs r0, #'\n'
      0xf000, 0xf800, // 22 bl helper
      0x2020, // 26 movs r0, #0x20     SYS_EXIT_EXTENDED
      0x4902, // 28 ldr r1, [pc, #8]   → literal at 40 (&exit_args)
      0xbeab, // 30 bkpt 0xab
      0xe7fe, // 32 b .
      0xbf00, // 34 nop (pads the literal pool to a word)
    ),
    words(UART0, 0 /* &exit_args, relocated */),
  );
  const main = func("main", mainCode, {
    module: DEMO_FILE,
    relocs: [
      { offset: 10, kind: "thumb-call", symbol: HELPER_SYMBOL, addend: 0 },
      { offset: 16, kind: "thumb-call", symbol: HELPER_SYMBOL, addend: 0 },
      { offset: 22, kind: "thumb-call", symbol: HELPER_SYMBOL, addend: 0 },
      { offset: 40, kind: "abs32", symbol: "exit_args", addend: 0 },
    ],
    lines: [
      line(0, 8, 1),
      line(2, 9, 3),
      line(8, MAIN_FIRST_CALL_LINE, 3),
      line(14, 11, 3),
      line(20, 12, 3),
      line(26, 13, 3),
    ],
    dataInCode: [{ offset: 36, size: 8 }],
  });

  const helperCode = concat(
    halfwords(
      0x4901, // 0 ldr r1, [pc, #4]   → literal at 8 (UART0)
      0x6008, // 2 str r0, [r1, #0]   DATA = c
      0x4770, // 4 bx lr
      0xbf00, // 6 nop
    ),
    words(UART0),
  );
  const helper = func(HELPER_SYMBOL, helperCode, {
    module: DEMO_FILE,
    displayName: "helper",
    lines: [line(0, HELPER_BODY_LINE, 3), line(2, HELPER_BODY_LINE, 13), line(4, HELPER_END_LINE, 1)],
    dataInCode: [{ offset: 8, size: 4 }],
  });

  const exitArgs = object("exit_args", ".rodata", words(ADP_STOPPED_APPLICATION_EXIT, 0), { module: DEMO_FILE });
  const counter = object("counter", ".data", words(0x12345678), { module: DEMO_FILE });
  const buffer = object("buffer", ".bss", new Uint8Array(0), { size: 64, module: DEMO_FILE });
  return [vectors, hang, main, helper, exitArgs, counter, buffer];
}
