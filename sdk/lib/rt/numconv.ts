// Numbers to text and text to numbers, digit for digit as V8 (and so Node) does it:
// String(x), toFixed, toPrecision, toExponential, toString(radix), Number(s), parseFloat and
// parseInt.
//
// Decimal conversions are exact, with big integers (bignum.ts) rather than double arithmetic,
// which would round at every step:
// - Number to text (ECMA-262 §6.1.6.1.20 Number::toString) generates digits from the exact
//   ratio r/s = x / 10^k, and for the shortest form stops as soon as the digits identify x:
//   the free-format algorithm of Steele & White / Burger & Dybvig ("Printing floating-point
//   numbers quickly and accurately", 1996), with its boundaries m- and m+. Like V8, when two
//   shortest digit strings are possible it takes the one closer to x, and on a tie the even
//   one. toFixed, toPrecision and toExponential take a fixed count of digits from the same
//   ratio and round half up, as the spec says.
// - Text to number (§7.1.4.1.1 StringToNumber) computes the decimal digits D and exponent E
//   as D × 5^E × 2^E: a big integer when E ≥ 0, else the quotient D / 5^-E to 60 bits and
//   whether it has a remainder; either rounds once to the nearest double (ties to even).
//   Digits past the 780th only matter through being zero or not (a point halfway between two
//   doubles has at most 768 significant digits), so they are replaced by one sticky digit.
// - toString(radix) and parseInt in radixes other than 10 and the powers of two are what the
//   spec leaves to the implementation; they repeat V8's double arithmetic step for step.

import { f64FromWords, f64High, f64Low, isSmallInt, objectAt, poke8 } from "mote/intrinsics";
import { newString } from "./strings.ts";
import { STRING_DATA } from "./layout.ts";
import { RangeError } from "./errors.ts";
import {
  BigNat, LIMB_BITS, bitLength, bitsAt, compare, copyInto, divideSmall, divideStep, hasBitsBelow, multiplyAdd,
  multiplyPowerOfFive, multiplyPowerOfTen, normalize, plusCompare, setSignificand, setSmall, shiftLeft, shiftRight,
} from "./bignum.ts";

const CHAR_PLUS = 0x2b;
const CHAR_MINUS = 0x2d;
const CHAR_DOT = 0x2e;
const CHAR_ZERO = 0x30;
const CHAR_E = 0x65;

/** Significant decimal digits a conversion from text looks at before it rounds. */
const MAX_SIGNIFICANT_DIGITS = 780;
/** Where a decimal exponent stops growing: far beyond where every value is 0 or Infinity. */
const EXPONENT_LIMIT = 100000000;
/** 2^53: doubles at or above it are all integers, spaced 2 or more apart. */
const TWO_TO_53 = 9007199254740992;

// ------------------------------------------------------------------------------- text output

/** Text being built, one ASCII byte per character. */
class Text {
  bytes: Uint8Array;
  length: number;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
    this.length = 0;
  }

  add(code: number): void {
    this.bytes[this.length++] = code;
  }

  /** A digit in [0, 36) as 0-9, a-z. */
  addDigit(digit: number): void {
    this.add(digit < 10 ? CHAR_ZERO + digit : 0x57 + digit);
  }

  addZeros(count: number): void {
    for (let i = 0; i < count; i++) this.add(CHAR_ZERO);
  }

  addDigits(digits: Uint8Array, from: number, to: number): void {
    for (let i = from; i < to; i++) this.add(CHAR_ZERO + digits[i]);
  }

  /** "e+7", "e-21": the exponent of the exponential forms. */
  addExponent(exponent: number): void {
    this.add(CHAR_E);
    this.add(exponent < 0 ? CHAR_MINUS : CHAR_PLUS);
    const e = exponent < 0 ? -exponent : exponent;
    if (e >= 100) this.addDigit((e / 100) | 0);
    if (e >= 10) this.addDigit(((e / 10) | 0) % 10);
    this.addDigit(e % 10);
  }

  finish(): string {
    const length = this.length;
    const result = newString(length, false);
    const data = result + STRING_DATA;
    for (let i = 0; i < length; i++) poke8(data + i, this.bytes[i]);
    return objectAt<string>(result);
  }
}

/** Decimal digits d1 d2 … dcount of the value 0.d1d2…dcount × 10^point. */
class Decimal {
  digits: Uint8Array;
  count: number;
  point: number;

  constructor(capacity: number) {
    this.digits = new Uint8Array(capacity);
    this.count = 0;
    this.point = 0;
  }
}

function nonFiniteText(x: number): string {
  if (x !== x) return "NaN";
  return x < 0 ? "-Infinity" : "Infinity";
}

