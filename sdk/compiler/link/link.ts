// The linker: places chunks (one function or data object each) into the board's flash and
// RAM, defines the symbols start-up code needs, and resolves relocations.
//
// Flash, from flash.origin:
//   .boot2    (optional; must fit in the vectorTableOffset bytes before the vectors)
//   .vectors  at flash.origin + vectorTableOffset (exactly one chunk)
//   .text, .rodata
//   .data's initial bytes (the load address, __data_load), copied to RAM by start-up code
// RAM, from ram.origin:
//   .data, .bss, then the heap up to the stack, which takes the top stackSize bytes.
//
// Chunks keep their input order inside a section: the back end decides it (e.g. grouping
// a module's functions keeps the DWARF compile units contiguous).

import type { LineEntry, Reloc } from "../asm/types.ts";
import { moduleSizes, percent, totalsOf, type SizedItem } from "./sizes.ts";
import {
  ImageTooLargeError,
  type Chunk,
  type LinkLayout,
  type LinkedImage,
  type LinkedSection,
  type LinkedSymbol,
  type SectionName,
} from "./types.ts";

export interface LinkOptions {
  /** The reset handler: a function chunk; its address becomes the ELF entry point. */
  entry: string;
}

/** Module name given to the linker-defined symbols (in the map and the ELF symbols). */
export const LINKER_MODULE = "linker";

/** Start-up code copies .data and zeroes .bss a word at a time, so both are padded to this. */
const WORD = 4;
/** AAPCS §5.2.1.2: the stack pointer is 8-byte aligned at public interfaces; the heap
 *  start gets the same alignment so an allocator can hand out 8-aligned blocks. */
const HEAP_ALIGN = 8;
/** ARMv6-M ARM A6.7.13 (BL, encoding T1): imm32 is a signed 25-bit even offset. */
const BL_MIN_OFFSET = -(1 << 24);
const BL_MAX_OFFSET = (1 << 24) - 2;
/** A6.7.13: the branch offset is relative to the address of the BL plus 4. */
const THUMB_PC_OFFSET = 4;
/** How many modules the "does not fit" message lists. */
const BIGGEST_MODULES_SHOWN = 8;

const SECTION_NAMES: readonly SectionName[] = [".boot2", ".vectors", ".text", ".rodata", ".noinit", ".data", ".bss"];

interface Placed {
  chunk: Chunk;
  /** Run address. */
  address: number;
  /** Where its initial bytes sit in flash (equals `address` except in .data). */
  loadAddress: number;
}

interface SectionPlan {
  name: SectionName;
  address: number;
  loadAddress: number;
  size: number;
  placed: Placed[];
}

interface SymbolTarget {
  address: number;
  kind: "func" | "object";
  /** undefined for linker-defined symbols. */
  chunk?: Chunk;
}

