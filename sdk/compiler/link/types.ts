// The contract between the compiler back end (which produces chunks: one per function or
// data object) and the linker / image writers (sdk/compiler/link, sdk/compiler/emit).

import type { LineEntry, Reloc, SourcePos } from "../asm/types.ts";
import type { StackFrame } from "../ir/ir.ts";

/** `.noinit`: RAM that start-up code leaves alone and that no loader writes, at the start of
 *  RAM so that every image for a board finds it at the same address (the crash record kept
 *  across a reset). */
export type SectionName = ".vectors" | ".boot2" | ".text" | ".rodata" | ".noinit" | ".data" | ".bss";

/** One function or one data object, placed by the linker as a unit. */
export interface Chunk {
  /** Linker symbol; unique in the image. Functions are Thumb code: a reference used as a
   *  code pointer (a vector table entry, a function value) is an abs32 reloc with addend 1. */
  name: string;
  section: SectionName;
  /** Contents; for .bss the bytes are all zero and only `size` matters. */
  bytes: Uint8Array;
  size: number;
  align: number;
  relocs: Reloc[];
  /** .text only: source lines by code offset. */
  lines?: LineEntry[];
  kind: "func" | "object";
  /** Who this belongs to, for the size report: a source file relative to the project
   *  ("examples/hello/app.ts", "sdk/lib/console.ts") or a runtime part ("rt:armv6m"). */
  module: string;
  /** Name a person reads in a backtrace ("fib", "Point.add"); defaults to `name`. */
  displayName?: string;
  /** Functions only: byte ranges that are data, not instructions (literal pools, jump
   *  tables). The ELF writer marks them with `$d` mapping symbols (AAELF32 §5.5.5) so
   *  disassemblers and debuggers do not decode them as code. Optional. */
  dataInCode?: Array<{ offset: number; size: number }>;
  /** Functions only: the method names it may call (passes/method-uses.ts), and the prefixes
   *  of those it may call by names known only at run time ("get ": any getter; "": any
   *  method); what link/reachable.ts keeps of the method tables. Hand-written code calls no
   *  methods. */
  methodNames?: ReadonlySet<string>;
  methodPrefixes?: ReadonlySet<string>;
  /** Functions of the program's own code: what err.stack needs to walk through their frames
   *  (emit/call-sites.ts): the frame's size in the body (from SP to past the saved LR, which
   *  is its top word), and each call's return offset, position and callee (none: a value call). */
  stackFrames?: { frame: StackFrame; frameBytes: number; calls: Array<{ returnOffset: number; pos: SourcePos; callee?: string }> };
}

export interface MemoryRegion { origin: number; length: number }

export interface LinkLayout {
  flash: MemoryRegion;
  ram: MemoryRegion;
  /** Bytes reserved at the start of flash before the vector table (pico: 256 for boot2,
   *  filled by the `.boot2` chunk if one is given). */
  vectorTableOffset: number;
  /** Bytes at the top of RAM kept for the main stack (the initial SP is the end of RAM). */
  stackSize: number;
}

export interface LinkedSymbol {
  name: string;
  displayName: string;
  address: number;       // functions: the even address of the first instruction
  size: number;
  kind: "func" | "object";
  section: SectionName;
  module: string;
}

export interface LinkedSection {
  name: SectionName;
  /** Run address. */
  address: number;
  /** Load address (differs from `address` only for .data, which is copied from flash). */
  loadAddress: number;
  size: number;
  /** Empty for .bss. */
  bytes: Uint8Array;
}

export interface LinkedImage {
  sections: LinkedSection[];
  symbols: LinkedSymbol[];
  /** Absolute addresses, sorted. */
  lines: LineEntry[];
  /** Address of the entry function (the reset handler). */
  entry: number;
  layout: LinkLayout;
  /** The flash image from flash.origin: vectors/boot2, .text, .rodata, .data's initial bytes. */
  flashBytes: Uint8Array;
  /** Linker-defined symbols used by start-up code, also in `symbols`:
   *  __data_load, __data_start, __data_end, __bss_start, __bss_end, __heap_start, __heap_end,
   *  __stack_top. */
  special: Record<string, number>;
  /** Absolute ranges inside functions that hold data (from Chunk.dataInCode), sorted. */
  dataInCode?: Array<{ address: number; size: number }>;
}

/** Thrown when the image does not fit; `message` carries the size breakdown. */
export class ImageTooLargeError extends Error {}
