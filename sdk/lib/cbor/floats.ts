// IEEE 754 bit work for CBOR's three float widths (RFC 8949 §3.3, §4.2.2): whether a double
// fits a half (binary16) or single (binary32) exactly, the narrow encodings widened back to a
// double, and whether a double is an integer. All of it is int32 operations on the double's two
// words (f64High/f64Low), so the encoder needs no soft-float arithmetic to pick a width.
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
 * The binary16 (exponentBits 5, fractionBits 10) or binary32 (8, 23) encoding of the
 * non-negative double whose words are `high` (sign bit clear) and `low`, when that narrower
 * format holds it exactly (normal or subnormal); -1 when it does not. NaN and ±Infinity are the
 * caller's.
 */
export function narrowBits(high: number, low: number, exponentBits: number, fractionBits: number): number {
  const biased = high >> HIGH_FRACTION_BITS;
  if (biased === 0) return (high | low) === 0 ? 0 : -1; // zero; double subnormals are far too small
  const bias = (1 << (exponentBits - 1)) - 1;
  const exponent = biased - DOUBLE_BIAS;
  if (exponent > bias) return -1;
  const minNormal = 1 - bias;
  // Low bits of the 53-bit significand the narrow format drops: they must all be zero.
  const shift = 52 - fractionBits + (exponent < minNormal ? minNormal - exponent : 0);
  if (shift > 52) return -1;
  const significandHigh = (high & HIGH_FRACTION_MASK) | IMPLICIT_BIT;
  let kept: number;
  if (shift >= 32) {
    const highShift = shift - 32;
    if (low !== 0 || (highShift > 0 && significandHigh << (32 - highShift) !== 0)) return -1;
    kept = significandHigh >> highShift;
  } else {
    if (low << (32 - shift) !== 0) return -1;
    kept = (significandHigh << (32 - shift)) | (low >>> shift);
  }
  if (exponent < minNormal) return kept; // subnormal: the significand is all there is
  return ((exponent + bias) << fractionBits) | (kept & ((1 << fractionBits) - 1));
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

/** Whether the double with these words is an integer (±0 included, NaN and ±Infinity not). */
export function isIntegralDouble(high: number, low: number): boolean {
  const biased = (high >> HIGH_FRACTION_BITS) & EXPONENT_MASK;
  if (biased === EXPONENT_MASK) return false;
  const exponent = biased - DOUBLE_BIAS;
  if (exponent < 0) return ((high & 0x7fffffff) | low) === 0;
  const fractionBits = 52 - exponent; // bits below the binary point
  if (fractionBits <= 0) return true;
  if (fractionBits < 32) return low << (32 - fractionBits) === 0;
  const highBits = fractionBits - 32;
  return low === 0 && (highBits === 0 || (high & HIGH_FRACTION_MASK) << (32 - highBits) === 0);
}

/** The exponent of a double (its biased exponent minus the bias), from its high word. */
export function doubleExponent(high: number): number {
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
