// ELF32 executable for a linked image: what QEMU loads with -kernel, what gdb debugs and
// what binutils inspect. References: System V gABI "Object Files" chapter (header, section
// and program headers, symbol table) and Arm's "ELF for the Arm Architecture" (AAELF32:
// e_flags §5.2, mapping symbols §5.5.5, build attributes in "Addenda to, and Errata in,
// the ABI for the Arm Architecture" §2).
//
// File layout: ELF header, program headers, the loadable sections' contents, the
// non-loadable ones (attributes, DWARF, symbols, names), then the section header table.

import { LINKER_MODULE } from "../link/link.ts";
import type { LinkedImage, LinkedSection, SectionName } from "../link/types.ts";
import { ByteWriter } from "./byte-writer.ts";
import { buildDebugFrame } from "./debug-frame.ts";
import { buildDwarf } from "./dwarf.ts";

export interface ElfOptions {
  /** The board's CPU ("cortex-m0plus", "cortex-m3"…), for the build attributes that tell
   *  objdump which instructions exist and gdb that this is an M-profile core. */
  cpu: string;
  /** DW_AT_producer; defaults to "mote". */
  producer?: string;
  /** DW_AT_comp_dir: the project directory that relative source paths start from. */
  compDir?: string;
}

// gABI ELF header fields.
const ELF_HEADER_SIZE = 52;
const PROGRAM_HEADER_SIZE = 32;
const SECTION_HEADER_SIZE = 40;
const SYMBOL_SIZE = 16;
const ELFCLASS32 = 1;
const ELFDATA2LSB = 1;
const EV_CURRENT = 1;
const ELFOSABI_NONE = 0;
const EI_NIDENT = 16;
const ET_EXEC = 2;
const EM_ARM = 40;
/** AAELF32 §5.2: EF_ARM_EABI_VER5 (0x05000000) | EF_ARM_ABI_FLOAT_SOFT (0x200). */
const EF_ARM_EABI5_SOFT_FLOAT = 0x05000200;

// Section types and flags.
const SHT_NULL = 0;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
/** AAELF32 §5.3.3. */
const SHT_ARM_ATTRIBUTES = 0x70000003;
const SHF_WRITE = 0x1;
const SHF_ALLOC = 0x2;
const SHF_EXECINSTR = 0x4;
const SHN_ABS = 0xfff1;

// Program headers.
const PT_LOAD = 1;
const PF_X = 0x1;
const PF_W = 0x2;
const PF_R = 0x4;

// Symbols.
const STB_LOCAL = 0;
const STB_GLOBAL = 1;
const STT_NOTYPE = 0;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const STV_DEFAULT = 0;

/** AAELF32 §5.5.3: a Thumb function symbol's value has bit 0 set. */
const THUMB_BIT = 1;

// Build attributes (ABI addenda §2.4 and §2.5): a public "aeabi" subsection of file-scope tags.
const ATTRIBUTES_FORMAT_VERSION = 0x41; // 'A'
const ATTRIBUTES_VENDOR = "aeabi";
const Tag_File = 1;
const Tag_CPU_name = 5;
const Tag_CPU_arch = 6;
const Tag_CPU_arch_profile = 7;
const Tag_ARM_ISA_use = 8;
const Tag_THUMB_ISA_use = 9;
const PROFILE_MICROCONTROLLER = 0x4d; // 'M'
const ARM_ISA_NOT_PERMITTED = 0;

interface CpuAttributes { arch: number; thumbIsa: number }
/** Tag_CPU_arch values: 10 = v7, 12 = v6S-M, 13 = v7E-M. Tag_THUMB_ISA_use: 1 = 16-bit
 *  Thumb only (plus BL, MRS…), 2 = Thumb-2. What GCC writes for the same -mcpu. */
