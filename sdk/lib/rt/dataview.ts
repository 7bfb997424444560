// DataView (ECMA-262 §25.3), and the binary32 conversions that DataView, Float32Array and
// Math.fround share. A DataView reads and writes its buffer's bytes (typed-arrays.ts) through a
// Uint8Array view of them, in either byte order.

import { addressOf, f64FromWords, f64High, f64Low, peek32, poke16 } from "mote/intrinsics";
import { RangeError } from "./errors.ts";
import { TYPED_DATA, TYPED_LENGTH } from "./layout.ts";
import { ArrayBuffer } from "./typed-arrays.ts";

export class DataView {
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  start: number;
  size: number;
  constructor(buffer: ArrayBuffer, byteOffset?: number, byteLength?: number) {
    const start = byteOffset === undefined ? 0 : toIndex(byteOffset);
    const total = buffer.size;
    if (start < 0 || start > total) throw new RangeError(`Start offset ${start} is outside the bounds of the buffer`);
    const size = byteLength === undefined ? total - start : toIndex(byteLength);
    if (size < 0 || start + size > total) throw new RangeError(`Invalid DataView length ${size}`);
    this.buffer = buffer;
    // The type checker knows the library's ArrayBuffer, which this one stands for.
    this.bytes = new Uint8Array(buffer as unknown as globalThis.ArrayBuffer);
    this.start = start;
    this.size = size;
  }
  get byteLength(): number {
    return this.size;
  }
  get byteOffset(): number {
    return this.start;
  }

  getUint8(byteOffset: number): number {
    return this.bytes[this.at(byteOffset, 1)];
  }
  getInt8(byteOffset: number): number {
    return (this.bytes[this.at(byteOffset, 1)] << 24) >> 24;
  }
  getUint16(byteOffset: number, littleEndian?: boolean): number {
    return this.read16(byteOffset, littleEndian === true);
  }
  getInt16(byteOffset: number, littleEndian?: boolean): number {
    return (this.read16(byteOffset, littleEndian === true) << 16) >> 16;
  }
  getUint32(byteOffset: number, littleEndian?: boolean): number {
    return this.read32(byteOffset, littleEndian === true) >>> 0;
  }
  getInt32(byteOffset: number, littleEndian?: boolean): number {
    return this.read32(byteOffset, littleEndian === true);
  }
  getFloat32(byteOffset: number, littleEndian?: boolean): number {
    return float32FromBits(this.read32(byteOffset, littleEndian === true));
  }
  getFloat64(byteOffset: number, littleEndian?: boolean): number {
    const little = littleEndian === true;
    const first = this.read32(byteOffset, little);
    const second = this.read32(byteOffset + 4, little);
    return little ? f64FromWords(second, first) : f64FromWords(first, second);
  }

  setUint8(byteOffset: number, value: number): void {
    this.bytes[this.at(byteOffset, 1)] = value;
  }
  setInt8(byteOffset: number, value: number): void {
    this.bytes[this.at(byteOffset, 1)] = value;
  }
  setUint16(byteOffset: number, value: number, littleEndian?: boolean): void {
    this.write16(byteOffset, value, littleEndian === true);
  }
  setInt16(byteOffset: number, value: number, littleEndian?: boolean): void {
    this.write16(byteOffset, value, littleEndian === true);
  }
  setUint32(byteOffset: number, value: number, littleEndian?: boolean): void {
    this.write32(byteOffset, value | 0, littleEndian === true);
  }
  setInt32(byteOffset: number, value: number, littleEndian?: boolean): void {
    this.write32(byteOffset, value | 0, littleEndian === true);
  }
  setFloat32(byteOffset: number, value: number, littleEndian?: boolean): void {
    this.write32(byteOffset, float32Bits(value), littleEndian === true);
  }
  setFloat64(byteOffset: number, value: number, littleEndian?: boolean): void {
    const little = littleEndian === true;
    this.at(byteOffset, 8);
    this.write32(byteOffset, little ? f64Low(value) : f64High(value), little);
    this.write32(byteOffset + 4, little ? f64High(value) : f64Low(value), little);
  }

  /** The index in `bytes` of a view offset with `count` bytes after it, or RangeError. */
  private at(byteOffset: number, count: number): number {
    const offset = toIndex(byteOffset);
    if (offset < 0 || offset + count > this.size) throw new RangeError("Offset is outside the bounds of the DataView");
    return this.start + offset;
  }
  private read16(byteOffset: number, little: boolean): number {
    const i = this.at(byteOffset, 2);
    const a = this.bytes[i], b = this.bytes[i + 1];
    return little ? a | (b << 8) : (a << 8) | b;
  }
  private read32(byteOffset: number, little: boolean): number {
    const i = this.at(byteOffset, 4);
    const b = this.bytes;
    return little ? b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)
      : (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
  }
  private write16(byteOffset: number, value: number, little: boolean): void {
    const i = this.at(byteOffset, 2);
    const v = value | 0;
    this.bytes[little ? i : i + 1] = v;
    this.bytes[little ? i + 1 : i] = v >> 8;
  }
  private write32(byteOffset: number, value: number, little: boolean): void {
    const i = this.at(byteOffset, 4);
    for (let k = 0; k < 4; k++) this.bytes[little ? i + k : i + 3 - k] = value >> (8 * k);
  }
}