/** The digits of a small integer in a radix. */
function smallIntegerText(n: number, radix: number): string {
  const reversed = new Uint8Array(31);
  let count = 0;
  let m = n < 0 ? -n : n;
  do {
    const quotient = (m / radix) | 0;
    reversed[count++] = m - quotient * radix;
    m = quotient;
  } while (m !== 0);
  const text = new Text(count + 1);
  if (n < 0) text.add(CHAR_MINUS);
  while (count > 0) text.addDigit(reversed[--count]);
  return text.finish();
}

// ------------------------------------------------------------------- doubles as their parts

/** A double's encoding as small integers, taken apart once: the 32-bit words that f64High and
 *  f64Low give may need boxing on devices, these pieces never do. */
class Parts {
  negative: boolean;
  /** The biased exponent, 0 for zeros and subnormals, 0x7ff for NaN and infinities. */
  biased: number;
  /** The fraction: its top 20 bits, then two halves of the low word. */
  top: number;
  middle: number;
  bottom: number;

  constructor(x: number) {
    const high = f64High(x);
    const low = f64Low(x);
    this.negative = high < 0;
    this.biased = (high >> 20) & 0x7ff;
    this.top = high & 0xfffff;
    this.middle = (low >> 16) & 0xffff;
    this.bottom = low & 0xffff;
  }
}

function isZeroParts(p: Parts): boolean {
  return p.biased === 0 && p.top === 0 && p.middle === 0 && p.bottom === 0;
}

/** The exponent of the last bit of the significand: x = significand × 2^exponent. */
function binaryExponent(p: Parts): number {
  return p.biased === 0 ? -1074 : p.biased - 1075;
}

/** The significand (with the hidden bit of normal numbers) as a big integer. */
function significand(p: Parts, capacity: number): BigNat {
  const f = new BigNat(capacity);
  setSignificand(f, p.biased === 0 ? p.top : p.top | 0x100000, p.middle, p.bottom);
  return f;
}

/** Limbs for a number of about `bits` bits, with room for the shifts of the algorithms. */
function limbsFor(bits: number): number {
  return ((bits / LIMB_BITS) | 0) + 6;
}

/**
 * The decimal digits of x when it is an integer below 2^53, where they are also the shortest
 * ones that identify it (its neighbours are at most 1 away, and any other digit string with
 * as many digits is at least 1 away). Returns false for other numbers.
 */
function integerDigits(p: Parts, out: Decimal): boolean {
  const exponent = binaryExponent(p);
  if (exponent > 0 || exponent < -52) return false;
  const f = significand(p, 4);
  if (hasBitsBelow(f, -exponent)) return false;
  shiftRight(f, -exponent);
  // Groups of four digits, least significant first, into the end of a buffer.
  const buffer = new Uint8Array(20);
  let at = 20;
  while (f.length !== 0) {
    let group = divideSmall(f, 10000);
    for (let i = 0; i < 4; i++) {
      const quotient = (group / 10) | 0;
      buffer[--at] = group - quotient * 10;
      group = quotient;
    }
  }
  while (buffer[at] === 0) at++;
  let end = 20;
  while (buffer[end - 1] === 0) end--;
  for (let i = at; i < end; i++) out.digits[i - at] = buffer[i];
  out.count = end - at;
  out.point = 20 - at;
  return true;
}

// ------------------------------------------------------------------- exact digit generation

/** x = r / s × 10^point with 1/10 ≤ r/s < 1 (in shortest mode, the upper boundary of x's
 *  rounding interval is below 10^point, or at it when that bound itself rounds to x). */
class Scaled {
  r: BigNat;
  s: BigNat;
  /** Distances to the boundaries halfway to x's neighbours, on the scale of r (shortest
   *  mode only; mPlus is mMinus itself when they are equal). */
  mMinus: BigNat;
  mPlus: BigNat;
  point: number;

  constructor(r: BigNat, s: BigNat, mMinus: BigNat, mPlus: BigNat, point: number) {
    this.r = r;
    this.s = s;
    this.mMinus = mMinus;
    this.mPlus = mPlus;
    this.point = point;
  }
}

/** ceil(n × log10(2)) for |n| ≤ 1100: 631305 / 2^21 is close enough to log10(2) for every such
 *  n (the nearest n × log10(2) comes to an integer is 4.5e-4, at n = 485). */
function ceilLog10OfPowerOfTwo(n: number): number {
  return (n * 631305 + 2097151) >> 21;
}

/** The exact ratio for x (finite, not zero, sign ignored); with boundaries for the shortest
 *  digits. */