const CPU_ATTRIBUTES: Record<string, CpuAttributes> = {
  "cortex-m0": { arch: 12, thumbIsa: 1 },
  "cortex-m0plus": { arch: 12, thumbIsa: 1 },
  "cortex-m1": { arch: 12, thumbIsa: 1 },
  "cortex-m3": { arch: 10, thumbIsa: 2 },
  "cortex-m4": { arch: 13, thumbIsa: 2 },
  "cortex-m7": { arch: 13, thumbIsa: 2 },
};

const DEFAULT_PRODUCER = "mote";
const DEFAULT_SECTION_ALIGN = 4;

interface OutputSection {
  name: string;
  type: number;
  flags: number;
  address: number;
  data: Uint8Array;
  /** Memory size; differs from data.length only for NOBITS. */
  size: number;
  align: number;
  link?: number;
  info?: number;
  entrySize?: number;
  offset?: number;
}

interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  bind: number;
  type: number;
  sectionIndex: number;
}

function sectionFlags(name: SectionName): number {
  switch (name) {
    case ".boot2":
    case ".text":
      return SHF_ALLOC | SHF_EXECINSTR;
    case ".vectors":
    case ".rodata":
      return SHF_ALLOC;
    case ".noinit":
    case ".data":
    case ".bss":
      return SHF_ALLOC | SHF_WRITE;
  }
}

function segmentFlags(sectionFlagBits: number): number {
  let flags = PF_R;
  if (sectionFlagBits & SHF_EXECINSTR) flags |= PF_X;
  if (sectionFlagBits & SHF_WRITE) flags |= PF_W;
  return flags;
}

/** The largest power of two (up to the word size) dividing the address: the section's
 *  alignment as placed, which is all a consumer of a final image can use. */
function alignmentOf(address: number): number {
  let align = DEFAULT_SECTION_ALIGN;
  while (align > 1 && address % align !== 0) align /= 2;
  return align;
}

function buildAttributes(cpu: string): Uint8Array {
  const known = CPU_ATTRIBUTES[cpu];
  if (!known) {
    throw new Error(`writeElf: unknown cpu "${cpu}"; expected one of ${Object.keys(CPU_ATTRIBUTES).join(", ")}`);
  }
  const tags = new ByteWriter()
    .uleb(Tag_CPU_name).cstring(cpu)
    .uleb(Tag_CPU_arch).uleb(known.arch)
    .uleb(Tag_CPU_arch_profile).uleb(PROFILE_MICROCONTROLLER)
    .uleb(Tag_ARM_ISA_use).uleb(ARM_ISA_NOT_PERMITTED)
    .uleb(Tag_THUMB_ISA_use).uleb(known.thumbIsa)
    .finish();
  // Each length counts itself: the Tag_File sub-subsection's includes its tag byte and
  // length word, the vendor subsection's includes its length word.
  const TAG_BYTE = 1;
  const LENGTH_WORD = 4;
  const fileScope = new ByteWriter().uleb(Tag_File).u32(TAG_BYTE + LENGTH_WORD + tags.length).bytes(tags).finish();
  const vendor = new ByteWriter().cstring(ATTRIBUTES_VENDOR).bytes(fileScope).finish();
  return new ByteWriter().u8(ATTRIBUTES_FORMAT_VERSION).u32(LENGTH_WORD + vendor.length).bytes(vendor).finish();
}

class StringTable {
  private readonly writer = new ByteWriter().u8(0);
  private readonly offsets = new Map<string, number>([["", 0]]);

  add(text: string): number {
    let offset = this.offsets.get(text);
    if (offset === undefined) {
      offset = this.writer.length;
      this.writer.cstring(text);
      this.offsets.set(text, offset);
    }
    return offset;
  }

  finish(): Uint8Array {
    return this.writer.finish();
  }
}