/** An offset as ToIndex takes it: NaN is 0, fractions are truncated (negatives stay negative,
 *  for the caller's RangeError). */
function toIndex(n: number): number {
  return n !== n ? 0 : Math.trunc(n);
}

/** The binary32 encoding (an int32) of a number rounded to single precision, ties to even. */
export function float32Bits(x: number): number {
  const high = f64High(x), low = f64Low(x);
  const sign = high & 0x80000000;
  const biased = (high >>> 20) & 0x7ff;
  if (biased === 0x7ff) {
    // ±Infinity, or NaN: quieted, keeping its sign and top fraction bits (as Node's x86 does).
    if ((high & 0xfffff) === 0 && low === 0) return sign | 0x7f800000;
    return sign | 0x7fc00000 | ((high & 0xfffff) << 3) | (low >>> 29);
  }
  if (biased === 0) return sign; // ±0, and double subnormals, far below binary32's range
  // The 24-bit significand 1.f and the 29 fraction bits below it.
  const significand = 0x800000 | ((high & 0xfffff) << 3) | (low >>> 29);
  const below = low & 0x1fffffff;
  const exponent = biased - 1023 + 127;
  if (exponent >= 0xff) return sign | 0x7f800000;
  if (exponent > 0) {
    // Normal: round the 29 bits away; a carry out of the fraction steps the exponent (up to
    // Infinity), which the addition does by itself.
    let bits = (exponent << 23) + (significand & 0x7fffff);
    if (below > 0x10000000 || (below === 0x10000000 && (bits & 1) === 1)) bits++;
    return sign | bits;
  }
  // Subnormal: shift right by 1 - exponent more bits, rounding on those and the 29 below.
  const shift = 1 - exponent;
  if (shift > 24) return sign;
  const kept = significand >>> shift;
  const rest = significand - (kept << shift);
  const half = 1 << (shift - 1);
  let bits = kept;
  if (rest > half || (rest === half && (below !== 0 || (kept & 1) === 1))) bits++;
  return sign | bits;
}

/** The number a binary32 encoding stands for (exact: every float is a double). */
export function float32FromBits(bits: number): number {
  const sign = bits & 0x80000000;
  let exponent = (bits >>> 23) & 0xff;
  let fraction = bits & 0x7fffff;
  // ±Infinity, or NaN: quieted, keeping its sign and fraction bits.
  if (exponent === 0xff) return f64FromWords(sign | 0x7ff00000 | (fraction !== 0 ? 0x80000 : 0) | (fraction >>> 3), fraction << 29);
  if (exponent === 0) {
    if (fraction === 0) return f64FromWords(sign, 0);
    // Subnormal: normalize, so that the implicit bit is bit 23.
    exponent = 1;
    while ((fraction & 0x800000) === 0) {
      fraction <<= 1;
      exponent--;
    }
    fraction &= 0x7fffff;
  }
  return f64FromWords(sign | ((exponent - 127 + 1023) << 20) | (fraction >>> 3), fraction << 29);
}

/** Math.fround. */
export function fround(x: number): number {
  return float32FromBits(float32Bits(x));
}

/** A Float32Array or Float64Array element (the descriptor says which), or undefined outside. */
export function typedGetFloat(array: unknown, index: number): number | undefined {
  const address = addressOf(array);
  if (!(index >= 0 && index < peek32(address + TYPED_LENGTH))) return undefined;
  const wide = peek32(peek32(address) + 4) === 8;
  const data = peek32(address + TYPED_DATA);
  return wide ? f64FromWords(peek32(data + 8 * index + 4), peek32(data + 8 * index)) : float32FromBits(peek32(data + 4 * index));
}

/** Stores a number into a Float32Array or Float64Array; an index outside is ignored. */
export function typedSetFloat(array: unknown, index: number, value: number): void {
  const address = addressOf(array);
  if (!(index >= 0 && index < peek32(address + TYPED_LENGTH))) return;
  const data = peek32(address + TYPED_DATA);
  if (peek32(peek32(address) + 4) === 8) {
    pokeWord(data + 8 * index, f64Low(value));
    pokeWord(data + 8 * index + 4, f64High(value));
  } else {
    pokeWord(data + 4 * index, float32Bits(value));
  }
}

/** poke32 of any int32 (poke32 takes small integers): as two halves. */
function pokeWord(address: number, word: number): void {
  poke16(address, word & 0xffff);
  poke16(address + 2, word >>> 16);
}