function scale(p: Parts, boundaries: boolean): Scaled {
  const e = binaryExponent(p);
  // The lower neighbour of a power of two is half as far away as the upper one.
  const unequal = boundaries && p.biased > 1 && p.top === 0 && p.middle === 0 && p.bottom === 0;
  const capacity = limbsFor((e < 0 ? -e : e) + 70);
  const r = significand(p, capacity);
  const significandBits = bitLength(r);
  const s = new BigNat(capacity);
  let mMinus = s;
  let mPlus = s;
  // Everything is doubled (quadrupled when unequal) so that the boundaries are integers.
  const twice = unequal ? 2 : 1;
  if (e >= 0) {
    shiftLeft(r, e + twice);
    setSmall(s, 1 << twice);
  } else {
    shiftLeft(r, twice);
    setSmall(s, 1);
    shiftLeft(s, twice - e);
  }
  if (boundaries) {
    mMinus = new BigNat(capacity);
    setSmall(mMinus, 1);
    if (e > 0) shiftLeft(mMinus, e);
    mPlus = mMinus;
    if (unequal) {
      mPlus = new BigNat(capacity);
      copyInto(mPlus, mMinus);
      shiftLeft(mPlus, 1);
    }
  }
  // x is in [2^n, 2^(n+1)) for n below, so 10^point is the smallest power of ten above it,
  // or the one after.
  let point = ceilLog10OfPowerOfTwo(e + significandBits - 1);
  if (point >= 0) {
    multiplyPowerOfTen(s, point);
  } else {
    multiplyPowerOfTen(r, -point);
    if (boundaries) {
      multiplyPowerOfTen(mMinus, -point);
      if (mPlus !== mMinus) multiplyPowerOfTen(mPlus, -point);
    }
  }
  const even = (p.bottom & 1) === 0;
  const above = boundaries ? plusCompare(r, mPlus, s) : compare(r, s);
  if (above > 0 || (above === 0 && (even || !boundaries))) {
    multiplyAdd(s, 10, 0);
    point++;
  }
  const shift = normalize(s);
  shiftLeft(r, shift);
  if (boundaries) {
    shiftLeft(mMinus, shift);
    if (mPlus !== mMinus) shiftLeft(mPlus, shift);
  }
  return new Scaled(r, s, mMinus, mPlus, point);
}

/** The shortest digits that identify x (finite, not zero), the closest to x of those. */
function shortestDigits(p: Parts, out: Decimal): void {
  if (integerDigits(p, out)) return;
  const scaled = scale(p, true);
  const r = scaled.r, s = scaled.s, mMinus = scaled.mMinus, mPlus = scaled.mPlus;
  // With an even significand, numbers at the boundaries read back as x, so they identify it.
  const even = (p.bottom & 1) === 0;
  const digits = out.digits;
  let count = 0;
  for (;;) {
    multiplyAdd(r, 10, 0);
    multiplyAdd(mMinus, 10, 0);
    if (mPlus !== mMinus) multiplyAdd(mPlus, 10, 0);
    let digit = divideStep(r, s);
    // May the digits stop here, rounding down (the rest is within the lower boundary) or up
    // (one more in the last digit is within the upper one)?
    const belowLow = compare(r, mMinus);
    const down = belowLow < 0 || (belowLow === 0 && even);
    const aboveHigh = plusCompare(r, mPlus, s);
    const up = aboveHigh > 0 || (aboveHigh === 0 && even);
    if (!down && !up) {
      digits[count++] = digit;
      continue;
    }
    if (down && up) {
      // Both identify x: the closer one, and on a tie the even one.
      const half = plusCompare(r, r, s);
      if (half > 0 || (half === 0 && (digit & 1) === 1)) digit++;
    } else if (up) {
      digit++;
    }
    digits[count++] = digit;
    break;
  }
  out.count = count;
  out.point = scaled.point;
}

/** The first `count` digits of the ratio, rounded half up (a carry out of the first digit
 *  makes them 10…0 and moves the point). */
function fixedDigits(scaled: Scaled, count: number, out: Decimal): void {
  const r = scaled.r, s = scaled.s;
  const digits = out.digits;
  for (let i = 0; i < count; i++) {
    if (r.length === 0) {
      digits[i] = 0;
    } else {
      multiplyAdd(r, 10, 0);
      digits[i] = divideStep(r, s);
    }
  }
  out.count = count;
  out.point = scaled.point;
  if (r.length === 0 || plusCompare(r, r, s) < 0) return;
  let i = count - 1;
  while (i >= 0 && digits[i] === 9) digits[i--] = 0;
  if (i >= 0) {
    digits[i]++;
  } else {
    digits[0] = 1;
    out.point++;
  }
}

