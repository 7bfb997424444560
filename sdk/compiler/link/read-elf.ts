// Reads an ELF that mote built (sdk/compiler/emit/elf.ts) back into the parts of a
// LinkedImage that symbolizing needs (symbolize.ts, sdk/cli/crash.ts): the function symbols
// with their display names and modules, the line table, and the flash bytes. This is how
// host tools that were not part of the build (`mote telemetry --elf app.elf`) turn a device's
// crash words into file.ts:line frames.
//
// References: System V gABI "Object Files" (header, section and program headers, symbols);
// DWARF 4 §6.2 (the line number program) and §7.5 (.debug_info, .debug_abbrev). Only what
// the mote ELF writer produces needs to be understood, but the readers follow the standard
// (any standard opcode or form), so they also cope with an ELF from elsewhere.

import type { LineEntry } from "../asm/types.ts";
import type { LinkedImage, LinkedSymbol } from "./types.ts";

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const ELFCLASS32 = 1;
const ELFDATA2LSB = 1;
const EM_ARM = 40;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const STT_FUNC = 2;
const THUMB_BIT = 1;

/** A file that is not a 32-bit little-endian ARM ELF, or is cut short. */
export class ElfReadError extends Error {}

interface Section { name: string; type: number; address: number; offset: number; size: number; link: number }

/** Reads `bytes` (an ELF file) into a LinkedImage for symbolize() and crashFrames(). */
export function readElfImage(bytes: Uint8Array): LinkedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 52 || ELF_MAGIC.some((b, i) => bytes[i] !== b)) throw new ElfReadError("not an ELF file");
  if (bytes[4] !== ELFCLASS32 || bytes[5] !== ELFDATA2LSB || view.getUint16(18, true) !== EM_ARM) {
    throw new ElfReadError("not a 32-bit little-endian ARM ELF (mote builds those for Cortex-M)");
  }
  const u32 = (at: number) => checked(view, at, 4) && view.getUint32(at, true);
  const u16 = (at: number) => checked(view, at, 2) && view.getUint16(at, true);
  const entry = u32(24) & ~THUMB_BIT;
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);

  const rawSections = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return { nameOffset: u32(at), type: u32(at + 4), address: u32(at + 12), offset: u32(at + 16), size: u32(at + 20), link: u32(at + 24) };
  });
  const names = rawSections[shstrndx];
  if (!names) throw new ElfReadError("the section name table is missing");
  const sections: Section[] = rawSections.map((s) => ({ ...s, name: cString(bytes, names.offset + s.nameOffset) }));
  const contents = (section: Section | undefined): Uint8Array | undefined => {
    if (!section) return undefined;
    if (section.offset + section.size > bytes.length) throw new ElfReadError(`section ${section.name} runs past the end of the file`);
    return bytes.subarray(section.offset, section.offset + section.size);
  };
  const byName = (name: string) => sections.find((s) => s.name === name);

  // Flash: every loadable segment's file bytes at its load (physical) address.
  const segments = Array.from({ length: phnum }, (_, i) => {
    const at = phoff + i * phentsize;
    return { type: u32(at), offset: u32(at + 4), paddr: u32(at + 12), filesz: u32(at + 16) };
  }).filter((p) => p.type === PT_LOAD && p.filesz > 0);
  const origin = segments.length > 0 ? Math.min(...segments.map((p) => p.paddr)) : 0;
  const end = segments.length > 0 ? Math.max(...segments.map((p) => p.paddr + p.filesz)) : 0;
  const flashBytes = new Uint8Array(end - origin);
  for (const p of segments) {
    if (p.offset + p.filesz > bytes.length) throw new ElfReadError("a segment runs past the end of the file");
    flashBytes.set(bytes.subarray(p.offset, p.offset + p.filesz), p.paddr - origin);
  }

  const subprograms = readSubprograms(contents(byName(".debug_info")), contents(byName(".debug_abbrev")));
  const symbols: LinkedSymbol[] = [];
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (symtab) {
    const table = contents(symtab)!;
    const strtab = sections[symtab.link];
    const tableView = new DataView(table.buffer, table.byteOffset, table.byteLength);
    for (let at = 16; at + 16 <= table.length; at += 16) {
      const info = table[at + 12];
      const size = tableView.getUint32(at + 8, true);
      if ((info & 0xf) !== STT_FUNC || size === 0) continue;
      const name = cString(bytes, strtab.offset + tableView.getUint32(at, true));
      const address = tableView.getUint32(at + 4, true) & ~THUMB_BIT;
      const debug = subprograms.get(address);
      symbols.push({ name, displayName: debug?.name ?? name, address, size, kind: "func", section: ".text", module: debug?.module ?? "" });
    }
  }

  const lines = readLines(contents(byName(".debug_line")));
  lines.sort((a, b) => a.offset - b.offset);
  return {
    sections: [],
    symbols,
    lines,
    entry,
    layout: { flash: { origin, length: flashBytes.length }, ram: { origin: 0, length: 0 }, vectorTableOffset: 0, stackSize: 0 },
    flashBytes,
    special: {},
  };
}

