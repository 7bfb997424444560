// CborWriter: CBOR data items appended to one growable byte buffer (RFC 8949 §3), for hot
// paths such as a telemetry payload built per reading. The caller writes a map or array head
// with its count, then that many items (maps: key, value, key, value…); `finish()` copies
// out the bytes and leaves the writer empty, its buffer kept for the next payload.
//
// Encodings are RFC 8949's preferred serialization (§4.2.1, §4.2.2): the shortest head for
// every argument, integral numbers as integers, other numbers in the shortest float that
// holds them exactly (NaN as f97e00, ±Infinity as half), definite lengths only.

import { DOUBLES, f64High, f64Low, isSmallInt } from "mote/intrinsics";
import { utf8Length, utf8Write } from "../mqtt/utf8.ts";
import { copyAscii } from "../rt/latin1.ts";
import { CborError } from "./error.ts";
import {
  ARGUMENT_1, ARGUMENT_2, ARGUMENT_4, ARGUMENT_8, MAJOR_ARRAY, MAJOR_BYTES, MAJOR_MAP, MAJOR_NEGATIVE, MAJOR_SIMPLE, MAJOR_TAG, MAJOR_TEXT,
  MAJOR_UNSIGNED, SIMPLE_FALSE, SIMPLE_NULL, SIMPLE_TRUE, SIMPLE_UNDEFINED,
} from "./format.ts";
import { integerWord, isIntegralDouble, narrowBits } from "./floats.ts";

const HALF_NAN = 0x7e00;
const HALF_INFINITY = 0x7c00;
const HALF_SIGN = 0x8000;
const DEFAULT_CAPACITY = 64;

/** Appends CBOR data items to a growable buffer; see the file's header for how to use it. */
export class CborWriter {
  private buffer: Uint8Array;
  private used = 0;

  /** `capacity`: the buffer's first size in bytes (it doubles when full). */
  constructor(capacity: number = DEFAULT_CAPACITY) {
    this.buffer = new Uint8Array(capacity > 0 ? capacity : 1);
  }

  /** Bytes written since the last finish() or reset(). */
  get length(): number {
    return this.used;
  }

  /** The bytes written, as a new array of exactly that length; the writer is empty after. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.used);
    const buffer = this.buffer;
    for (let i = 0; i < this.used; i++) out[i] = buffer[i];
    this.used = 0;
    return out;
  }

  /** Forgets what was written (the buffer is kept). */
  reset(): void {
    this.used = 0;
  }

  /** A map head: `count` key/value pairs follow. */
  map(count: number): void {
    this.argument(MAJOR_MAP, count);
  }

  /** An array head: `count` items follow. */
  array(count: number): void {
    this.argument(MAJOR_ARRAY, count);
  }

  /** A tag head (§3.4): the tagged item follows. */
  tag(tag: number): void {
    this.argument(MAJOR_TAG, tag);
  }

  /** An unsigned integer (major type 0), 0 to 2^64-1; anything else is a CborError. */
  uint(n: number): void {
    this.argument(MAJOR_UNSIGNED, n);
  }

  /** An integer (major type 0 or 1), -2^64 to 2^64-1; anything else is a CborError. */
  int(n: number): void {
    if (!this.integer(n)) throw new CborError("not an integer from -2^64 to 2^64-1", this.used);
  }

  /** Any number: an integer when it is one (of major type 0 or 1), else the shortest float
   *  that holds it exactly. -0 is a float (f98000). */
  number(x: number): void {
    this.integer(x, true);
  }

  /** A text string, as UTF-8. An unpaired surrogate becomes U+FFFD, as Node's TextEncoder does. */
  text(s: string): void {
    const length = s.length;
    // ASCII (keys, ids): the head as for one byte per unit, then the units copied straight;
    // anything else goes back and is measured first (the UTF-8 MQTT's strings use too).
    const start = this.used;
    this.head(MAJOR_TEXT, length);
    this.reserve(length);
    if (copyAscii(s, this.buffer, this.used)) {
      this.used += length;
      return;
    }
    this.used = start;
    const size = utf8Length(s);
    this.head(MAJOR_TEXT, size);
    this.reserve(size);
    this.used = utf8Write(s, this.buffer, this.used);
  }