export function link(chunks: Chunk[], layout: LinkLayout, options: LinkOptions): LinkedImage {
  for (const chunk of chunks) validateChunk(chunk);
  const bySection = groupBySection(chunks);
  checkDuplicates(chunks);
  checkUndefined(chunks);

  // --- Flash placement.
  const flashEnd = layout.flash.origin + layout.flash.length;
  const vectorAddress = layout.flash.origin + layout.vectorTableOffset;
  const boot2 = placeSection(".boot2", bySection.get(".boot2") ?? [], layout.flash.origin);
  if (boot2.placed.length > 0 && boot2.address + boot2.size > vectorAddress) {
    throw new Error(
      `link: .boot2 is ${boot2.size} bytes but only ${layout.vectorTableOffset} bytes are reserved before the ` +
        `vector table at 0x${hex(vectorAddress)}; boot2 must fit in LinkLayout.vectorTableOffset`,
    );
  }
  const vectorChunks = bySection.get(".vectors") ?? [];
  if (vectorChunks.length !== 1) {
    const found = vectorChunks.length === 0 ? "none" : vectorChunks.map((c) => c.name).join(", ");
    throw new Error(`link: expected exactly one .vectors chunk (the vector table), found ${found}`);
  }
  if (vectorAddress % vectorChunks[0].align !== 0) {
    throw new Error(
      `link: the vector table "${vectorChunks[0].name}" needs ${vectorChunks[0].align}-byte alignment but goes at 0x${hex(vectorAddress)}`,
    );
  }
  const vectors = placeSection(".vectors", vectorChunks, vectorAddress);
  const text = placeSection(".text", bySection.get(".text") ?? [], vectors.address + vectors.size);
  const rodata = placeSection(".rodata", bySection.get(".rodata") ?? [], text.address + text.size);

  // --- RAM placement; .data's load address follows .rodata in flash.
  const noinit = placeSection(".noinit", bySection.get(".noinit") ?? [], layout.ram.origin, WORD);
  const dataChunks = bySection.get(".data") ?? [];
  const data = placeSection(".data", dataChunks, noinit.address + noinit.size, WORD);
  const dataLoad = alignUp(rodata.address + rodata.size, sectionAlign(dataChunks, WORD));
  data.loadAddress = dataLoad;
  for (const p of data.placed) p.loadAddress = dataLoad + (p.address - data.address);
  const bss = placeSection(".bss", bySection.get(".bss") ?? [], data.address + data.size, WORD);

  const ramEnd = layout.ram.origin + layout.ram.length;
  const special: Record<string, number> = {
    __data_load: dataLoad,
    __data_start: data.address,
    __data_end: data.address + data.size,
    __bss_start: bss.address,
    __bss_end: bss.address + bss.size,
    __heap_start: alignUp(bss.address + bss.size, HEAP_ALIGN),
    __heap_end: ramEnd - layout.stackSize,
    __stack_limit: ramEnd - layout.stackSize + stackReserve(layout.stackSize),
    __stack_top: ramEnd,
  };

  checkFits(chunks, layout, { flashUsedEnd: dataLoad + data.size, flashEnd, heapStart: special.__heap_start });

  // --- Symbols.
  const plans = [boot2, vectors, text, rodata, noinit, data, bss];
  const targets = new Map<string, SymbolTarget>();
  const symbols: LinkedSymbol[] = [];
  for (const plan of plans) {
    for (const p of plan.placed) {
      targets.set(p.chunk.name, { address: p.address, kind: p.chunk.kind, chunk: p.chunk });
      symbols.push({
        name: p.chunk.name,
        displayName: p.chunk.displayName ?? p.chunk.name,
        address: p.address,
        size: p.chunk.size,
        kind: p.chunk.kind,
        section: plan.name,
        module: p.chunk.module,
      });
    }
  }
  for (const [name, address] of Object.entries(special)) {
    targets.set(name, { address, kind: "object" });
    symbols.push({
      name,
      displayName: name,
      address,
      size: 0,
      kind: "object",
      section: name.startsWith("__data_") ? ".data" : ".bss",
      module: LINKER_MODULE,
    });
  }
  symbols.sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));

  // --- Contents and relocations.
  const sections: LinkedSection[] = [];
  for (const plan of plans) {
    if (plan.size === 0) continue;
    const noBytes = plan.name === ".bss" || plan.name === ".noinit";
    const bytes = noBytes ? new Uint8Array(0) : new Uint8Array(plan.size);
    if (!noBytes) {
      for (const p of plan.placed) {
        const at = p.address - plan.address;
        bytes.set(p.chunk.bytes, at);
        for (const reloc of p.chunk.relocs) applyReloc(bytes, at, p, reloc, targets);
      }
    }
    sections.push({ name: plan.name, address: plan.address, loadAddress: plan.loadAddress, size: plan.size, bytes });
  }

  const flashBytes = new Uint8Array(dataLoad + data.size - layout.flash.origin);
  for (const section of sections) {
    if (section.name === ".bss" || section.name === ".noinit") continue;
    flashBytes.set(section.bytes, section.loadAddress - layout.flash.origin);
  }

  // --- Lines and data-in-code, made absolute.
  const lines: LineEntry[] = [];
  const dataInCode: Array<{ address: number; size: number }> = [];
  for (const plan of plans) {
    for (const p of plan.placed) {
      for (const entry of p.chunk.lines ?? []) lines.push({ ...entry, offset: p.address + entry.offset });
      for (const range of p.chunk.dataInCode ?? []) dataInCode.push({ address: p.address + range.offset, size: range.size });
    }
  }
  // Array.prototype.sort is stable: entries at one address keep their chunk order.
  lines.sort((a, b) => a.offset - b.offset);
  dataInCode.sort((a, b) => a.address - b.address);

  const entry = targets.get(options.entry);
  if (!entry || entry.kind !== "func") {
    throw new Error(
      `link: entry point "${options.entry}" ${entry ? "is a data object, not a function" : "is not defined by any chunk"}`,
    );
  }

  return {
    sections,
    symbols,
    lines,
    entry: entry.address,
    layout,
    flashBytes,
    special,
    ...(dataInCode.length > 0 ? { dataInCode } : {}),
  };
}

