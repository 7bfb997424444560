// A growable little-endian byte buffer for the image writers (ELF, DWARF, UF2). Every
// multi-byte field in these formats is little-endian on our targets (ELF32 ELFDATA2LSB,
// DWARF follows the ELF byte order, UF2 spec "all fields are little endian").

const INITIAL_CAPACITY = 256;
const textEncoder = new TextEncoder();

export class ByteWriter {
  private buffer = new Uint8Array(INITIAL_CAPACITY);
  private view = new DataView(this.buffer.buffer);
  private used = 0;

  get length(): number {
    return this.used;
  }

  private reserve(extra: number): void {
    const needed = this.used + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): this {
    this.reserve(1);
    this.buffer[this.used++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    this.reserve(2);
    this.view.setUint16(this.used, value & 0xffff, true);
    this.used += 2;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.used, value >>> 0, true);
    this.used += 4;
    return this;
  }

  /** Unsigned LEB128 (DWARF 4 §7.6). */
  uleb(value: number): this {
    if (value < 0 || !Number.isInteger(value)) throw new Error(`uleb: ${value} is not an unsigned integer`);
    let rest = value;
    do {
      let byte = rest % 128;
      rest = Math.floor(rest / 128);
      if (rest !== 0) byte |= 0x80;
      this.u8(byte);
    } while (rest !== 0);
    return this;
  }

  /** Signed LEB128 (DWARF 4 §7.6). */
  sleb(value: number): this {
    if (!Number.isInteger(value)) throw new Error(`sleb: ${value} is not an integer`);
    let rest = value;
    for (;;) {
      const byte = ((rest % 128) + 128) % 128;
      rest = Math.floor(rest / 128);
      const signBitSet = (byte & 0x40) !== 0;
      if ((rest === 0 && !signBitSet) || (rest === -1 && signBitSet)) {
        this.u8(byte);
        return this;
      }
      this.u8(byte | 0x80);
    }
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.used);
    this.used += data.length;
    return this;
  }

  /** UTF-8 text followed by a NUL (ELF string tables, DW_FORM_string). */
  cstring(text: string): this {
    return this.bytes(textEncoder.encode(text)).u8(0);
  }

  zeros(count: number): this {
    this.reserve(count);
    this.buffer.fill(0, this.used, this.used + count);
    this.used += count;
    return this;
  }

  /** Pads with zeros up to a multiple of `alignment` (counted from the buffer start). */
  align(alignment: number): this {
    const remainder = this.used % alignment;
    if (remainder !== 0) this.zeros(alignment - remainder);
    return this;
  }

  /** Overwrites a word written earlier (length fields known only at the end of a unit). */
  patchU32(at: number, value: number): void {
    this.view.setUint32(at, value >>> 0, true);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.used);
  }
}