export function writeElf(image: LinkedImage, opts: ElfOptions): Uint8Array {
  const sections: OutputSection[] = [
    { name: "", type: SHT_NULL, flags: 0, address: 0, data: new Uint8Array(0), size: 0, align: 0 },
  ];
  const indexByName = new Map<SectionName, number>();
  const loadable: Array<{ section: LinkedSection; out: OutputSection }> = [];
  for (const section of image.sections) {
    const flags = sectionFlags(section.name);
    const out: OutputSection = {
      name: section.name,
      type: section.name === ".bss" || section.name === ".noinit" ? SHT_NOBITS : SHT_PROGBITS,
      flags,
      address: section.address,
      data: section.bytes,
      size: section.size,
      align: alignmentOf(section.address),
    };
    indexByName.set(section.name, sections.length);
    sections.push(out);
    // .noinit gets no segment: a loader (QEMU's at every reset too) would zero it.
    if (section.name !== ".noinit") loadable.push({ section, out });
  }

  sections.push({
    name: ".ARM.attributes", type: SHT_ARM_ATTRIBUTES, flags: 0, address: 0,
    data: buildAttributes(opts.cpu), size: 0, align: 1,
  });
  const dwarf = buildDwarf(image, { producer: opts.producer ?? DEFAULT_PRODUCER, compDir: opts.compDir });
  for (const [name, data] of Object.entries(dwarf)) {
    if (data) sections.push({ name, type: SHT_PROGBITS, flags: 0, address: 0, data, size: 0, align: 1 });
  }
  // Call frame information: needed by gdb 13 to unwind past frame #0 on QEMU (debug-frame.ts).
  const debugFrame = buildDebugFrame(image);
  if (debugFrame) sections.push({ name: ".debug_frame", type: SHT_PROGBITS, flags: 0, address: 0, data: debugFrame, size: 0, align: 4 });

  // --- Symbol table: locals (mapping symbols) first, then globals (gABI: sh_info is the
  // index of the first non-local symbol).
  const sectionIndexOf = (name: SectionName) => indexByName.get(name) ?? SHN_ABS;
  const locals: ElfSymbol[] = [];
  const mapping = (name: "$t" | "$d", address: number, section: SectionName) =>
    locals.push({ name, value: address, size: 0, bind: STB_LOCAL, type: STT_NOTYPE, sectionIndex: sectionIndexOf(section) });
  const dataInCode = image.dataInCode ?? [];
  for (const symbol of image.symbols) {
    if (symbol.module === LINKER_MODULE || symbol.size === 0) continue;
    const executable = (sectionFlags(symbol.section) & SHF_EXECINSTR) !== 0;
    if (symbol.section === ".vectors") mapping("$d", symbol.address, symbol.section);
    if (!executable) continue;
    if (symbol.kind === "object") {
      mapping("$d", symbol.address, symbol.section);
      continue;
    }
    // AAELF32 §5.5.5: $t at the start of Thumb code, $d at each data run inside it, and
    // $t again where code resumes.
    mapping("$t", symbol.address, symbol.section);
    const end = symbol.address + symbol.size;
    for (const range of dataInCode) {
      if (range.address < symbol.address || range.address >= end) continue;
      mapping("$d", range.address, symbol.section);
      if (range.address + range.size < end) mapping("$t", range.address + range.size, symbol.section);
    }
  }
  locals.sort((a, b) => a.value - b.value);

  const globals: ElfSymbol[] = image.symbols.map((symbol) => {
    const special = symbol.module === LINKER_MODULE && symbol.name in image.special;
    const isFunction = symbol.kind === "func";
    return {
      name: symbol.name,
      value: isFunction ? symbol.address | THUMB_BIT : symbol.address,
      size: symbol.size,
      bind: STB_GLOBAL,
      type: special ? STT_NOTYPE : isFunction ? STT_FUNC : STT_OBJECT,
      sectionIndex: special ? SHN_ABS : sectionIndexOf(symbol.section),
    };
  });

  const strtab = new StringTable();
  const symtab = new ByteWriter().zeros(SYMBOL_SIZE); // index 0: the undefined symbol
  for (const symbol of [...locals, ...globals]) {
    symtab.u32(strtab.add(symbol.name)).u32(symbol.value).u32(symbol.size)
      .u8((symbol.bind << 4) | symbol.type).u8(STV_DEFAULT).u16(symbol.sectionIndex);
  }
  const symtabIndex = sections.length;
  sections.push({
    name: ".symtab", type: SHT_SYMTAB, flags: 0, address: 0, data: symtab.finish(), size: 0, align: 4,
    link: symtabIndex + 1, info: 1 + locals.length, entrySize: SYMBOL_SIZE,
  });
  sections.push({ name: ".strtab", type: SHT_STRTAB, flags: 0, address: 0, data: strtab.finish(), size: 0, align: 1 });
  const shstrtabIndex = sections.length;
  const shstrtab: OutputSection = { name: ".shstrtab", type: SHT_STRTAB, flags: 0, address: 0, data: new Uint8Array(0), size: 0, align: 1 };
  sections.push(shstrtab);
  const names = new StringTable();
  const nameOffsets = sections.map((s) => names.add(s.name));
  shstrtab.data = names.finish();

  // --- File offsets. A loadable section's offset is congruent to its address modulo its
  // alignment (gABI: p_offset ≡ p_vaddr mod p_align) because both are multiples of it.
  const phnum = loadable.length;
  let offset = ELF_HEADER_SIZE + phnum * PROGRAM_HEADER_SIZE;
  for (const section of sections.slice(1)) {
    const align = Math.max(section.align, 1);
    offset = Math.ceil(offset / align) * align;
    section.offset = offset;
    if (section.type !== SHT_NOBITS) offset += section.data.length;
  }
  const sectionHeadersAt = Math.ceil(offset / 4) * 4;

  const out = new ByteWriter();
  // ELF header.
  out.u8(0x7f).u8(0x45).u8(0x4c).u8(0x46).u8(ELFCLASS32).u8(ELFDATA2LSB).u8(EV_CURRENT).u8(ELFOSABI_NONE);
  out.zeros(EI_NIDENT - 8);
  out.u16(ET_EXEC).u16(EM_ARM).u32(EV_CURRENT);
  out.u32(image.entry | THUMB_BIT);
  out.u32(phnum > 0 ? ELF_HEADER_SIZE : 0);
  out.u32(sectionHeadersAt);
  out.u32(EF_ARM_EABI5_SOFT_FLOAT);
  out.u16(ELF_HEADER_SIZE).u16(PROGRAM_HEADER_SIZE).u16(phnum);
  out.u16(SECTION_HEADER_SIZE).u16(sections.length).u16(shstrtabIndex);

  // Program headers: one PT_LOAD per section. p_paddr is where the bytes go in flash
  // (loaders and QEMU use it); .data runs in RAM (p_vaddr) but is loaded after .rodata.
  // .bss gets its own segment with no file bytes: sharing one with .data would make QEMU
  // zero-fill RAM-sized bytes at .data's flash address.
  for (const { section, out: s } of loadable) {
    out.u32(PT_LOAD).u32(s.offset ?? 0).u32(section.address).u32(section.loadAddress);
    out.u32(s.type === SHT_NOBITS ? 0 : s.data.length).u32(section.size);
    out.u32(segmentFlags(s.flags)).u32(s.align);
  }

  for (const section of sections.slice(1)) {
    if (section.type === SHT_NOBITS) continue;
    out.zeros((section.offset ?? 0) - out.length);
    out.bytes(section.data);
  }
  out.zeros(sectionHeadersAt - out.length);
  sections.forEach((section, i) => {
    out.u32(nameOffsets[i]).u32(section.type).u32(section.flags).u32(section.address);
    out.u32(section.offset ?? 0).u32(section.type === SHT_NOBITS ? section.size : section.data.length);
    out.u32(section.link ?? 0).u32(section.info ?? 0).u32(section.align).u32(section.entrySize ?? 0);
  });
  return out.finish();
}