/** The first `count` significant digits of x, rounded half up; zero gives zeros at point 1. */
function precisionDigits(p: Parts, count: number, out: Decimal): void {
  if (isZeroParts(p)) {
    for (let i = 0; i < count; i++) out.digits[i] = 0;
    out.count = count;
    out.point = 1;
    return;
  }
  fixedDigits(scale(p, false), count, out);
}

// ------------------------------------------------------------------------- number to text

/** String(x): Number::toString(x, 10). */
export function numberToString(x: number): string {
  if (isSmallInt(x)) return smallIntegerText(x, 10);
  if (x !== x || x === Infinity || x === -Infinity) return nonFiniteText(x);
  const p = new Parts(x);
  if (isZeroParts(p)) return "0";
  const d = new Decimal(18);
  shortestDigits(p, d);
  const count = d.count, point = d.point;
  const text = new Text(count + 30);
  if (p.negative) text.add(CHAR_MINUS);
  if (count <= point && point <= 21) {
    text.addDigits(d.digits, 0, count);
    text.addZeros(point - count);
  } else if (0 < point && point <= 21) {
    text.addDigits(d.digits, 0, point);
    text.add(CHAR_DOT);
    text.addDigits(d.digits, point, count);
  } else if (-6 < point && point <= 0) {
    text.add(CHAR_ZERO);
    text.add(CHAR_DOT);
    text.addZeros(-point);
    text.addDigits(d.digits, 0, count);
  } else {
    addExponential(text, d);
  }
  return text.finish();
}

/** d.ddd…e±n */
function addExponential(text: Text, d: Decimal): void {
  text.add(CHAR_ZERO + d.digits[0]);
  if (d.count > 1) {
    text.add(CHAR_DOT);
    text.addDigits(d.digits, 1, d.count);
  }
  text.addExponent(d.point - 1);
}

/** A digit count argument as ToIntegerOrInfinity makes it (undefined and NaN are 0), checked
 *  against its range. */
function digitCount(value: unknown, min: number, max: number, message: string): number {
  let d = value === undefined ? 0 : (value as number);
  if (d !== d) d = 0;
  if (d <= min - 1 || d >= max + 1) throw new RangeError(message);
  return d | 0;
}

/** Number.prototype.toFixed (§21.1.3.3). */
export function numberToFixed(x: number, fractionDigits: unknown): string {
  const f = digitCount(fractionDigits, 0, 100, "toFixed() digits argument must be between 0 and 100");
  if (x !== x) return "NaN";
  if (x >= 1e21 || x <= -1e21) return numberToString(x);
  const p = new Parts(x);
  // n = round(|x| × 10^f), as the digits d[0..count) followed by zeros to `length` digits.
  const d = new Decimal(f + 22);
  let length = 0;
  if (!isZeroParts(p)) {
    const scaled = scale(p, false);
    length = scaled.point + f;
    if (length > 0) {
      fixedDigits(scaled, length, d);
      length = d.point + f;
    } else if (length === 0 && plusCompare(scaled.r, scaled.r, scaled.s) >= 0) {
      // |x| × 10^f is in [1/2, 1): n is 1.
      d.digits[0] = 1;
      d.count = 1;
      length = 1;
    } else {
      length = 0;
    }
  }
  const text = new Text(length + f + 3);
  // The sign goes by x < 0, so -0 has none but -0.0001 keeps it ("-0.00").
  if (x < 0) text.add(CHAR_MINUS);
  const integerLength = length > f ? length - f : 0;
  if (integerLength === 0) text.add(CHAR_ZERO);
  for (let i = 0; i < integerLength; i++) text.add(CHAR_ZERO + (i < d.count ? d.digits[i] : 0));
  if (f > 0) {
    text.add(CHAR_DOT);
    if (length < f) text.addZeros(f - length);
    for (let i = integerLength; i < length; i++) text.add(CHAR_ZERO + (i < d.count ? d.digits[i] : 0));
  }
  return text.finish();
}

/** Number.prototype.toPrecision (§21.1.3.5); `precision` undefined is String(x). */
export function numberToPrecision(x: number, precision: unknown): string {
  if (precision === undefined || x !== x || x === Infinity || x === -Infinity) return numberToString(x);
  const p = digitCount(precision, 1, 100, "toPrecision() argument must be between 1 and 100");
  const d = new Decimal(p);
  precisionDigits(new Parts(x), p, d);
  const e = d.point - 1;
  const text = new Text(p + 12);
  if (x < 0) text.add(CHAR_MINUS);
  if (e < -6 || e >= p) {
    addExponential(text, d);
  } else if (e >= 0) {
    text.addDigits(d.digits, 0, e + 1);
    if (e + 1 < p) {
      text.add(CHAR_DOT);
      text.addDigits(d.digits, e + 1, p);
    }
  } else {
    text.add(CHAR_ZERO);
    text.add(CHAR_DOT);
    text.addZeros(-(e + 1));
    text.addDigits(d.digits, 0, p);
  }
  return text.finish();
}

