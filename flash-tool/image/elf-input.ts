// `mote image sign app.elf`: the flash contents an ELF file describes, as one binary and its
// address. Reads the ELF32 little-endian program headers (System V ABI, "Program Header"):
// every PT_LOAD segment with file bytes goes to its physical address p_paddr (where a flasher
// writes it; .data's initial values sit in flash after .rodata), gaps filled with zeros as
// mote's own .bin writer fills them.

const PT_LOAD = 1;

/** The ELF file cannot be read as a 32-bit little-endian executable. */
export class ElfInputError extends Error {}

export interface FlashContents { address: number; bytes: Uint8Array }

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** The bytes the ELF's loadable segments put in flash, from the lowest address. */
export function flashContentsOfElf(bytes: Uint8Array, source = "the ELF file"): FlashContents {
  if (!isElf(bytes)) throw new ElfInputError(`${source} is not an ELF file`);
  if (bytes.length < 52 || bytes[4] !== 1 || bytes[5] !== 1) throw new ElfInputError(`${source} is not a 32-bit little-endian ELF file (Cortex-M images are)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  if (phnum === 0 || phoff + phnum * phentsize > bytes.length || phentsize < 32) throw new ElfInputError(`${source} has no readable program headers`);

  const segments: Array<{ address: number; data: Uint8Array }> = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const offset = view.getUint32(at + 4, true);
    const paddr = view.getUint32(at + 12, true);
    const filesz = view.getUint32(at + 16, true);
    if (filesz === 0) continue;
    if (offset + filesz > bytes.length) throw new ElfInputError(`${source}: segment ${i} runs past the end of the file`);
    segments.push({ address: paddr, data: bytes.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) throw new ElfInputError(`${source} has no loadable bytes`);
  const start = Math.min(...segments.map((s) => s.address));
  const end = Math.max(...segments.map((s) => s.address + s.data.length));
  const out = new Uint8Array(end - start);
  for (const s of segments) out.set(s.data, s.address - start);
  return { address: start, bytes: out };
}