function validateChunk(chunk: Chunk): void {
  const where = `chunk "${chunk.name}" (${chunk.module})`;
  if (!chunk.name) throw new Error(`link: a chunk from ${chunk.module} has an empty name`);
  if (!SECTION_NAMES.includes(chunk.section)) throw new Error(`link: ${where} has unknown section "${chunk.section}"`);
  if (!Number.isInteger(chunk.align) || chunk.align < 1 || (chunk.align & (chunk.align - 1)) !== 0) {
    throw new Error(`link: ${where} has alignment ${chunk.align}; expected a power of two`);
  }
  if (!Number.isInteger(chunk.size) || chunk.size < 0) throw new Error(`link: ${where} has invalid size ${chunk.size}`);
  if (chunk.section !== ".bss" && chunk.bytes.length !== chunk.size) {
    throw new Error(`link: ${where} has size ${chunk.size} but ${chunk.bytes.length} bytes of contents`);
  }
  if ((chunk.section === ".bss" || chunk.section === ".noinit") && chunk.relocs.length > 0) {
    throw new Error(`link: ${where} is in .bss (zero-initialised) but has relocations; put it in .data`);
  }
  for (const reloc of chunk.relocs) {
    const width = 4; // abs32 is one word; thumb-call is two halfwords
    if (reloc.offset < 0 || reloc.offset + width > chunk.size) {
      throw new Error(`link: ${where} has a ${reloc.kind} relocation at offset ${reloc.offset}, outside its ${chunk.size} bytes`);
    }
    if (reloc.kind === "thumb-call" && reloc.offset % 2 !== 0) {
      throw new Error(`link: ${where} has a thumb-call relocation at odd offset ${reloc.offset}`);
    }
  }
}

function groupBySection(chunks: Chunk[]): Map<SectionName, Chunk[]> {
  const bySection = new Map<SectionName, Chunk[]>();
  for (const chunk of chunks) {
    const list = bySection.get(chunk.section) ?? [];
    list.push(chunk);
    bySection.set(chunk.section, list);
  }
  return bySection;
}

const SPECIAL_NAMES = new Set([
  "__data_load", "__data_start", "__data_end", "__bss_start", "__bss_end", "__heap_start", "__heap_end", "__stack_limit",
  "__stack_top",
]);

/** Stack kept below __stack_limit, where functions that can recurse stop the program
 *  (sdk/compiler/passes/stack-checks.ts): room for the calls between two checks and for the
 *  crash report. An eighth of the stack (256 bytes of the micro:bit's 2 KB), at most 1 KB. */
function stackReserve(stackSize: number): number {
  return Math.min(1024, stackSize >> 3);
}