/** Number.prototype.toExponential (§21.1.3.2); `fractionDigits` undefined gives as many
 *  digits as it takes to identify x. */
export function numberToExponential(x: number, fractionDigits: unknown): string {
  if (x !== x || x === Infinity || x === -Infinity) return numberToString(x);
  const p = new Parts(x);
  let d: Decimal;
  if (fractionDigits === undefined) {
    d = new Decimal(18);
    if (isZeroParts(p)) precisionDigits(p, 1, d);
    else shortestDigits(p, d);
  } else {
    const f = digitCount(fractionDigits, 0, 100, "toExponential() argument must be between 0 and 100");
    d = new Decimal(f + 1);
    precisionDigits(p, f + 1, d);
  }
  const text = new Text(d.count + 8);
  if (x < 0) text.add(CHAR_MINUS);
  addExponential(text, d);
  return text.finish();
}

// -------------------------------------------------------------------- number to text, radix

/** The next double above a positive finite x. */
function nextUp(x: number): number {
  const high = f64High(x), low = f64Low(x);
  return low === -1 ? f64FromWords(high + 1, 0) : f64FromWords(high, low + 1);
}

/**
 * Number.prototype.toString(radix) (§21.1.3.6). Integers below 2^53 are exact. Other numbers
 * follow V8's DoubleToRadixCString: fraction digits are generated by multiplying the
 * fraction (and the half-distance to the next double) by the radix in doubles, until what
 * is left is within that distance, rounding the last digit half to even; the integer part is
 * divided down in doubles, with zeros for the digits below 2^53's precision.
 */
export function numberToStringRadix(x: number, radix: number): string {
  if (!(radix >= 2 && radix < 37)) throw new RangeError("toString() radix argument must be between 2 and 36");
  const base = radix | 0;
  if (base === 10) return numberToString(x);
  if (isSmallInt(x)) return smallIntegerText(x, base);
  if (x !== x || x === Infinity || x === -Infinity) return nonFiniteText(x);
  const p = new Parts(x);
  if (isZeroParts(p)) return "0";
  const exponent = binaryExponent(p);
  const value = x < 0 ? -x : x;
  let integer = Math.trunc(value);
  let fraction = value - integer;

  const fractionDigits = new Uint8Array(exponent < 0 ? 4 - exponent : 1);
  let fractionCount = 0;
  let delta = 0.5 * (nextUp(value) - value);
  const smallest = f64FromWords(0, 1);
  if (delta < smallest) delta = smallest;
  if (fraction >= delta) {
    do {
      fraction *= base;
      delta *= base;
      const digit = fraction | 0;
      fractionDigits[fractionCount++] = digit;
      fraction -= digit;
      if ((fraction > 0.5 || (fraction === 0.5 && (digit & 1) === 1)) && fraction + delta > 1) {
        // Round up, carrying into earlier digits; the digits that become 0 are dropped.
        for (;;) {
          if (fractionCount === 0) {
            integer += 1;
            break;
          }
          const last = fractionDigits[fractionCount - 1] + 1;
          if (last < base) {
            fractionDigits[fractionCount - 1] = last;
            break;
          }
          fractionCount--;
        }
        break;
      }
    } while (fraction >= delta);
  }

  // Integer digits, least significant first.
  const integerPart = new Uint8Array(exponent > -52 ? exponent + 56 : 4);
  let integerCount = 0;
  let quotient = integer / base;
  while (quotient >= TWO_TO_53) {
    integer = quotient;
    integerPart[integerCount++] = 0;
    quotient = integer / base;
  }
  if (integer < TWO_TO_53) {
    const integerParts = new Parts(integer);
    const n = significand(integerParts, 5);
    const shift = binaryExponent(integerParts);
    if (shift >= 0) shiftLeft(n, shift);
    else shiftRight(n, -shift);
    do integerPart[integerCount++] = divideSmall(n, base); while (n.length !== 0);
  } else {
    do {
      const remainder = integer % base;
      integerPart[integerCount++] = remainder;
      integer = (integer - remainder) / base;
    } while (integer > 0);
  }

  const text = new Text(integerCount + fractionCount + 2);
  if (x < 0) text.add(CHAR_MINUS);
  while (integerCount > 0) text.addDigit(integerPart[--integerCount]);
  if (fractionCount > 0) {
    text.add(CHAR_DOT);
    for (let i = 0; i < fractionCount; i++) text.addDigit(fractionDigits[i]);
  }
  return text.finish();
}

