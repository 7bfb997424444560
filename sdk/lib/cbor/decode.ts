// Decoding CBOR (RFC 8949 §3) into JavaScript values, safely on hostile input: every read is
// bounds-checked, nesting is limited, a declared length longer than the rest of the input is an
// error before anything is allocated, and reserved or malformed encodings are errors. Every
// error is a CborError whose message ends with the byte offset.
//
// What items become (the inverse of encode.ts):
//   unsigned/negative integer   a number; beyond ±2^53 the nearest one (no bigint on devices)
//   half/single/double float    the number it stands for
//   text string                 a string (strict UTF-8: overlong forms, surrogates and
//                               truncated sequences are errors)
//   byte string                 a Uint8Array           array   an array
//   map                         a plain object; keys that are text are property names, number,
//                               boolean, null and undefined keys the names JavaScript gives
//                               them (1 → "1"); other keys (bytes, arrays, maps, tags) are a
//                               CborError; a later duplicate key wins
//   tag                         a CborTag (no tag is interpreted)
//   false/true/null/undefined   themselves             other simple values   a CborSimple
// Indefinite-length strings, arrays and maps decode like definite ones.
//
// The program's number model limits what numbers it can hold (README, "Numbers"): an int32
// program gets a CborError for an integer outside int32 or any float, an integral one for a
// float with a fraction.

import { DOUBLES, FRACTIONS, f64FromWords, f64High, f64Low } from "mote/intrinsics";
import { CborError } from "./error.ts";
import { isIntegralDouble, widen } from "./floats.ts";
import { CborSimple, CborTag } from "./tag.ts";
import {
  ARGUMENT_1, ARGUMENT_2, ARGUMENT_4, ARGUMENT_8, MAJOR_ARRAY, MAJOR_BYTES, MAJOR_MAP, MAJOR_NEGATIVE, MAJOR_SIMPLE, MAJOR_TAG,
  MAJOR_TEXT, MAJOR_UNSIGNED, SIMPLE_FALSE, SIMPLE_NULL, SIMPLE_TRUE, SIMPLE_UNDEFINED,
} from "./writer.ts";

/** How deep arrays, maps and tags may nest by default (DecodeOptions.maxDepth). */
export const DECODE_MAX_DEPTH = 32;
const INDEFINITE = 31;
const BREAK = 0xff;

export interface DecodeOptions {
  /** Arrays, maps and tags nested deeper than this are a CborError (default 32). */
  maxDepth?: number;
}

/** The one data item that `bytes` holds. Trailing bytes after it are a CborError (use
 *  decodeFirst or CborReader for a sequence). */
export function decode(bytes: Uint8Array, options?: DecodeOptions): unknown {
  const reader = new CborReader(bytes, 0, options);
  const value = reader.read();
  if (!reader.done) reader.fail(`${bytes.length - reader.offset} bytes after the end of the item`, reader.offset);
  return value;
}

/** The first data item in `bytes` from `offset`, and the offset after it. */
export function decodeFirst(bytes: Uint8Array, offset: number = 0, options?: DecodeOptions): { value: unknown; offset: number } {
  const reader = new CborReader(bytes, offset, options);
  const value = reader.read();
  return { value, offset: reader.offset };
}

/** Reads data items one after another from `bytes` (a CBOR sequence, RFC 8742). */
export class CborReader {
  /** Where the next item starts. */
  offset: number;
  private readonly maxDepth: number;
  /** The last head's argument, as an unsigned 64-bit integer's two words (int32 bit patterns). */
  private high = 0;
  private low = 0;

  constructor(readonly bytes: Uint8Array, offset: number = 0, options?: DecodeOptions) {
    if (!(offset >= 0 && offset <= bytes.length)) throw new CborError(`offset ${offset} is outside the input's ${bytes.length} bytes`, offset);
    this.offset = offset;
    const depth = options?.maxDepth;
    this.maxDepth = depth === undefined ? DECODE_MAX_DEPTH : depth;
  }

  /** Whether every byte has been read. */
  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** The next data item. */
  read(): unknown {
    return this.item(0);
  }

  /** Throws a CborError naming `offset`. */
  fail(message: string, offset: number): never {
    throw new CborError(`CBOR: ${message} at offset ${offset}`, offset);
  }