function checkDuplicates(chunks: Chunk[]): void {
  const seen = new Map<string, Chunk>();
  const problems: string[] = [];
  for (const chunk of chunks) {
    if (SPECIAL_NAMES.has(chunk.name)) {
      problems.push(`  "${chunk.name}" from ${chunk.module} is reserved for the linker`);
      continue;
    }
    const first = seen.get(chunk.name);
    if (first) problems.push(`  "${chunk.name}" defined by ${first.module} (${first.section}) and again by ${chunk.module} (${chunk.section})`);
    else seen.set(chunk.name, chunk);
  }
  if (problems.length > 0) {
    throw new Error(`link: duplicate symbol${problems.length > 1 ? "s" : ""}:\n${problems.join("\n")}\n` +
      "Every chunk name must be unique in the image; the code generator should mangle names per module.");
  }
}

function checkUndefined(chunks: Chunk[]): void {
  const defined = new Set([...chunks.map((c) => c.name), ...SPECIAL_NAMES]);
  const missing = new Map<string, string[]>();
  for (const chunk of chunks) {
    for (const reloc of chunk.relocs) {
      if (defined.has(reloc.symbol)) continue;
      const users = missing.get(reloc.symbol) ?? [];
      const user = `${chunk.name} (${chunk.module})`;
      if (!users.includes(user)) users.push(user);
      missing.set(reloc.symbol, users);
    }
  }
  if (missing.size === 0) return;
  const lines = [...missing].map(([symbol, users]) => `  "${symbol}", referenced by ${users.join(", ")}`);
  throw new Error(`link: undefined symbol${missing.size > 1 ? "s" : ""}:\n${lines.join("\n")}`);
}

function sectionAlign(chunks: Chunk[], minimum = 1): number {
  return chunks.reduce((align, c) => Math.max(align, c.align), minimum);
}

function placeSection(name: SectionName, chunks: Chunk[], start: number, padTo = 1): SectionPlan {
  const address = alignUp(start, sectionAlign(chunks));
  let cursor = address;
  const placed: Placed[] = [];
  for (const chunk of chunks) {
    cursor = alignUp(cursor, chunk.align);
    placed.push({ chunk, address: cursor, loadAddress: cursor });
    cursor += chunk.size;
  }
  return { name, address, loadAddress: address, size: alignUp(cursor, padTo) - address, placed };
}

function checkFits(
  chunks: Chunk[],
  layout: LinkLayout,
  at: { flashUsedEnd: number; flashEnd: number; heapStart: number },
): void {
  const flashUsed = at.flashUsedEnd - layout.flash.origin;
  // Up to the heap start, so a fitting image always has __heap_start <= __heap_end.
  const ramStatic = at.heapStart - layout.ram.origin;
  const ramNeeded = ramStatic + layout.stackSize;
  const flashOver = at.flashUsedEnd > at.flashEnd;
  const ramOver = ramNeeded > layout.ram.length;
  if (!flashOver && !ramOver) return;

  const items: SizedItem[] = chunks;
  const totals = totalsOf(items);
  const problems: string[] = [];
  if (flashOver) {
    problems.push(`flash: needs ${flashUsed} bytes, has ${layout.flash.length} (${flashUsed - layout.flash.length} over)`);
  }
  if (ramOver) {
    problems.push(`RAM: needs ${ramNeeded} bytes (static ${ramStatic} + stack ${layout.stackSize}), has ${layout.ram.length} ` +
      `(${ramNeeded - layout.ram.length} over)`);
  }
  const modules = moduleSizes(items).slice(0, BIGGEST_MODULES_SHOWN);
  const width = Math.max(...modules.map((m) => m.module.length), 6);
  const message = [
    `image too large: ${problems.join("; ")}`,
    `  flash ${flashUsed} of ${layout.flash.length} bytes (${percent(flashUsed, layout.flash.length)}): ` +
      `text ${totals.text} (vectors/boot2/code), rodata ${totals.rodata}, data ${totals.data} (initial values)`,
    `  RAM   ${ramNeeded} of ${layout.ram.length} bytes (${percent(ramNeeded, layout.ram.length)}): ` +
      `data ${totals.data}, bss ${totals.bss}, stack ${layout.stackSize}`,
    "  biggest modules:",
    ...modules.map((m) =>
      `    ${m.module.padEnd(width)} ${String(m.total).padStart(8)}  (text ${m.text}, rodata ${m.rodata}, data ${m.data}, bss ${m.bss})`),
    "  Remove code or data from the biggest modules, or pick a board with more memory.",
  ].join("\n");
  throw new ImageTooLargeError(message);
}