// ------------------------------------------------------------------------- text to number

/** StrWhiteSpaceChar (§7.1.4.1): white space (Unicode Zs, tab, VT, FF, BOM) and line
 *  terminators, as String.prototype.trim removes them. */
function isWhiteSpace(unit: number): boolean {
  if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d) || unit === 0xa0) return true;
  if (unit < 0x1680) return false;
  return unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029
    || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
}

/** The value of a digit character in radixes up to 36, or 36 for other characters. */
function digitValue(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  const lower = unit | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 36;
}

function isDecimalDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/** Where the digits of a radix that start at `from` end. */
function digitsEnd(s: string, from: number, to: number, radix: number): number {
  let at = from;
  while (at < to && digitValue(s.charCodeAt(at)) < radix) at++;
  return at;
}

/** Where the parts of a StrDecimalLiteral are in a string. */
class Literal {
  negative: boolean;
  infinity: boolean;
  integerStart: number;
  integerEnd: number;
  fractionStart: number;
  fractionEnd: number;
  /** The value of the exponent part (0 without one), limited to ±EXPONENT_LIMIT. */
  exponent: number;
  /** Where the literal ends. */
  end: number;

  constructor() {
    this.negative = false;
    this.infinity = false;
    this.integerStart = 0;
    this.integerEnd = 0;
    this.fractionStart = 0;
    this.fractionEnd = 0;
    this.exponent = 0;
    this.end = 0;
  }
}

/** The longest StrDecimalLiteral (optional sign, then Infinity or digits with an optional
 *  fraction and exponent) at s[start..limit); false when there is none. */
function scanDecimal(s: string, start: number, limit: number, literal: Literal): boolean {
  let at = start;
  if (at < limit) {
    const sign = s.charCodeAt(at);
    if (sign === CHAR_PLUS || sign === CHAR_MINUS) {
      literal.negative = sign === CHAR_MINUS;
      at++;
    }
  }
  if (limit - at >= 8 && s.startsWith("Infinity", at)) {
    literal.infinity = true;
    literal.end = at + 8;
    return true;
  }
  literal.integerStart = at;
  while (at < limit && isDecimalDigit(s.charCodeAt(at))) at++;
  literal.integerEnd = at;
  literal.fractionStart = at;
  literal.fractionEnd = at;
  if (at < limit && s.charCodeAt(at) === CHAR_DOT) {
    at++;
    literal.fractionStart = at;
    while (at < limit && isDecimalDigit(s.charCodeAt(at))) at++;
    literal.fractionEnd = at;
  }
  if (literal.integerEnd === literal.integerStart && literal.fractionEnd === literal.fractionStart) return false;
  if (at < limit && (s.charCodeAt(at) | 0x20) === CHAR_E) {
    let next = at + 1;
    let negative = false;
    if (next < limit) {
      const sign = s.charCodeAt(next);
      if (sign === CHAR_PLUS || sign === CHAR_MINUS) {
        negative = sign === CHAR_MINUS;
        next++;
      }
    }
    const digitsStart = next;
    let value = 0;
    while (next < limit && isDecimalDigit(s.charCodeAt(next))) {
      if (value < EXPONENT_LIMIT) value = value * 10 + s.charCodeAt(next) - CHAR_ZERO;
      next++;
    }
    if (next > digitsStart) {
      literal.exponent = negative ? -value : value;
      at = next;
    }
  }
  literal.end = at;
  return true;
}

/** Digit i of the literal's digits, integer part then fraction part. */
function literalDigit(s: string, literal: Literal, i: number): number {
  const integerLength = literal.integerEnd - literal.integerStart;
  const at = i < integerLength ? literal.integerStart + i : literal.fractionStart + i - integerLength;
  return s.charCodeAt(at) - CHAR_ZERO;
}

