// CborWriter: CBOR data items appended to one growable byte buffer (RFC 8949 §3), for hot
// paths such as a telemetry payload built per reading. The caller writes a map or array head
// with its count, then that many items (maps: key, value, key, value…); `finish()` copies
// out the bytes and leaves the writer empty, its buffer kept for the next payload.
//
// Encodings are RFC 8949's preferred serialization (§4.2.1, §4.2.2): the shortest head for
// every argument, integral numbers as integers, other numbers in the shortest float that
// holds them exactly (NaN as f97e00, ±Infinity as half), definite lengths only.

import { DOUBLES, f64High, f64Low, isSmallInt } from "mote/intrinsics";
import { CborError } from "./error.ts";
import { doubleExponent, integerWord, isIntegralDouble, narrowBits } from "./floats.ts";

/** Major types (RFC 8949 §3.1), already shifted into the initial byte's top three bits. */
export const MAJOR_UNSIGNED = 0x00;
export const MAJOR_NEGATIVE = 0x20;
export const MAJOR_BYTES = 0x40;
export const MAJOR_TEXT = 0x60;
export const MAJOR_ARRAY = 0x80;
export const MAJOR_MAP = 0xa0;
export const MAJOR_TAG = 0xc0;
export const MAJOR_SIMPLE = 0xe0;

/** Additional information values (§3): an argument in the next 1, 2, 4 or 8 bytes. */
export const ARGUMENT_1 = 24;
export const ARGUMENT_2 = 25;
export const ARGUMENT_4 = 26;
export const ARGUMENT_8 = 27;