function checked(view: DataView, at: number, size: number): true {
  if (at + size > view.byteLength) throw new ElfReadError("the file is cut short");
  return true;
}

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(at, end)).toString("utf8");
}

/** A little-endian reader over a section's bytes (LEB128 as DWARF §7.6 defines it). */
class Cursor {
  at = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get done(): boolean { return this.at >= this.bytes.length; }
  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new ElfReadError("debug information is cut short");
  }
  u8(): number { this.need(1); return this.bytes[this.at++]; }
  u16(): number { this.need(2); const v = this.view.getUint16(this.at, true); this.at += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.at, true); this.at += 4; return v; }
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return result;
    }
  }
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return byte & 0x40 ? result - scale : result;
    }
  }
  cstring(): string {
    const start = this.at;
    while (this.u8() !== 0) { /* to the NUL */ }
    return Buffer.from(this.bytes.subarray(start, this.at - 1)).toString("utf8");
  }
  skip(n: number): void { this.need(n); this.at += n; }
}

// DWARF 4 §7.5.4–7.5.6.
const DW_TAG_compile_unit = 0x11;
const DW_TAG_subprogram = 0x2e;
const DW_AT_name = 0x03;
const DW_AT_low_pc = 0x11;

interface Abbrev { tag: number; children: boolean; attributes: Array<[number, number]> }

/** Function start address → its DW_AT_name and its compile unit's (the module). */
function readSubprograms(info: Uint8Array | undefined, abbrevBytes: Uint8Array | undefined): Map<number, { name: string; module: string }> {
  const found = new Map<number, { name: string; module: string }>();
  if (!info || !abbrevBytes) return found;
  const cursor = new Cursor(info);
  while (!cursor.done) {
    const unitStart = cursor.at;
    const length = cursor.u32();
    const unitEnd = unitStart + 4 + length;
    cursor.u16(); // version
    const abbrevs = readAbbrevs(abbrevBytes, cursor.u32());
    const addressSize = cursor.u8();
    let module = "";
    while (cursor.at < unitEnd) {
      const code = cursor.uleb();
      if (code === 0) continue; // end of a children list
      const abbrev = abbrevs.get(code);
      if (!abbrev) throw new ElfReadError(`.debug_info uses abbreviation ${code}, which .debug_abbrev does not define`);
      let name: string | undefined;
      let lowPc: number | undefined;
      for (const [attribute, form] of abbrev.attributes) {
        const value = readForm(cursor, form, addressSize);
        if (attribute === DW_AT_name && typeof value === "string") name = value;
        if (attribute === DW_AT_low_pc && typeof value === "number") lowPc = value;
      }
      if (abbrev.tag === DW_TAG_compile_unit) module = name ?? "";
      if (abbrev.tag === DW_TAG_subprogram && name !== undefined && lowPc !== undefined) found.set(lowPc & ~THUMB_BIT, { name, module });
    }
    cursor.at = unitEnd;
  }
  return found;
}

function readAbbrevs(bytes: Uint8Array, offset: number): Map<number, Abbrev> {
  const cursor = new Cursor(bytes);
  cursor.at = offset;
  const table = new Map<number, Abbrev>();
  for (;;) {
    const code = cursor.uleb();
    if (code === 0) return table;
    const tag = cursor.uleb();
    const children = cursor.u8() !== 0;
    const attributes: Array<[number, number]> = [];
    for (;;) {
      const attribute = cursor.uleb();
      const form = cursor.uleb();
      if (attribute === 0 && form === 0) break;
      attributes.push([attribute, form]);
    }
    table.set(code, { tag, children, attributes });
  }
}

/** Reads one attribute value (§7.5.6 forms); strings and addresses/constants are returned,
 *  anything else is skipped. */
