// IEEE 754 bit work for CBOR's three float widths (RFC 8949 §3.3, §4.2.2): whether a double
// fits a half (binary16) or single (binary32) exactly, the narrow encodings widened back to a
// double, whether a double is an integer, and an integral double's bytes. The encoder needs no
// soft-float arithmetic for any of it.
//
// A double is taken apart (from f64High/f64Low) into small integers, so that every operation
// here stays on the device's unboxed fast path: the biased exponent (11 bits), the top 20
// fraction bits, and the low fraction word as two 16-bit halves, `middle` and `bottom`.
//
// Only code under `if (DOUBLES)` calls these: a program whose numbers are int32 has no doubles.

import { f64FromWords } from "mote/intrinsics";

const EXPONENT_MASK = 0x7ff;
const DOUBLE_BIAS = 1023;
/** Bits of a double's fraction in its high word. */
const HIGH_FRACTION_BITS = 20;
const HIGH_FRACTION_MASK = 0xfffff;
/** The implicit leading 1 of a normal double's significand, in the high word. */
const IMPLICIT_BIT = 0x100000;

/**
 * The binary16 (exponentBits 5, fractionBits 10) or binary32 (8, 23, the only other) encoding of the magnitude
 * of the double taken apart as above, when that narrower format holds it exactly (normal or
 * subnormal); -1 when it does not. NaN and ±Infinity are the caller's.
 */
export function narrowBits(biased: number, fraction: number, middle: number, bottom: number, exponentBits: number, fractionBits: number): number {
  if (biased === 0) return (fraction | middle | bottom) === 0 ? 0 : -1; // zero; double subnormals are far too small
  // The two formats' constants written out rather than computed from the widths: so the
  // range analysis bounds every shift below, and the bit work needs no overflow checks.
  const half = exponentBits === 5;
  const bias = half ? 15 : 127;
  const exponent = biased - DOUBLE_BIAS;
  if (exponent > bias) return -1;
  const minNormal = 1 - bias;
  // Low bits of the 53-bit significand the narrow format drops (29 to 52 of them): all zero.
  const shift = (half ? 42 : 29) + (exponent < minNormal ? minNormal - exponent : 0);
  if (shift > 52) return -1;
  const top = (fraction & HIGH_FRACTION_MASK) | IMPLICIT_BIT; // significand bits 52 to 32
  const low16 = middle & 0xffff;
  let kept: number;
  if (shift >= 32) {
    if ((low16 | bottom) !== 0 || (top & ((1 << (shift - 32)) - 1)) !== 0) return -1;
    kept = top >> (shift - 32);
  } else {
    if (bottom !== 0 || (low16 & ((1 << (shift - 16)) - 1)) !== 0) return -1;
    kept = (top << (32 - shift)) | (low16 >> (shift - 16));
  }
  if (exponent < minNormal) return kept; // subnormal: the significand is all there is
  return ((exponent + bias) << fractionBits) | (kept & (half ? 0x3ff : 0x7fffff));
}

/** The number a binary16 (5, 10) or binary32 (8, 23) encoding stands for: exact, as every
 *  narrower float is a double. NaN keeps its sign and payload bits, as a hardware widening does. */
export function widen(bits: number, exponentBits: number, fractionBits: number): number {
  const width = 1 + exponentBits + fractionBits;
  const sign = (bits >> (width - 1)) & 1 ? 1 << 31 : 0;
  const maxExponent = (1 << exponentBits) - 1;
  let exponent = (bits >> fractionBits) & maxExponent;
  let fraction = bits & ((1 << fractionBits) - 1);
  let biased: number;
  if (exponent === maxExponent) {
    biased = EXPONENT_MASK; // ±Infinity, NaN
  } else if (exponent === 0) {
    if (fraction === 0) return f64FromWords(sign, 0);
    // Subnormal: normalize so that the leading 1 becomes the implicit bit.
    exponent = 1;
    while ((fraction & (1 << fractionBits)) === 0) {
      fraction <<= 1;
      exponent--;
    }
    fraction &= (1 << fractionBits) - 1;
    biased = exponent - ((1 << (exponentBits - 1)) - 1) + DOUBLE_BIAS;
  } else {
    biased = exponent - ((1 << (exponentBits - 1)) - 1) + DOUBLE_BIAS;
  }
  // The fraction's top bits go below the exponent in the high word, the rest to the low word.
  const up = HIGH_FRACTION_BITS - fractionBits;
  const high = up >= 0 ? fraction << up : fraction >>> -up;
  const low = up >= 0 ? 0 : fraction << (32 + up);
  return f64FromWords(sign | (biased << HIGH_FRACTION_BITS) | high, low);
}

/** Whether the double taken apart as above is an integer (±0 included, NaN and ±Infinity not). */
export function isIntegralDouble(biased: number, fraction: number, middle: number, bottom: number): boolean {
  if (biased === EXPONENT_MASK) return false;
  const exponent = biased - DOUBLE_BIAS;
  if (exponent < 0) return biased === 0 && (fraction | middle | bottom) === 0;
  const below = 52 - exponent; // significand bits below the binary point: all zero
  if (below <= 0) return true;
  if (below >= 32) return (middle | bottom) === 0 && (fraction & ((1 << (below - 32)) - 1)) === 0;
  if (below >= 16) return bottom === 0 && (middle & ((1 << (below - 16)) - 1)) === 0;
  return (bottom & ((1 << below) - 1)) === 0;
}

/** The exponent of a double (its biased exponent minus the bias), from its high word. */
function doubleExponent(high: number): number {
  return ((high >> HIGH_FRACTION_BITS) & EXPONENT_MASK) - DOUBLE_BIAS;
}

/** The words of |x| as an unsigned 64-bit integer, for an integral double below 2^64: the high
 *  word when `part` is 1, the low word when it is 0 (both as int32 bit patterns). */
export function integerWord(high: number, low: number, part: number): number {
  const exponent = doubleExponent(high);
  if (exponent < 0) return 0;
  const significandHigh = (high & HIGH_FRACTION_MASK) | IMPLICIT_BIT;
  const left = exponent - 52;
  if (left >= 0) {
    if (part === 0) return low << left;
    return left === 0 ? significandHigh : (significandHigh << left) | (low >>> (32 - left));
  }
  const right = -left;
  if (right >= 32) return part === 0 ? significandHigh >>> (right - 32) : 0;
  if (part === 1) return significandHigh >>> right;
  return (low >>> right) | (significandHigh << (32 - right));
}