  private item(depth: number): unknown {
    const start = this.offset;
    const initial = this.byte();
    const major = initial & 0xe0;
    const info = initial & 0x1f;
    if (major === MAJOR_SIMPLE) return this.simple(info, start);
    if (info === INDEFINITE) return this.indefinite(major, depth, start);
    this.argument(info, start);
    switch (major) {
      case MAJOR_UNSIGNED: return this.unsigned(start);
      case MAJOR_NEGATIVE: return this.negative(start);
      case MAJOR_BYTES: return this.byteString(this.length(start, 1), start);
      case MAJOR_TEXT: {
        const size = this.length(start, 1);
        const text = decodeUtf8(this.bytes, this.offset, this.offset + size, this);
        this.offset += size;
        return text;
      }
      case MAJOR_ARRAY: {
        const count = this.length(start, 1);
        this.deeper(depth, start);
        const items: unknown[] = [];
        for (let i = 0; i < count; i++) items.push(this.item(depth + 1));
        return items;
      }
      case MAJOR_MAP: {
        const count = this.length(start, 2);
        this.deeper(depth, start);
        const map: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) this.entry(map, depth);
        return map;
      }
      default: {
        const tag = this.unsigned(start);
        this.deeper(depth, start);
        return new CborTag(tag, this.item(depth + 1));
      }
    }
  }

  /** A string, array or map of indefinite length (§3.2.2, §3.2.3), up to its break byte. */
  private indefinite(major: number, depth: number, start: number): unknown {
    if (major === MAJOR_ARRAY || major === MAJOR_MAP) {
      this.deeper(depth, start);
      if (major === MAJOR_ARRAY) {
        const items: unknown[] = [];
        while (!this.atBreak()) items.push(this.item(depth + 1));
        return items;
      }
      const map: Record<string, unknown> = {};
      while (!this.atBreak()) this.entry(map, depth);
      return map;
    }
    if (major !== MAJOR_BYTES && major !== MAJOR_TEXT) this.fail("indefinite length on an integer or tag", start);
    // Chunks: definite-length strings of the same major type.
    const chunks: Uint8Array[] = [];
    let text = "";
    let total = 0;
    while (!this.atBreak()) {
      const chunkStart = this.offset;
      const initial = this.byte();
      if ((initial & 0xe0) !== major || (initial & 0x1f) === INDEFINITE) this.fail("a chunk of an indefinite-length string that is not a definite string of its type", chunkStart);
      this.argument(initial & 0x1f, chunkStart);
      const size = this.length(chunkStart, 1);
      if (major === MAJOR_TEXT) {
        text += decodeUtf8(this.bytes, this.offset, this.offset + size, this);
        this.offset += size;
      } else {
        chunks.push(this.byteString(size, chunkStart));
        total += size;
      }
    }
    if (major === MAJOR_TEXT) return text;
    const joined = new Uint8Array(total);
    let at = 0;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c];
      for (let i = 0; i < chunk.length; i++) joined[at++] = chunk[i];
    }
    return joined;
  }

  /** One key/value pair into `map`. */
  private entry(map: Record<string, unknown>, depth: number): void {
    const keyStart = this.offset;
    const key = this.item(depth + 1);
    let name: string;
    if (typeof key === "string") name = key;
    else if (typeof key === "number") name = `${key}`;
    else if (key === true) name = "true";
    else if (key === false) name = "false";
    else if (key === null) name = "null";
    else if (key === undefined) name = "undefined";
    else return this.fail("a map key that is not text, a number, a boolean, null or undefined", keyStart);
    // An own property named __proto__ cannot be made by assignment in JavaScript: refuse it
    // rather than change the object's prototype.
    if (name === "__proto__") this.fail("a map key \"__proto__\"", keyStart);
    if (this.offset < this.bytes.length && this.bytes[this.offset] === BREAK) this.fail("a break where a map value was expected", this.offset);
    map[name] = this.item(depth + 1);
  }

  /** Major type 7 (§3.3): simple values and floats. */
  private simple(info: number, start: number): unknown {
    if (info < SIMPLE_FALSE) return new CborSimple(info);
    switch (info) {
      case SIMPLE_FALSE: return false;
      case SIMPLE_TRUE: return true;
      case SIMPLE_NULL: return null;
      case SIMPLE_UNDEFINED: return undefined;
      case ARGUMENT_1: {
        const value = this.byte();
        // §3.3: simple values below 32 have a one-byte encoding only; f8 00 to f8 1f are not well-formed.
        if (value < 32) this.fail(`simple value ${value} in two bytes`, start);
        return new CborSimple(value);
      }
      case ARGUMENT_2: {
        this.need(2, start);
        const bits = (this.bytes[this.offset] << 8) | this.bytes[this.offset + 1];
        this.offset += 2;
        if (DOUBLES) return this.toNumber(widen(bits, 5, 10), start);
        return this.noFloats(start);
      }
      case ARGUMENT_4: {
        this.need(4, start);
        const bits = this.word();
        if (DOUBLES) return this.toNumber(widen(bits, 8, 23), start);
        return this.noFloats(start);
      }
      case ARGUMENT_8: {
        this.need(8, start);
        const high = this.word();
        const low = this.word();
        if (DOUBLES) return this.toNumber(f64FromWords(high, low), start);
        return this.noFloats(start);
      }
      case INDEFINITE: return this.fail("a break outside an indefinite-length item", start);
      default: return this.fail(`reserved additional information ${info} in major type 7`, start);
    }
  }

  /** A decoded float, if the program's numbers can hold it. */
  private toNumber(x: number, start: number): number {
    if (DOUBLES) {
      // NaN and ±Infinity are fine in an integral program; fractions are not.
      if (!FRACTIONS && !isIntegralDouble(f64High(x), f64Low(x)) && (f64High(x) & 0x7ff00000) !== 0x7ff00000) {
        this.fail("a number with a fraction, and this program's numbers are integers only (README, \"Numbers\")", start);
      }
      return x;
    }
    return this.noFloats(start);
  }

  private noFloats(start: number): never {
    return this.fail("a floating-point number, and this program's numbers are int32 only (README, \"Numbers\")", start);
  }

  /** The head's argument (§3): into high:low. */
  private argument(info: number, start: number): void {
    this.high = 0;
    if (info < ARGUMENT_1) {
      this.low = info;
    } else if (info === ARGUMENT_1) {
      this.low = this.byte();
    } else if (info === ARGUMENT_2) {
      this.need(2, start);
      this.low = (this.bytes[this.offset] << 8) | this.bytes[this.offset + 1];
      this.offset += 2;
    } else if (info === ARGUMENT_4) {
      this.need(4, start);
      this.low = this.word();
    } else if (info === ARGUMENT_8) {
      this.need(8, start);
      this.high = this.word();
      this.low = this.word();
    } else {
      this.fail(`reserved additional information ${info}`, start);
    }
  }

  /** The argument as a length of `perItem`-byte items: more than the input has left is an error. */
  private length(start: number, perItem: number): number {
    const left = this.bytes.length - this.offset;
    if (this.high !== 0 || this.low < 0 || this.low > ((left / perItem) | 0)) {
      this.fail(`a length beyond the ${left} bytes left`, start);
    }
    return this.low;
  }

  /** The argument as an unsigned integer (major type 0, tag numbers). */
  private unsigned(start: number): number {
    if (this.high === 0 && this.low >= 0) return this.low;
    if (DOUBLES) return (this.high >>> 0) * 4294967296 + (this.low >>> 0);
    return this.beyondInt32(start);
  }

  /** -1 - argument (major type 1). */
  private negative(start: number): number {
    if (this.high === 0 && this.low >= 0) return -1 - this.low;
    if (DOUBLES) {
      // The magnitude argument + 1, carried into the high word, then negated: one rounding.
      const low = (this.low + 1) | 0;
      const high = (this.high >>> 0) + (low === 0 ? 1 : 0);
      return -(high * 4294967296 + (low >>> 0));
    }
    return this.beyondInt32(start);
  }

  private beyondInt32(start: number): never {
    return this.fail("an integer beyond int32, and this program's numbers are int32 only (README, \"Numbers\")", start);
  }

  private byteString(size: number, start: number): Uint8Array {
    this.need(size, start);
    const out = new Uint8Array(size);
    const bytes = this.bytes;
    const from = this.offset;
    for (let i = 0; i < size; i++) out[i] = bytes[from + i];
    this.offset = from + size;
    return out;
  }

  /** Consumes a break byte if one is next; the end of the input is an error. */
  private atBreak(): boolean {
    if (this.offset >= this.bytes.length) this.fail("the input ends inside an indefinite-length item", this.offset);
    if (this.bytes[this.offset] !== BREAK) return false;
    this.offset++;
    return true;
  }

  private deeper(depth: number, start: number): void {
    if (depth >= this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`, start);
  }

  private need(count: number, start: number): void {
    if (this.offset + count > this.bytes.length) this.fail(`the input ends inside the item (${count} bytes needed, ${this.bytes.length - this.offset} left)`, start);
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) this.fail("the input ends where an item was expected", this.offset);
    return this.bytes[this.offset++];
  }

  /** Four bytes, big-endian, as an int32 bit pattern. */
  private word(): number {
    const b = this.bytes;
    const at = this.offset;
    this.offset = at + 4;
    return (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
  }
}

/** The text that bytes[from, to) hold as UTF-8 (RFC 3629), strictly: overlong forms,
 *  surrogates, code points past U+10FFFF and truncated sequences are errors. */
function decodeUtf8(bytes: Uint8Array, from: number, to: number, reader: CborReader): string {
  const parts: string[] = [];
  let i = from;
  while (i < to) {
    const start = i;
    const first = bytes[i++];
    if (first < 0x80) {
      parts.push(String.fromCharCode(first));
      continue;
    }
    let count: number, code: number, min: number;
    if (first >= 0xc2 && first < 0xe0) {
      count = 1; code = first & 0x1f; min = 0x80;
    } else if (first >= 0xe0 && first < 0xf0) {
      count = 2; code = first & 0x0f; min = 0x800;
    } else if (first >= 0xf0 && first < 0xf5) {
      count = 3; code = first & 0x07; min = 0x10000;
    } else {
      return reader.fail("invalid UTF-8 in a text string", start);
    }
    if (i + count > to) reader.fail("a UTF-8 sequence cut off at the end of a text string", start);
    for (let k = 0; k < count; k++) {
      const next = bytes[i++];
      if ((next & 0xc0) !== 0x80) reader.fail("invalid UTF-8 in a text string", start);
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) reader.fail("invalid UTF-8 in a text string", start);
    if (code < 0x10000) {
      parts.push(String.fromCharCode(code));
    } else {
      code -= 0x10000;
      parts.push(String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff)));
    }
  }
  return parts.join("");
}
