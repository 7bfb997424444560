// DWARF 4 debug information for a linked image, so gdb and binutils show TypeScript:
// `.debug_line` maps addresses to .ts file/line/column, `.debug_info` has one compile unit
// per source module with a DW_TAG_subprogram per function (names in `bt`), and
// `.debug_aranges` / `.debug_ranges` let a debugger find the unit for an address.
//
// Section numbers below refer to the DWARF 4 standard (dwarfstd.org, June 2010).
// Version 4 rather than 5: every consumer we test with (gdb 13, binutils 2.40) reads it
// fully, and its file table is simpler (no forms in the header).
//
// Each compile unit gets its own line program, whose file table lists every file its
// functions' lines refer to (the module's own file first). Units sharing one program would
// make gdb decode it once per unit and put each line in several symtabs.

import type { LineEntry } from "../asm/types.ts";
import { LINKER_MODULE } from "../link/link.ts";
import type { LinkedImage, LinkedSymbol } from "../link/types.ts";
import { ByteWriter } from "./byte-writer.ts";

/** §7.5.4 / §7.5.5: tags, attributes and forms used here. */
const DW_TAG_compile_unit = 0x11;
const DW_TAG_subprogram = 0x2e;
const DW_CHILDREN_no = 0;
const DW_CHILDREN_yes = 1;
const DW_AT_name = 0x03;
const DW_AT_stmt_list = 0x10;
const DW_AT_low_pc = 0x11;
const DW_AT_high_pc = 0x12;
const DW_AT_language = 0x13;
const DW_AT_comp_dir = 0x1b;
const DW_AT_producer = 0x25;
const DW_AT_decl_file = 0x3a;
const DW_AT_decl_line = 0x3b;
const DW_AT_external = 0x3f;
const DW_AT_ranges = 0x55;
const DW_FORM_addr = 0x01;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_string = 0x08;
const DW_FORM_udata = 0x0f;
const DW_FORM_sec_offset = 0x17;
const DW_FORM_flag_present = 0x19;

/** §7.12. gdb 13 sets line breakpoints and prints frames for C99 units; TypeScript has no
 *  registered code, and C is the language whose expression syntax is closest for `print`. */
export const DW_LANG_C99 = 0x000c;

const DWARF_VERSION = 4;
/** §6.1.2: .debug_aranges has its own version number, 2. */
const ARANGES_VERSION = 2;
const ADDRESS_SIZE = 4;

/** §6.2.5.2 standard opcodes and §6.2.5.3 extended opcodes. */
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
/** §6.2.4 items 9–12: operand counts of opcodes 1..12. */
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
const OPCODE_BASE = STANDARD_OPCODE_LENGTHS.length + 1;
/** Special opcode tuning as GCC uses it (§6.2.5.1): lines -5..+8 per row. */
const LINE_BASE = -5;
const LINE_RANGE = 14;
/** Addresses advance in bytes; Thumb instructions are 2-byte aligned but 1 is always right. */
const MIN_INSTRUCTION_LENGTH = 1;
const MAX_OPS_PER_INSTRUCTION = 1;
const MAX_SPECIAL_OPCODE = 255;

export interface DwarfOptions {
  producer: string;
  compDir?: string;
  language?: number;
}

export interface DwarfSections {
  ".debug_abbrev": Uint8Array;
  ".debug_info": Uint8Array;
  ".debug_line": Uint8Array;
  ".debug_aranges": Uint8Array;
  /** Only when some unit's code is not contiguous. */
  ".debug_ranges"?: Uint8Array;
}

interface CompileUnit {
  module: string;
  functions: LinkedSymbol[];
  /** Code ranges [start, end), merged where the unit's functions are adjacent. */
  ranges: Array<[number, number]>;
}

/** Splits a source path into (directory, file name) for the line table's two-level naming
 *  (§6.2.4 items 15–16): a relative directory is taken relative to DW_AT_comp_dir. */
function splitPath(path: string): [string, string] {
  const normal = path.replace(/\\/g, "/");
  const slash = normal.lastIndexOf("/");
  if (slash < 0) return ["", normal];
  return [slash === 0 ? "/" : normal.slice(0, slash), normal.slice(slash + 1)];
}

/** Lines inside [start, end) of a sorted line array. */
function linesWithin(lines: readonly LineEntry[], start: number, end: number): LineEntry[] {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].offset < start) lo = mid + 1;
    else hi = mid;
  }
  const result: LineEntry[] = [];
  for (let i = lo; i < lines.length && lines[i].offset < end; i++) result.push(lines[i]);
  return result;
}

/** Drops rows that a later row at the same address overrides, and rows that repeat the
 *  previous position (both would only add bytes). */
function significantRows(lines: LineEntry[]): LineEntry[] {
  const rows: LineEntry[] = [];
  for (const entry of lines) {
    const last = rows[rows.length - 1];
    if (last && last.offset === entry.offset) rows.pop();
    const previous = rows[rows.length - 1];
    if (previous && previous.file === entry.file && previous.line === entry.line && previous.column === entry.column) continue;
    rows.push(entry);
  }
  return rows;
}