/** The number a scanned literal stands for, correctly rounded. */
function literalValue(s: string, literal: Literal): number {
  const negative = literal.negative;
  if (literal.infinity) return negative ? -Infinity : Infinity;
  const integerLength = literal.integerEnd - literal.integerStart;
  const total = integerLength + literal.fractionEnd - literal.fractionStart;
  let first = 0;
  while (first < total && literalDigit(s, literal, first) === 0) first++;
  if (first === total) return negative ? -0 : 0;
  let last = total - 1;
  while (literalDigit(s, literal, last) === 0) last--;
  const count = last - first + 1;
  // The value is D × 10^exponent, D the digits first..last as an integer.
  const exponent = literal.exponent + integerLength - 1 - last;
  // It is in [10^(point-1), 10^point): beyond the largest double or below half the smallest.
  const point = count + exponent;
  if (point > 310) return negative ? -Infinity : Infinity;
  if (point < -323) return negative ? -0 : 0;
  if (exponent >= 0 && point <= 9) {
    let value = 0;
    for (let i = first; i <= last; i++) value = value * 10 + literalDigit(s, literal, i);
    for (let i = 0; i < exponent; i++) value *= 10;
    return negative ? -value : value;
  }
  const used = count > MAX_SIGNIFICANT_DIGITS ? MAX_SIGNIFICANT_DIGITS : count;
  let e = exponent + count - used;
  const digitBits = ((used * 10) / 3) | 0;
  const fiveBits = (((e < 0 ? -e : e) * 7) / 3) | 0;
  const capacity = limbsFor((digitBits > fiveBits ? digitBits : fiveBits) + 64);
  const n = new BigNat(capacity);
  let group = 0;
  let groupDigits = 0;
  let groupScale = 1;
  for (let i = first; i < first + used; i++) {
    group = group * 10 + literalDigit(s, literal, i);
    groupScale *= 10;
    if (++groupDigits === 4) {
      multiplyAdd(n, groupScale, group);
      group = 0;
      groupDigits = 0;
      groupScale = 1;
    }
  }
  if (groupDigits > 0) multiplyAdd(n, groupScale, group);
  if (used < count) {
    // Nonzero digits were dropped (the last digit is never 0): one more nonzero digit
    // keeps the value strictly between the same two points halfway between doubles.
    multiplyAdd(n, 10, 1);
    e--;
  }
  if (e >= 0) {
    multiplyPowerOfFive(n, e);
    return roundToNumber(n, false, e, negative);
  }
  return quotientToNumber(n, -e, capacity, e, negative);
}

/** n / 5^fives × 2^exponent, rounded to the nearest double. */
function quotientToNumber(n: BigNat, fives: number, capacity: number, exponent: number, negative: boolean): number {
  const s = new BigNat(capacity);
  setSmall(s, 1);
  multiplyPowerOfFive(s, fives);
  const normalized = normalize(s);
  // r = n × 2^up with 2^13 × s ≤ r < 2^15 × s (s moving up by whole limbs when n is the
  // larger), so that the first quotient limb has 14 or 15 bits and the four limbs at least 59.
  let up = bitLength(s) + 14 - bitLength(n);
  let sUp = 0;
  if (up < 0) {
    sUp = (((14 - up) / LIMB_BITS) | 0) * LIMB_BITS;
    shiftLeft(s, sUp);
    up += sUp;
  }
  shiftLeft(n, up);
  const q = new BigNat(4);
  q.limbs[3] = divideStep(n, s);
  for (let i = 2; i >= 0; i--) {
    shiftLeft(n, LIMB_BITS);
    q.limbs[i] = divideStep(n, s);
  }
  q.length = 4; // the top limb is at least 2^13
  return roundToNumber(q, n.length !== 0, exponent + normalized + sUp - up - 3 * LIMB_BITS, negative);
}

/**
 * (x + a bit more when `inexact`) × 2^exponent rounded to the nearest double, ties to even;
 * x has all the bits down to the rounding position, or more. Subnormals round at 2^-1074,
 * and values that round to 2^1024 or more are Infinity.
 */
function roundToNumber(x: BigNat, inexact: boolean, exponent: number, negative: boolean): number {
  const length = bitLength(x);
  if (length === 0) return negative ? -0 : 0;
  // The bits below `drop` go: all but 53 bits, and more for a subnormal.
  let drop = length - 53;
  if (exponent + drop < -1074) drop = -1074 - exponent;
  let m0 = bitsAt(x, drop, 15);
  let m1 = bitsAt(x, drop + 15, 15);
  let m2 = bitsAt(x, drop + 30, 15);
  let m3 = bitsAt(x, drop + 45, 8);
  const half = bitsAt(x, drop - 1, 1) === 1;
  const rest = inexact || hasBitsBelow(x, drop - 1);
  let e = exponent + drop;
  if (half && (rest || (m0 & 1) === 1)) {
    // Add one, carrying; 2^53 becomes 2^52 with the next exponent.
    m0++;
    if (m0 === 0x8000) {
      m0 = 0;
      m1++;
      if (m1 === 0x8000) {
        m1 = 0;
        m2++;
        if (m2 === 0x8000) {
          m2 = 0;
          m3++;
          if (m3 === 0x100) {
            m3 = 0x80;
            e++;
          }
        }
      }
    }
  }
  if (m0 === 0 && m1 === 0 && m2 === 0 && m3 === 0) return negative ? -0 : 0;
  let biased = 0;
  if (m3 >= 0x80) {
    biased = e + 1075;
    if (biased >= 0x7ff) return negative ? -Infinity : Infinity;
  }
  const value = f64FromWords((biased << 20) | ((m3 & 0x7f) << 13) | (m2 >> 2), ((m2 & 3) << 30) | (m1 << 15) | m0);
  return negative ? -value : value;
}