  /** A byte string. */
  bytes(b: Uint8Array): void {
    const length = b.length;
    this.head(MAJOR_BYTES, length);
    this.reserve(length);
    const buffer = this.buffer;
    const at = this.used;
    for (let i = 0; i < length; i++) buffer[at + i] = b[i];
    this.used = at + length;
  }

  /** true (f5) or false (f4). */
  boolean(b: boolean): void {
    this.byte(MAJOR_SIMPLE | (b ? SIMPLE_TRUE : SIMPLE_FALSE));
  }

  /** null (f6). */
  nullValue(): void {
    this.byte(MAJOR_SIMPLE | SIMPLE_NULL);
  }

  /** undefined (f7). */
  undefinedValue(): void {
    this.byte(MAJOR_SIMPLE | SIMPLE_UNDEFINED);
  }

  /** A simple value other than false/true/null/undefined: 0–19 or 32–255 (§3.3). */
  simple(value: number): void {
    if (isSmallInt(value) && value >= 0 && value < SIMPLE_FALSE) this.byte(MAJOR_SIMPLE | value);
    else if (isSmallInt(value) && value >= 32 && value < 256) this.head(MAJOR_SIMPLE, value);
    else throw new CborError("a simple value is 0-19 or 32-255", this.used);
  }

  /** A head: major type and an argument `n`, a non-negative int32, in the fewest bytes. */
  private head(major: number, n: number): void {
    this.reserve(5);
    if (n < ARGUMENT_1) {
      this.put(major | n);
    } else {
      const size = n < 0x100 ? 1 : n < 0x10000 ? 2 : 4;
      this.put(major | (size === 1 ? ARGUMENT_1 : size === 2 ? ARGUMENT_2 : ARGUMENT_4));
      this.bigEndian(n, size);
    }
  }

  /** A head whose argument is the unsigned 64-bit integer high:low (int32 bit patterns). */
  private head64(major: number, high: number, low: number): void {
    if (!DOUBLES) return; // only integers beyond int32 come here
    if (high === 0 && low >= 0) {
      this.head(major, low);
      return;
    }
    if (high === 0) {
      this.byte(major | ARGUMENT_4);
      this.word(low);
      return;
    }
    this.byte(major | ARGUMENT_8);
    this.word(high);
    this.word(low);
  }

  /** A head with a non-negative integer argument below 2^64 (a CborError otherwise). */
  private argument(major: number, n: number): void {
    if (isSmallInt(n) && n >= 0) {
      this.head(major, n);
      return;
    }
    if (DOUBLES) {
      const high = f64High(n), low = f64Low(n);
      if (integerSign(high, (high >> 20) & 0x7ff, high & 0xfffff, (low >> 16) & 0xffff, low & 0xffff) === 0) {
        this.head64(major, integerWord(high, low, 1), integerWord(high, low, 0));
        return;
      }
    } else if (n >= 0) {
      this.head(major, n); // an int32 program's boxed int32
      return;
    }
    throw new CborError("not an unsigned integer below 2^64", this.used);
  }

  /** Writes `n` as an integer and says so, or writes nothing when it is not one in range;
   *  `float` also writes it as a float then. */
  private integer(n: number, float: boolean = false): boolean {
    if (isSmallInt(n)) {
      if (n >= 0) this.head(MAJOR_UNSIGNED, n);
      else this.head(MAJOR_NEGATIVE, ~n);
      return true;
    }
    if (DOUBLES) {
      // The double's words are taken apart once, for the integer and the float path both:
      // the biased exponent, the top 20 fraction bits, the low word's two halves.
      const high = f64High(n), low = f64Low(n);
      const biased = (high >> 20) & 0x7ff, fraction = high & 0xfffff, middle = (low >> 16) & 0xffff, bottom = low & 0xffff;
      const sign = integerSign(high, biased, fraction, middle, bottom);
      if (sign < 0) {
        if (float) writeFloat(this, high, low, biased, fraction, middle, bottom);
        return false;
      }
      const magnitudeHigh = integerWord(high, low, 1), magnitudeLow = integerWord(high, low, 0);
      if (sign === 0) {
        this.head64(MAJOR_UNSIGNED, magnitudeHigh, magnitudeLow);
      } else {
        // -1 - n: the magnitude less one, borrowing from the high word (2^64's words wrap to
        // 0:0, and less one is ffffffff:ffffffff, as it should be).
        this.head64(MAJOR_NEGATIVE, magnitudeLow === 0 ? (magnitudeHigh - 1) | 0 : magnitudeHigh, (magnitudeLow - 1) | 0);
      }
      return true;
    }
    // Every number of an int32 program is an integer in int32: ~n (-1 - n) never overflows.
    if (n >= 0) this.head(MAJOR_UNSIGNED, n);
    else this.head(MAJOR_NEGATIVE, ~n);
    return true;
  }