function applyReloc(bytes: Uint8Array, chunkAt: number, placed: Placed, reloc: Reloc, targets: Map<string, SymbolTarget>): void {
  const target = targets.get(reloc.symbol);
  if (!target) throw new Error(`link: internal error: "${reloc.symbol}" vanished after the undefined-symbol check`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = chunkAt + reloc.offset;
  const value = target.address + reloc.addend;
  switch (reloc.kind) {
    case "abs32":
      view.setUint32(at, value >>> 0, true);
      return;
    case "thumb-call": {
      if (target.chunk && target.kind !== "func") {
        throw new Error(`link: ${placed.chunk.name} (${placed.chunk.module}) calls "${reloc.symbol}", which is a data object`);
      }
      // The Thumb bit of S + A is not part of a BL target (AAELF32 R_ARM_THM_CALL: ((S + A) | T) - P,
      // with bit 0 discarded by the encoding).
      const offset = (value & ~1) - (placed.address + reloc.offset + THUMB_PC_OFFSET);
      if (offset < BL_MIN_OFFSET || offset > BL_MAX_OFFSET) {
        throw new Error(
          `link: ${placed.chunk.name} (${placed.chunk.module}) calls "${reloc.symbol}" at 0x${hex(value)} from ` +
            `0x${hex(placed.address + reloc.offset)}: out of BL range (±16 MB). Call through a register instead.`,
        );
      }
      const [first, second] = encodeThumbBl(offset);
      view.setUint16(at, first, true);
      view.setUint16(at + 2, second, true);
      return;
    }
  }
}

/** BL, encoding T1 (ARMv6-M ARM A6.7.13): S:I1:I2:imm10:imm11:'0', with J1 = NOT(I1) XOR S
 *  and J2 = NOT(I2) XOR S. Returns the two halfwords in instruction order. */
export function encodeThumbBl(offset: number): [number, number] {
  if (offset % 2 !== 0 || offset < BL_MIN_OFFSET || offset > BL_MAX_OFFSET) {
    throw new Error(`BL offset ${offset} is odd or out of range`);
  }
  const s = offset < 0 ? 1 : 0;
  const i1 = (offset >> 23) & 1;
  const i2 = (offset >> 22) & 1;
  const imm10 = (offset >> 12) & 0x3ff;
  const imm11 = (offset >> 1) & 0x7ff;
  const j1 = (i1 ^ 1) ^ s;
  const j2 = (i2 ^ 1) ^ s;
  return [0xf000 | (s << 10) | imm10, 0xd000 | (j1 << 13) | (j2 << 11) | imm11];
}

/** The inverse of encodeThumbBl: the byte offset from (BL address + 4) to the target. */
export function decodeThumbBl(first: number, second: number): number {
  const s = (first >> 10) & 1;
  const imm10 = first & 0x3ff;
  const j1 = (second >> 13) & 1;
  const j2 = (second >> 11) & 1;
  const imm11 = second & 0x7ff;
  const i1 = (j1 ^ s) ^ 1;
  const i2 = (j2 ^ s) ^ 1;
  const unsigned = (s << 24) | (i1 << 23) | (i2 << 22) | (imm10 << 12) | (imm11 << 1);
  return (unsigned << 7) >> 7; // sign-extend from bit 24
}

function alignUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}