/** An integer in a power-of-two radix, correctly rounded (as V8 does for these radixes). */
function powerOfTwoValue(s: string, from: number, to: number, radix: number, negative: boolean): number {
  const bitsPerDigit = radix === 2 ? 1 : radix === 4 ? 2 : radix === 8 ? 3 : radix === 16 ? 4 : 5;
  const x = new BigNat(6);
  let exponent = 0;
  let inexact = false;
  for (let at = from; at < to; at++) {
    const digit = digitValue(s.charCodeAt(at));
    if (bitLength(x) < 56) {
      multiplyAdd(x, radix, digit);
    } else {
      exponent += bitsPerDigit;
      if (digit !== 0) inexact = true;
    }
  }
  return roundToNumber(x, inexact, exponent, negative);
}

/** Number(s) and unary + on a string: StringToNumber (§7.1.4.1.1). */
export function parseNumber(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && isWhiteSpace(s.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return 0;
  if (end - start >= 2 && s.charCodeAt(start) === CHAR_ZERO) {
    const prefix = s.charCodeAt(start + 1) | 0x20;
    const radix = prefix === 0x78 ? 16 : prefix === 0x6f ? 8 : prefix === 0x62 ? 2 : 0;
    if (radix !== 0) {
      if (end - start === 2 || digitsEnd(s, start + 2, end, radix) !== end) return NaN;
      return powerOfTwoValue(s, start + 2, end, radix, false);
    }
  }
  const literal = new Literal();
  if (!scanDecimal(s, start, end, literal) || literal.end !== end) return NaN;
  return literalValue(s, literal);
}

/** The global parseFloat: the longest decimal literal after leading white space. */
export function parseFloatPrefix(s: string): number {
  let start = 0;
  while (start < s.length && isWhiteSpace(s.charCodeAt(start))) start++;
  const literal = new Literal();
  if (!scanDecimal(s, start, s.length, literal)) return NaN;
  return literalValue(s, literal);
}

/**
 * The global parseInt; `radix` is the argument as ToInt32 makes it, 0 when it is undefined.
 * Radix 10 is correctly rounded, as are the powers of two; in the others, V8 reads up to
 * 119304647 (2^32 / 36) worth of digits at a time as an exact integer and adds each such
 * part to the result in doubles (result × multiplier + part), rounding twice per part.
 */
export function parseIntRadix(s: string, radix: number): number {
  const length = s.length;
  let at = 0;
  while (at < length && isWhiteSpace(s.charCodeAt(at))) at++;
  let negative = false;
  if (at < length) {
    const sign = s.charCodeAt(at);
    if (sign === CHAR_PLUS || sign === CHAR_MINUS) {
      negative = sign === CHAR_MINUS;
      at++;
    }
  }
  let base = radix | 0;
  let stripPrefix = true;
  if (base !== 0) {
    if (base < 2 || base > 36) return NaN;
    if (base !== 16) stripPrefix = false;
  } else {
    base = 10;
  }
  if (stripPrefix && at + 1 < length && s.charCodeAt(at) === CHAR_ZERO && (s.charCodeAt(at + 1) | 0x20) === 0x78) {
    at += 2;
    base = 16;
  }
  const end = digitsEnd(s, at, length, base);
  if (end === at) return NaN;
  if (base === 10) {
    const literal = new Literal();
    literal.negative = negative;
    literal.integerStart = at;
    literal.integerEnd = end;
    literal.fractionStart = end;
    literal.fractionEnd = end;
    return literalValue(s, literal);
  }
  if ((base & (base - 1)) === 0) return powerOfTwoValue(s, at, end, base, negative);
  // Leading zeros do not count towards the parts.
  while (at < end && s.charCodeAt(at) === CHAR_ZERO) at++;
  let result = 0;
  while (at < end) {
    let part = 0;
    let multiplier = 1;
    while (at < end) {
      const next = multiplier * base;
      if (next > 119304647) break;
      part = part * base + digitValue(s.charCodeAt(at));
      multiplier = next;
      at++;
    }
    result = result * multiplier + part;
  }
  return negative ? -result : result;
}