function compileUnits(image: LinkedImage): CompileUnit[] {
  const functions = image.symbols
    .filter((s) => s.kind === "func" && s.module !== LINKER_MODULE && s.size > 0)
    .sort((a, b) => a.address - b.address);
  const units = new Map<string, CompileUnit>();
  let previous: LinkedSymbol | undefined;
  for (const fn of functions) {
    let unit = units.get(fn.module);
    if (!unit) {
      unit = { module: fn.module, functions: [], ranges: [] };
      units.set(fn.module, unit);
    }
    unit.functions.push(fn);
    const lastRange = unit.ranges[unit.ranges.length - 1];
    // Adjacent in address order (only alignment padding between): extend the range.
    if (lastRange && previous && previous.module === fn.module) lastRange[1] = fn.address + fn.size;
    else unit.ranges.push([fn.address, fn.address + fn.size]);
    previous = fn;
  }
  return [...units.values()];
}

class AbbrevTable {
  private readonly codes = new Map<string, number>();
  private readonly writer = new ByteWriter();

  /** The abbreviation code for this DIE shape, declared on first use (§7.5.3). */
  code(tag: number, children: boolean, attributes: Array<[number, number]>): number {
    const key = `${tag}/${children}/${attributes.map(([a, f]) => `${a}:${f}`).join(",")}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.codes.size + 1;
      this.codes.set(key, code);
      this.writer.uleb(code).uleb(tag).u8(children ? DW_CHILDREN_yes : DW_CHILDREN_no);
      for (const [attribute, form] of attributes) this.writer.uleb(attribute).uleb(form);
      this.writer.uleb(0).uleb(0);
    }
    return code;
  }

  finish(): Uint8Array {
    return new ByteWriter().bytes(this.writer.finish()).u8(0).finish();
  }
}

interface LineProgram {
  fileIndex: Map<string, number>;
}

/** One line-number program (§6.2) for a unit; returns the file numbering it used. */
function writeLineProgram(out: ByteWriter, unit: CompileUnit, rowsByFunction: LineEntry[][]): LineProgram {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const addFile = (file: string) => {
    if (!seenFiles.has(file)) {
      seenFiles.add(file);
      files.push(file);
    }
  };
  // The module's own file first when it has lines, so decl_file is usually 1.
  if (rowsByFunction.some((rows) => rows.some((r) => r.file === unit.module))) addFile(unit.module);
  for (const rows of rowsByFunction) for (const row of rows) addFile(row.file);

  const directories: string[] = [];
  const fileEntries: Array<{ name: string; directory: number }> = [];
  for (const file of files) {
    const [dir, name] = splitPath(file);
    let directory = 0; // 0: the compilation directory (§6.2.4 item 15)
    if (dir !== "" && dir !== ".") {
      directory = directories.indexOf(dir) + 1;
      if (directory === 0) directory = directories.push(dir);
    }
    fileEntries.push({ name, directory });
  }
  const fileIndex = new Map(files.map((file, i) => [file, i + 1] as const));

  const start = out.length;
  out.u32(0); // unit_length, patched below
  out.u16(DWARF_VERSION);
  const headerLengthAt = out.length;
  out.u32(0); // header_length, patched below
  const headerStart = out.length;
  out.u8(MIN_INSTRUCTION_LENGTH);
  out.u8(MAX_OPS_PER_INSTRUCTION);
  out.u8(1); // default_is_stmt: every row is a statement boundary
  out.u8(LINE_BASE & 0xff);
  out.u8(LINE_RANGE);
  out.u8(OPCODE_BASE);
  for (const length of STANDARD_OPCODE_LENGTHS) out.u8(length);
  for (const dir of directories) out.cstring(dir);
  out.u8(0);
  for (const entry of fileEntries) out.cstring(entry.name).uleb(entry.directory).uleb(0).uleb(0); // no mtime/length
  out.u8(0);
  out.patchU32(headerLengthAt, out.length - headerStart);

  unit.functions.forEach((fn, i) => {
    const rows = rowsByFunction[i];
    if (rows.length === 0) return;
    // One sequence per function (§6.2.5.3 DW_LNE_end_sequence ends it at the function end).
    out.u8(0).uleb(1 + ADDRESS_SIZE).u8(DW_LNE_set_address).u32(rows[0].offset);
    let address = rows[0].offset;
    let file = 1;
    let line = 1;
    let column = 0;
    for (const row of rows) {
      const rowFile = fileIndex.get(row.file) ?? 1;
      if (rowFile !== file) {
        out.u8(DW_LNS_set_file).uleb(rowFile);
        file = rowFile;
      }
      if (row.column !== column) {
        out.u8(DW_LNS_set_column).uleb(Math.max(0, row.column));
        column = row.column;
      }
      const addressDelta = row.offset - address;
      const lineDelta = row.line - line;
      const special = lineDelta - LINE_BASE + LINE_RANGE * addressDelta + OPCODE_BASE;
      if (lineDelta >= LINE_BASE && lineDelta < LINE_BASE + LINE_RANGE && special <= MAX_SPECIAL_OPCODE) {
        out.u8(special);
      } else {
        if (addressDelta !== 0) out.u8(DW_LNS_advance_pc).uleb(addressDelta);
        if (lineDelta !== 0) out.u8(DW_LNS_advance_line).sleb(lineDelta);
        out.u8(DW_LNS_copy);
      }
      address = row.offset;
      line = row.line;
    }
    const end = fn.address + fn.size;
    if (end > address) out.u8(DW_LNS_advance_pc).uleb(end - address);
    out.u8(0).uleb(1).u8(DW_LNE_end_sequence);
  });
  out.patchU32(start, out.length - start - 4);
  return { fileIndex };
}

export function buildDwarf(image: LinkedImage, options: DwarfOptions): DwarfSections {
  const abbrevs = new AbbrevTable();
  const info = new ByteWriter();
  const line = new ByteWriter();
  const aranges = new ByteWriter();
  const ranges = new ByteWriter();
  const language = options.language ?? DW_LANG_C99;

  for (const unit of compileUnits(image)) {
    const rowsByFunction = unit.functions.map((fn) =>
      significantRows(linesWithin(image.lines, fn.address, fn.address + fn.size)));
    const hasLines = rowsByFunction.some((rows) => rows.length > 0);
    let program: LineProgram | undefined;
    let stmtList = 0;
    if (hasLines) {
      stmtList = line.length;
      program = writeLineProgram(line, unit, rowsByFunction);
    }

    // Compile unit header (§7.5.1.1).
    const unitStart = info.length;
    info.u32(0); // unit_length, patched below
    info.u16(DWARF_VERSION);
    info.u32(0); // debug_abbrev_offset: one shared table
    info.u8(ADDRESS_SIZE);

    const attributes: Array<[number, number]> = [
      [DW_AT_producer, DW_FORM_string],
      [DW_AT_language, DW_FORM_data2],
      [DW_AT_name, DW_FORM_string],
    ];
    if (options.compDir !== undefined) attributes.push([DW_AT_comp_dir, DW_FORM_string]);
    if (hasLines) attributes.push([DW_AT_stmt_list, DW_FORM_sec_offset]);
    const contiguous = unit.ranges.length === 1;
    // §3.1.1: a unit covering several address ranges uses DW_AT_ranges, with DW_AT_low_pc 0
    // as the base address the range list entries are relative to (§2.17.3).
    attributes.push([DW_AT_low_pc, DW_FORM_addr], contiguous ? [DW_AT_high_pc, DW_FORM_data4] : [DW_AT_ranges, DW_FORM_sec_offset]);
    info.uleb(abbrevs.code(DW_TAG_compile_unit, true, attributes));
    info.cstring(options.producer).u16(language).cstring(unit.module);
    if (options.compDir !== undefined) info.cstring(options.compDir);
    if (hasLines) info.u32(stmtList);
    if (contiguous) {
      info.u32(unit.ranges[0][0]).u32(unit.ranges[0][1] - unit.ranges[0][0]);
    } else {
      info.u32(0).u32(ranges.length);
      for (const [start, end] of unit.ranges) ranges.u32(start).u32(end);
      ranges.u32(0).u32(0);
    }

    unit.functions.forEach((fn, i) => {
      const first = rowsByFunction[i][0];
      const declFile = first && program ? program.fileIndex.get(first.file) : undefined;
      // No DW_AT_linkage_name: for C units gdb would show and look up that name instead of
      // DW_AT_name, and people should see "Point.add", not the mangled linker symbol (which
      // is still in .symtab for `break <symbol>` and objdump).
      const subprogram: Array<[number, number]> = [[DW_AT_name, DW_FORM_string]];
      subprogram.push([DW_AT_external, DW_FORM_flag_present], [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data4]);
      if (declFile !== undefined) subprogram.push([DW_AT_decl_file, DW_FORM_udata], [DW_AT_decl_line, DW_FORM_udata]);
      info.uleb(abbrevs.code(DW_TAG_subprogram, false, subprogram));
      info.cstring(fn.displayName);
      info.u32(fn.address).u32(fn.size);
      if (declFile !== undefined) info.uleb(declFile).uleb(first.line);
    });
    info.u8(0); // end of the unit's children
    info.patchU32(unitStart, info.length - unitStart - 4);

    // Address range table (§6.1.2): tuples start at a multiple of twice the address size.
    const setStart = aranges.length;
    aranges.u32(0).u16(ARANGES_VERSION).u32(unitStart).u8(ADDRESS_SIZE).u8(0);
    aranges.align(2 * ADDRESS_SIZE);
    for (const [start, end] of unit.ranges) aranges.u32(start).u32(end - start);
    aranges.u32(0).u32(0);
    aranges.patchU32(setStart, aranges.length - setStart - 4);
  }

  const sections: DwarfSections = {
    ".debug_abbrev": abbrevs.finish(),
    ".debug_info": info.finish(),
    ".debug_line": line.finish(),
    ".debug_aranges": aranges.finish(),
  };
  if (ranges.length > 0) sections[".debug_ranges"] = ranges.finish();
  return sections;
}