/** Simple values (§3.3). */
export const SIMPLE_FALSE = 20;
export const SIMPLE_TRUE = 21;
export const SIMPLE_NULL = 22;
export const SIMPLE_UNDEFINED = 23;

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
    if (this.integer(x)) return;
    if (DOUBLES) this.float(x);
  }

  /** A text string, as UTF-8. An unpaired surrogate becomes U+FFFD, as Node's TextEncoder does. */
  text(s: string): void {
    const length = s.length;
    let size = 0;
    for (let i = 0; i < length; i++) {
      const unit = s.charCodeAt(i);
      if (unit < 0x80) size += 1;
      else if (unit < 0x800) size += 2;
      else if (isHighSurrogate(unit) && i + 1 < length && isLowSurrogate(s.charCodeAt(i + 1))) {
        size += 4;
        i++;
      } else size += 3;
    }
    this.head(MAJOR_TEXT, size);
    this.reserve(size);
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buffer[at++] = c;
        continue;
      }
      if (c < 0x800) {
        buffer[at++] = 0xc0 | (c >> 6);
        buffer[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (isHighSurrogate(c) && i + 1 < length && isLowSurrogate(s.charCodeAt(i + 1))) {
        c = ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00) + 0x10000;
        buffer[at++] = 0xf0 | (c >> 18);
        buffer[at++] = 0x80 | ((c >> 12) & 0x3f);
      } else {
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        buffer[at++] = 0xe0 | (c >> 12);
      }
      buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
      buffer[at++] = 0x80 | (c & 0x3f);
    }
    this.used = at;
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

  boolean(b: boolean): void {
    this.byte(MAJOR_SIMPLE | (b ? SIMPLE_TRUE : SIMPLE_FALSE));
  }

  nullValue(): void {
    this.byte(MAJOR_SIMPLE | SIMPLE_NULL);
  }

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
    const buffer = this.buffer;
    let at = this.used;
    if (n < ARGUMENT_1) {
      buffer[at++] = major | n;
    } else if (n < 0x100) {
      buffer[at++] = major | ARGUMENT_1;
      buffer[at++] = n;
    } else if (n < 0x10000) {
      buffer[at++] = major | ARGUMENT_2;
      buffer[at++] = n >> 8;
      buffer[at++] = n;
    } else {
      buffer[at++] = major | ARGUMENT_4;
      buffer[at++] = n >> 24;
      buffer[at++] = n >> 16;
      buffer[at++] = n >> 8;
      buffer[at++] = n & 0xff; // n may be past 2^30: see word()
    }
    this.used = at;
  }

  /** A head whose argument is the unsigned 64-bit integer high:low (int32 bit patterns). */
  private head64(major: number, high: number, low: number): void {
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
      if (this.wide(n) === 0) {
        const high = f64High(n), low = f64Low(n);
        this.head64(major, integerWord(high, low, 1), integerWord(high, low, 0));
        return;
      }
    } else if (n >= 0) {
      this.head(major, n); // an int32 program's boxed int32
      return;
    }
    throw new CborError("not an unsigned integer below 2^64", this.used);
  }

  /** Writes `n` as an integer and says so, or writes nothing when it is not one in range. */
  private integer(n: number): boolean {
    if (isSmallInt(n)) {
      if (n >= 0) this.head(MAJOR_UNSIGNED, n);
      else this.head(MAJOR_NEGATIVE, ~n);
      return true;
    }
    if (DOUBLES) {
      const sign = this.wide(n);
      if (sign < 0) return false;
      const high = f64High(n), low = f64Low(n);
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

  /** For a number that is not a small integer: 0 when it is an integer in 0 … 2^64-1, 1 when
   *  one in -2^64 … -1, -1 otherwise (a fraction, -0, NaN, ±Infinity, or too large). */
  private wide(n: number): number {
    // (Every method of a class is compiled: the ones that need doubles say so themselves.)
    if (DOUBLES) {
      const high = f64High(n), low = f64Low(n);
      if (!isIntegralDouble(high, low)) return -1;
      const exponent = doubleExponent(high);
      if (high >= 0) return exponent < 64 ? 0 : -1;
      // Negative: -0 is a float; -2^64 is the most negative integer CBOR holds (3bffff…ff).
      if (((high & 0x7fffffff) | low) === 0) return -1;
      return exponent < 64 || (exponent === 64 && ((high & 0xfffff) | low) === 0) ? 1 : -1;
    }
    return -1;
  }

  /** A float in the shortest of half, single, double that holds `x` exactly (§4.2.2). */
  private float(x: number): void {
    if (DOUBLES) {
      const high = f64High(x), low = f64Low(x);
      const magnitude = high & 0x7fffffff;
      const negative = high < 0;
      if (magnitude >= 0x7ff00000) {
        const nan = magnitude > 0x7ff00000 || low !== 0;
        this.half(nan ? HALF_NAN : negative ? HALF_SIGN | HALF_INFINITY : HALF_INFINITY);
        return;
      }
      const half = narrowBits(magnitude, low, 5, 10);
      if (half >= 0) {
        this.half(negative ? HALF_SIGN | half : half);
        return;
      }
      const single = narrowBits(magnitude, low, 8, 23);
      if (single >= 0) {
        this.byte(MAJOR_SIMPLE | ARGUMENT_4);
        this.word(negative ? (1 << 31) | single : single);
        return;
      }
      this.byte(MAJOR_SIMPLE | ARGUMENT_8);
      this.word(high);
      this.word(low);
    }
  }

  private half(bits: number): void {
    this.reserve(3);
    const buffer = this.buffer;
    buffer[this.used] = MAJOR_SIMPLE | ARGUMENT_2;
    buffer[this.used + 1] = bits >> 8;
    buffer[this.used + 2] = bits;
    this.used += 3;
  }

  /** Four bytes, big-endian, of an int32 bit pattern. */
  private word(w: number): void {
    this.reserve(4);
    const buffer = this.buffer;
    const at = this.used;
    buffer[at] = w >> 24;
    buffer[at + 1] = w >> 16;
    buffer[at + 2] = w >> 8;
    // & 0xff: storing an int32 past the small integers into a Uint8Array stores 0 on devices
    // today (a compiler bug, reported), where JavaScript stores its low byte.
    buffer[at + 3] = w & 0xff;
    this.used = at + 4;
  }

  private byte(b: number): void {
    this.reserve(1);
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

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit < 0xdc00;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit < 0xe000;
}