  /** @internal A float's bytes: half (`size` 2), single (4) or double (8, `bits` the high
   *  word and `low` the low one), after its initial byte. */
  writeFloat(size: number, bits: number, low: number): void {
    this.reserve(1 + size);
    this.put(MAJOR_SIMPLE | (size === 2 ? ARGUMENT_2 : size === 4 ? ARGUMENT_4 : ARGUMENT_8));
    if (size === 2) {
      this.bigEndian(bits, 2);
      return;
    }
    this.bigEndian(bits, 4);
    if (size === 8) this.bigEndian(low, 4);
  }

  /** Four bytes, big-endian, of an int32 bit pattern. */
  private word(w: number): void {
    this.reserve(4);
    this.bigEndian(w, 4);
  }

  /** The low `size` bytes of `n` (an int32 bit pattern), big-endian, where there is room. */
  private bigEndian(n: number, size: number): void {
    // & 0xff: storing an int32 past the small integers into a Uint8Array at a computed index
    // stores 0 on devices today (a code generator bug, reported), where JavaScript stores its
    // low byte.
    for (let shift = 8 * (size - 1); shift >= 0; shift -= 8) this.put((n >> shift) & 0xff);
  }

  private byte(b: number): void {
    this.reserve(1);
    this.put(b);
  }

  /** Appends a byte there is room for (reserve). */
  private put(b: number): void {
    this.buffer[this.used++] = b;
  }

  /** Room for `count` more bytes: the buffer doubles (at least) when it is full. */
  private reserve(count: number): void {
    const needed = this.used + count;
    const old = this.buffer;
    if (needed <= old.length) return;
    let size = old.length * 2;
    if (size < needed) size = needed;
    const grown = new Uint8Array(size);
    for (let i = 0; i < this.used; i++) grown[i] = old[i];
    this.buffer = grown;
  }
}

// The double paths, as functions of the double's words rather than methods keeping its parts
// in fields: the range analysis proves small the arguments every caller passes (its fields
// it does not follow), so the bit work below compiles to plain register operations.

/** For a double's words, taken apart (not a small integer's): 0 when it is an integer in
 *  0 … 2^64-1, 1 when one in -2^64 … -1, -1 otherwise (a fraction, -0, NaN, ±Infinity, or
 *  too large). */
function integerSign(high: number, biased: number, fraction: number, middle: number, bottom: number): number {
  if (!isIntegralDouble(biased, fraction, middle, bottom)) return -1;
  const exponent = biased - 1023;
  if (high >= 0) return exponent < 64 ? 0 : -1;
  // Negative: -0 is a float; -2^64 is the most negative integer CBOR holds (3bffff…ff).
  if (biased === 0) return -1;
  return exponent < 64 || (exponent === 64 && (fraction | middle | bottom) === 0) ? 1 : -1;
}

/** A float in the shortest of half, single, double that holds the double with these words
 *  (taken apart) exactly (§4.2.2). */
function writeFloat(writer: CborWriter, high: number, low: number, biased: number, fraction: number, middle: number, bottom: number): void {
  const sign = high < 0 ? HALF_SIGN : 0;
  if (biased === 0x7ff) {
    writer.writeFloat(2, (fraction | middle | bottom) !== 0 ? HALF_NAN : sign | HALF_INFINITY, 0);
    return;
  }
  const half = narrowBits(biased, fraction, middle, bottom, 5, 10);
  if (half >= 0) {
    writer.writeFloat(2, sign | half, 0);
    return;
  }
  const single = narrowBits(biased, fraction, middle, bottom, 8, 23);
  if (single >= 0) writer.writeFloat(4, sign === 0 ? single : (1 << 31) | single, 0);
  else writer.writeFloat(8, high, low);
}