function readForm(cursor: Cursor, form: number, addressSize: number): string | number | undefined {
  switch (form) {
    case 0x01: return addressSize === 4 ? cursor.u32() : (cursor.skip(addressSize), undefined); // addr
    case 0x0b: case 0x11: case 0x0c: return cursor.u8(); // data1, ref1, flag
    case 0x05: case 0x12: return cursor.u16(); // data2, ref2
    case 0x06: case 0x13: case 0x17: case 0x0e: case 0x10: return cursor.u32(); // data4, ref4, sec_offset, strp, ref_addr
    case 0x07: case 0x14: case 0x20: cursor.skip(8); return undefined; // data8, ref8, ref_sig8
    case 0x08: return cursor.cstring(); // string
    case 0x0f: case 0x15: return cursor.uleb(); // udata, ref_udata
    case 0x0d: return cursor.sleb(); // sdata
    case 0x19: return 1; // flag_present
    case 0x0a: cursor.skip(cursor.u8()); return undefined; // block1
    case 0x03: cursor.skip(cursor.u16()); return undefined; // block2
    case 0x04: cursor.skip(cursor.u32()); return undefined; // block4
    case 0x09: case 0x18: cursor.skip(cursor.uleb()); return undefined; // block, exprloc
    default: throw new ElfReadError(`.debug_info uses form 0x${form.toString(16)}, which this reader does not know`);
  }
}

// DWARF 4 §6.2.5.
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_const_add_pc = 8;
const DW_LNS_fixed_advance_pc = 9;
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;

/** Every row of every line program in .debug_line, as LineEntry (absolute addresses). */
function readLines(section: Uint8Array | undefined): LineEntry[] {
  const rows: LineEntry[] = [];
  if (!section) return rows;
  const cursor = new Cursor(section);
  while (!cursor.done) {
    const unitStart = cursor.at;
    const unitEnd = unitStart + 4 + cursor.u32();
    const version = cursor.u16();
    const headerLength = cursor.u32();
    const programStart = cursor.at + headerLength;
    const minInstructionLength = cursor.u8();
    if (version >= 4) cursor.u8(); // maximum_operations_per_instruction
    cursor.u8(); // default_is_stmt
    const lineBase = (cursor.u8() << 24) >> 24;
    const lineRange = cursor.u8();
    const opcodeBase = cursor.u8();
    const operandCounts = [0];
    for (let i = 1; i < opcodeBase; i++) operandCounts.push(cursor.u8());
    const directories = [""];
    for (let dir = cursor.cstring(); dir !== ""; dir = cursor.cstring()) directories.push(dir);
    const files = [""];
    for (let name = cursor.cstring(); name !== ""; name = cursor.cstring()) {
      const directory = cursor.uleb();
      cursor.uleb(); // mtime
      cursor.uleb(); // length
      files.push(directory > 0 ? `${directories[directory]}/${name}` : name);
    }
    cursor.at = programStart;

    let address = 0;
    let file = 1;
    let line = 1;
    let column = 0;
    const emit = () => rows.push({ offset: address, file: files[file] ?? "?", line, column });
    const reset = () => { address = 0; file = 1; line = 1; column = 0; };
    while (cursor.at < unitEnd) {
      const opcode = cursor.u8();
      if (opcode >= opcodeBase) {
        const adjusted = opcode - opcodeBase;
        address += Math.floor(adjusted / lineRange) * minInstructionLength;
        line += lineBase + (adjusted % lineRange);
        emit();
        continue;
      }
      switch (opcode) {
        case 0: {
          const length = cursor.uleb();
          const next = cursor.at + length;
          const extended = cursor.u8();
          if (extended === DW_LNE_end_sequence) reset();
          else if (extended === DW_LNE_set_address) address = cursor.u32();
          cursor.at = next;
          break;
        }
        case DW_LNS_copy: emit(); break;
        case DW_LNS_advance_pc: address += cursor.uleb() * minInstructionLength; break;
        case DW_LNS_advance_line: line += cursor.sleb(); break;
        case DW_LNS_set_file: file = cursor.uleb(); break;
        case DW_LNS_set_column: column = cursor.uleb(); break;
        case DW_LNS_const_add_pc: address += Math.floor((255 - opcodeBase) / lineRange) * minInstructionLength; break;
        case DW_LNS_fixed_advance_pc: address += cursor.u16(); break;
        default:
          for (let i = 0; i < operandCounts[opcode]; i++) cursor.uleb();
      }
    }
    cursor.at = unitEnd;
  }
  return rows;
}
