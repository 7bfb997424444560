// Numbers to text and text to numbers, digit for digit as V8 (and so Node) does it:
// String(x), toFixed, toPrecision, toExponential, toString(radix), Number(s), parseFloat and
// parseInt.
//
// Decimal conversions are exact, with big integers (bignum.ts) rather than double arithmetic,
// which would round at every step:
// - Number to text (ECMA-262 §6.1.6.1.20 Number::toString) generates digits from the exact
//   ratio r/s = x / 10^point, and for the shortest form stops as soon as the digits identify
//   x: the free-format algorithm of Steele & White / Burger & Dybvig ("Printing floating-point
//   numbers quickly and accurately", 1996), with its boundaries m- and m+. Like V8, when two
//   shortest digit strings are possible it takes the one closer to x, and on a tie the even
//   one (2^50 + 0.25 prints as …624.2, 2^51 - 0.25 as …247.8). toFixed, toPrecision and
//   toExponential take a fixed count of digits from the same ratio and round half up, as the
//   spec says.
// - Text to number (§7.1.4.1.1 StringToNumber) takes the decimal digits D and exponent E.
//   With at most 15 digits and |E| ≤ 22, D and 10^|E| are exact doubles and one IEEE
//   multiplication or division rounds correctly (Clinger's fast path). Otherwise D × 10^E is
//   D × 5^E × 2^E: a big integer when E ≥ 0, else the quotient D / 5^-E to 55 bits and whether
//   it has a remainder; either rounds once to the nearest double (ties to even). Digits past
//   the 780th only matter through being zero or not (a point halfway between two doubles has
//   at most 768 significant digits), so they become one sticky digit.
// - toString(radix) and parseInt in radixes other than 10 and the powers of two are what the
//   spec leaves to the implementation; they repeat V8's double arithmetic step for step.
//
// An allocation costs about as much as a few digits of work on a Cortex-M0, so the big
// integers, digit and text buffers live in one workspace, made on first use and reused:
// conversions never run inside one another. A conversion's result is then, most of the time,
// its only allocation.

import { FRACTIONS, f64FromWords, f64High, f64Low, isSmallInt, objectAt, panic, poke8 } from "mote/intrinsics";
import { PANIC_UNREACHABLE } from "./panic-codes.ts";
import { intToString, newString } from "./strings.ts";
import { STRING_DATA } from "./layout.ts";
import { RangeError } from "./errors.ts";
import { isSpace } from "./whitespace.ts";
import {
  BigNat, LIMB_BITS, bitLength, bitsAt, compare, copyInto, divideSmall, divideStep, hasBitsBelow, limbIndex,
  multiplyAdd, multiplyInto, multiplyPowerOfFive, normalize, plusCompare, setSignificand, setSmall, shiftLeft,
  shiftRight,
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
/** Limbs the workspace's big integers start with: enough for doubles of everyday size. */
const WORKSPACE_LIMBS = 12;

// --------------------------------------------------------------------------------- workspace

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

/** Everything a conversion works in (see the top of the file). */
class Workspace {
  // The double being converted, as small integers (the 32-bit words of its encoding would
  // be boxed on devices): sign, biased exponent (0 for zeros and subnormals, 0x7ff for NaN
  // and infinities), then the fraction as its top 20 bits and two halves of the low word.
  negative: boolean;
  biased: number;
  top: number;
  middle: number;
  bottom: number;
  // The exact ratio x = r / s × 10^point (see scale), and the distances to the boundaries
  // halfway to x's neighbours on the scale of r; mPlus is used only when they differ.
  r: BigNat;
  s: BigNat;
  mMinus: BigNat;
  mPlus: BigNat;
  unequal: boolean;
  // Decimal digits d1 d2 … dcount of the value 0.d1d2…dcount × 10^point.
  digits: Uint8Array;
  count: number;
  point: number;
  // Text being built, one ASCII byte per character.
  text: Uint8Array;
  length: number;
  literal: Literal;

  constructor() {
    this.negative = false;
    this.biased = 0;
    this.top = 0;
    this.middle = 0;
    this.bottom = 0;
    this.r = new BigNat(WORKSPACE_LIMBS);
    this.s = new BigNat(WORKSPACE_LIMBS);
    this.mMinus = new BigNat(WORKSPACE_LIMBS);
    this.mPlus = new BigNat(WORKSPACE_LIMBS);
    this.unequal = false;
    this.digits = new Uint8Array(24);
    this.count = 0;
    this.point = 0;
    this.text = new Uint8Array(32);
    this.length = 0;
    this.literal = new Literal();
  }
}

let workspace: Workspace | undefined = undefined;

function work(): Workspace {
  if (workspace === undefined) workspace = new Workspace();
  return workspace;
}

// ------------------------------------------------------------------------------- text output

/** Starts the text, with room for `capacity` characters. */
function startText(w: Workspace, capacity: number): void {
  if (w.text.length < capacity) w.text = new Uint8Array(capacity);
  w.length = 0;
}

function add(w: Workspace, code: number): void {
  w.text[w.length++] = code;
}

/** A digit in [0, 36) as 0-9, a-z. */
function addDigit(w: Workspace, digit: number): void {
  add(w, digit < 10 ? CHAR_ZERO + digit : 0x57 + digit);
}

function addZeros(w: Workspace, count: number): void {
  for (let i = 0; i < count; i++) add(w, CHAR_ZERO);
}

/** Digits from..to-1 of the decimal digits, zeros past the last. */
function addDigits(w: Workspace, from: number, to: number): void {
  for (let i = from; i < to; i++) add(w, CHAR_ZERO + (i < w.count ? w.digits[i] : 0));
}

/** "e+7", "e-21": the exponent of the exponential forms. */
function addExponent(w: Workspace, exponent: number): void {
  add(w, CHAR_E);
  add(w, exponent < 0 ? CHAR_MINUS : CHAR_PLUS);
  const e = exponent < 0 ? -exponent : exponent;
  if (e >= 100) addDigit(w, (e / 100) | 0);
  if (e >= 10) addDigit(w, ((e / 10) | 0) % 10);
  addDigit(w, e % 10);
}

/** d.ddd…e±n, from the decimal digits. */
function addExponential(w: Workspace): void {
  add(w, CHAR_ZERO + w.digits[0]);
  if (w.count > 1) {
    add(w, CHAR_DOT);
    addDigits(w, 1, w.count);
  }
  addExponent(w, w.point - 1);
}

/** The ASCII characters bytes[from..to) as a string. */
function stringOf(bytes: Uint8Array, from: number, to: number): string {
  const result = newString(to - from, false);
  const data = result + STRING_DATA - from;
  for (let i = from; i < to; i++) poke8(data + i, bytes[i]);
  return objectAt<string>(result);
}

function finishText(w: Workspace): string {
  return stringOf(w.text, 0, w.length);
}

function nonFiniteText(w: Workspace): string {
  if (w.top !== 0 || w.middle !== 0 || w.bottom !== 0) return "NaN";
  return w.negative ? "-Infinity" : "Infinity";
}

/** The digits of a small integer in a radix. */
function smallIntegerText(n: number, radix: number): string {
  const w = work();
  // Digits from the end of the text buffer backwards, then the sign.
  startText(w, 32);
  const text = w.text;
  let at = 32;
  let m = n < 0 ? -n : n;
  do {
    const quotient = (m / radix) | 0;
    // quotient × radix would be a double multiplication for quotients of 2^14 and more.
    const digit = radix === 10 ? m - timesTen(quotient) : m % radix;
    text[--at] = digit < 10 ? CHAR_ZERO + digit : 0x57 + digit;
    m = quotient;
  } while (m !== 0);
  if (n < 0) text[--at] = CHAR_MINUS;
  return stringOf(text, at, 32);
}

// ------------------------------------------------------------------- doubles as their parts

function decompose(w: Workspace, x: number): void {
  const high = f64High(x);
  const low = f64Low(x);
  w.negative = high < 0;
  w.biased = (high >> 20) & 0x7ff;
  w.top = high & 0xfffff;
  w.middle = (low >> 16) & 0xffff;
  w.bottom = low & 0xffff;
}

function isZero(w: Workspace): boolean {
  return w.biased === 0 && w.top === 0 && w.middle === 0 && w.bottom === 0;
}

/** The exponent of the last bit of the significand: x = significand × 2^exponent. */
function binaryExponent(w: Workspace): number {
  return w.biased === 0 ? -1074 : w.biased - 1075;
}

/** The significand (with the hidden bit of normal numbers) into a big integer. */
function loadSignificand(w: Workspace, f: BigNat): void {
  setSignificand(f, w.biased === 0 ? w.top : w.top | 0x100000, w.middle, w.bottom);
}

/** floor(v / 10) for v below 16389, by a multiplication (division is software on Cortex-M0). */
function divideByTen(v: number): number {
  return (v * 6554) >> 16;
}

/** Writes the four decimal digits of a group below 10^4 at digits[at..at+3]. */
function putGroup(digits: Uint8Array, at: number, group: number): void {
  let rest = group;
  for (let i = at + 3; i >= at; i--) {
    const quotient = divideByTen(rest);
    digits[i] = rest - quotient * 10;
    rest = quotient;
  }
}

/**
 * The decimal digits of x when it is an integer below 2^53, where they are also the shortest
 * ones that identify it (its neighbours are at most 1 away, and any other digit string with
 * as many digits is at least 1 away). Returns false for other numbers.
 */
function integerDigits(w: Workspace): boolean {
  const exponent = binaryExponent(w);
  if (exponent > 0 || exponent < -52) return false;
  const f = w.r;
  loadSignificand(w, f);
  if (hasBitsBelow(f, -exponent)) return false;
  shiftRight(f, -exponent);
  // Groups of four digits, least significant first, into the end of the text buffer.
  startText(w, 20);
  const buffer = w.text;
  let at = 20;
  while (f.length !== 0) {
    at -= 4;
    putGroup(buffer, at, divideSmall(f, 10000));
  }
  while (buffer[at] === 0) at++;
  let end = 20;
  while (buffer[end - 1] === 0) end--;
  for (let i = at; i < end; i++) w.digits[i - at] = buffer[i];
  w.count = end - at;
  w.point = 20 - at;
  return true;
}

// ------------------------------------------------------------------- integers, in decimal
//
// An integer-valued double is printed from its exact decimal digits: the significand's 53
// bits shifted in, then doubled e times, on byte arrays of decimal digits (least significant
// first). Below 2^53 those digits are the answer (the neighbours are at most 1 away, and any
// other digit string as long is at least 1 away). From 2^53 on, x's neighbours are 2^e away
// (2^(e-1) below a power of two), and x stands for every number within half that, the
// boundaries included when its significand is even: the shortest digits are the first n of
// x rounded down (x - T, with T the digits after them) or up (x - T + 10^k) that land inside,
// the closer of the two when both do, the even one on a tie, as shortestDigits does.
// Programs whose numbers are all integers (integral mode, sdk/compiler/lower/doubles.ts)
// print with this alone and link no big-integer code. Programs with fractions have the big
// integers anyway, and shortestDigits is faster for huge numbers and smaller with them.

/** Digits of the largest double, 1.8e308, with room to spare. */
const DECIMAL_ROOM = 312;

/** Decimal scratch for integralDigits: x, half the distance to its neighbours, a sum. */
let decimalValue: Uint8Array | undefined = undefined;
let decimalHalf: Uint8Array | undefined = undefined;
let decimalSum: Uint8Array | undefined = undefined;

/** d × factor + addend (factor ≤ 2^10, addend < 2^10) in place; returns the new length. */
function decimalTimes(d: Uint8Array, length: number, factor: number, addend: number): number {
  let n = length;
  let carry = addend;
  for (let i = 0; i < n; i++) {
    // At most 9 × 2^10 + 2^10: divideByTen's range.
    const v = d[i] * factor + carry;
    carry = divideByTen(v);
    d[i] = v - carry * 10;
  }
  while (carry !== 0) {
    const quotient = divideByTen(carry);
    d[n++] = carry - quotient * 10;
    carry = quotient;
  }
  return n;
}

/** d × 2^shift in place; returns the new length. */
function decimalShift(d: Uint8Array, length: number, shift: number): number {
  let n = length;
  for (let left = shift; left > 0; left -= 10) n = decimalTimes(d, n, 1 << (left < 10 ? left : 10), 0);
  return n;
}

/** Shifts the top `count` of the `bits` bits of `part` into the integer in d. */
function decimalAppendBits(d: Uint8Array, length: number, part: number, bits: number, count: number): number {
  let n = length;
  let below = bits;
  for (let left = count; left > 0;) {
    const k = left < 10 ? left : 10;
    left -= k;
    below -= k;
    n = decimalTimes(d, n, 1 << k, (part >> below) & ((1 << k) - 1));
  }
  return n;
}

/** The length of the integer in d[0..length) without its leading zeros. */
function decimalLength(d: Uint8Array, length: number): number {
  let n = length;
  while (n > 0 && d[n - 1] === 0) n--;
  return n;
}

/** Compares the integers in a[0..aLength) and b[0..bLength). */
function decimalCompare(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number): number {
  const m = decimalLength(a, aLength), n = decimalLength(b, bLength);
  if (m !== n) return m < n ? -1 : 1;
  for (let i = m - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Compares a + b with 10^k (the sum goes to decimalSum). */
function decimalSumVersusPower(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number, k: number): number {
  if (decimalSum === undefined) decimalSum = new Uint8Array(DECIMAL_ROOM);
  const sum = decimalSum;
  const n = aLength > bLength ? aLength : bLength;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const v = (i < aLength ? a[i] : 0) + (i < bLength ? b[i] : 0) + carry;
    carry = v >= 10 ? 1 : 0;
    sum[i] = v - carry * 10;
  }
  sum[n] = carry;
  const length = decimalLength(sum, n + 1);
  if (length !== k + 1) return length < k + 1 ? -1 : 1;
  if (sum[k] !== 1) return 1;
  return decimalLength(sum, k) === 0 ? 0 : 1;
}

/** Compares a + a with b (the sum goes to decimalSum). */
function decimalTwiceVersus(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number): number {
  if (decimalSum === undefined) decimalSum = new Uint8Array(DECIMAL_ROOM);
  const sum = decimalSum;
  let carry = 0;
  for (let i = 0; i < aLength; i++) {
    const v = a[i] * 2 + carry;
    carry = v >= 10 ? 1 : 0;
    sum[i] = v - carry * 10;
  }
  sum[aLength] = carry;
  return decimalCompare(sum, aLength + 1, b, bLength);
}

/**
 * The shortest digits that identify x (finite, not zero) when it is an integer, the closest
 * to x of those (see above); false for other numbers.
 */
function integralDigits(w: Workspace, x: number): boolean {
  const e = binaryExponent(w);
  if (e < -52 || (e < 0 && x % 1 !== 0)) return false;
  if (decimalValue === undefined) decimalValue = new Uint8Array(DECIMAL_ROOM);
  const value = decimalValue;
  const keep = e < 0 ? 53 + e : 53;
  let n = decimalAppendBits(value, 0, w.top | 0x100000, 21, keep < 21 ? keep : 21);
  if (keep > 21) n = decimalAppendBits(value, n, w.middle, 16, keep < 37 ? keep - 21 : 16);
  if (keep > 37) n = decimalAppendBits(value, n, w.bottom, 16, keep - 37);
  n = decimalShift(value, n, e > 0 ? e : 0);
  let k = 0;
  let up = false;
  if (e > 0) {
    if (decimalHalf === undefined) decimalHalf = new Uint8Array(DECIMAL_ROOM);
    const half = decimalHalf;
    const halfLength = decimalShift(half, decimalTimes(half, 0, 1, 1), e - 1);
    // Below a power of two the lower half-distance is half as big: T ≤ it ⟺ 2T ≤ half.
    const unequal = w.top === 0 && w.middle === 0 && w.bottom === 0;
    const even = (w.bottom & 1) === 0;
    for (k = n - 1; k > 0; k--) {
      const below = unequal ? decimalTwiceVersus(value, k, half, halfLength) : decimalCompare(value, k, half, halfLength);
      const down = below < 0 || (below === 0 && even);
      const above = decimalSumVersusPower(value, k, half, halfLength, k);
      up = above > 0 || (above === 0 && even);
      if (down && up) {
        // Both identify x: the closer one (2T against 10^k), the even one on a tie.
        const twice = decimalSumVersusPower(value, k, value, k, k);
        up = twice > 0 || (twice === 0 && (value[k] & 1) === 1);
      }
      if (down || up) break;
    }
  }
  // Digits n-1 … k, most significant first, then the carry of rounding up.
  reserveDigits(w, n - k + 1);
  const digits = w.digits;
  let count = n - k;
  for (let i = 0; i < count; i++) digits[i] = value[n - 1 - i];
  let point = n;
  if (up) {
    let i = count - 1;
    while (i >= 0 && digits[i] === 9) i--;
    if (i < 0) {
      digits[0] = 1;
      count = 1;
      point++;
    } else {
      digits[i]++;
      count = i + 1;
    }
  }
  while (count > 1 && digits[count - 1] === 0) count--;
  w.count = count;
  w.point = point;
  return true;
}

// ------------------------------------------------------------------- exact digit generation

/** ceil(n × log10(2)) for |n| ≤ 1100: 631305 / 2^21 is close enough to log10(2) for every such
 *  n (the nearest n × log10(2) comes to an integer is 4.5e-4, at n = 485). */
function ceilLog10OfPowerOfTwo(n: number): number {
  // n × 631305 as n × 38 × 2^14 + n × 8713: the port multiplies fast only below 2^14.
  return (((n * 38) << 14) + n * 8713 + 2097151) >> 21;
}

/**
 * Sets up x (finite, not zero, sign ignored) as the exact ratio r / s × 10^point with
 * 1/10 ≤ r/s < 1, s normalized for divideStep. In shortest mode (`boundaries`), also m- and
 * m+, and point is such that the upper boundary of x's rounding interval is below 10^point,
 * or at it when that bound itself reads back as x.
 */
function scale(w: Workspace, boundaries: boolean): void {
  const e = binaryExponent(w);
  // The lower neighbour of a power of two is half as far away as the upper one.
  const unequal = boundaries && w.biased > 1 && w.top === 0 && w.middle === 0 && w.bottom === 0;
  const r = w.r, s = w.s, mMinus = w.mMinus, mPlus = w.mPlus;
  loadSignificand(w, s);
  // x is in [2^n, 2^(n+1)) for n below, so 10^point is the smallest power of ten above it,
  // or the one after.
  let point = ceilLog10OfPowerOfTwo(e + bitLength(s) - 1);
  // With x = f × 2^e: r = f × 2^max(e, 0), s = 2^max(-e, 0) and m- = 2^max(e, 0), all but
  // m- doubled so that the boundaries half a unit away are integers (quadrupled, m+ = 2 m-,
  // when unequal); then 10^point goes into s, or 10^-point into r and m-. As powers of 2
  // and 5, with the powers of 2 they all share taken out:
  const fives = point < 0 ? -point : 0;
  const twice = unequal ? 2 : 1;
  let rTwos = twice + (e > 0 ? e : 0) + fives;
  let sTwos = twice + (e < 0 ? -e : 0) + (point > 0 ? point : 0);
  let mTwos = (e > 0 ? e : 0) + fives;
  const common = rTwos < sTwos ? (rTwos < mTwos ? rTwos : mTwos) : sTwos < mTwos ? sTwos : mTwos;
  rTwos -= common;
  sTwos -= common;
  mTwos -= common;
  setSmall(mMinus, 1);
  multiplyPowerOfFive(mMinus, fives);
  multiplyInto(r, s, mMinus);
  setSmall(s, 1);
  multiplyPowerOfFive(s, point > 0 ? point : 0);
  // All shifted further so that s comes out normalized (its length a multiple of 14 bits).
  const sBits = bitLength(s) + sTwos;
  const spare = sBits - limbIndex(sBits) * LIMB_BITS;
  const normalizing = spare === 0 ? 0 : LIMB_BITS - spare;
  shiftLeft(s, sTwos + normalizing);
  shiftLeft(r, rTwos + normalizing);
  shiftLeft(mMinus, mTwos + normalizing);
  if (unequal) {
    copyInto(mPlus, mMinus);
    shiftLeft(mPlus, 1);
  }
  const even = (w.bottom & 1) === 0;
  const above = boundaries ? plusCompare(r, unequal ? mPlus : mMinus, s) : compare(r, s);
  if (above > 0 || (above === 0 && (even || !boundaries))) {
    multiplyAdd(s, 10, 0);
    point++;
    const shift = normalize(s);
    shiftLeft(r, shift);
    shiftLeft(mMinus, shift);
    if (unequal) shiftLeft(mPlus, shift);
  }
  w.unequal = unequal;
  w.point = point;
}

function reserveDigits(w: Workspace, count: number): void {
  if (w.digits.length < count) w.digits = new Uint8Array(count);
}

/**
 * The shortest digits that identify x (finite, not zero), the closest to x of those.
 *
 * While m+ × 10^4 < s, digits come four at a time from one division: with q the four digits
 * and r4, m-4, m+4 the remainder and boundaries after them, the tests after digit j of the
 * four (t = 4 - j digits left in q, T = q mod 10^t) are
 *   r_j < m-_j  ⟺  T × s + r4 < m-4,  so (as m-4 < s) T = 0 and r4 < m-4;
 *   r_j + m+_j > s  ⟺  r4 + m+4 > (10^t - T) × s,  so T = 10^t - 1 and r4 + m+4 > s.
 * (with ≤ and ≥ for an even significand). If neither test holds at the end of the group,
 * none held inside it; if one does, the digits stop at the first j whose trailing digits in
 * the group are all 0 (or all 9).
 */
function shortestDigits(w: Workspace): void {
  if (integerDigits(w)) return;
  scale(w, true);
  const r = w.r, s = w.s, mMinus = w.mMinus;
  const unequal = w.unequal;
  const mPlus = unequal ? w.mPlus : mMinus;
  // With an even significand, numbers at the boundaries read back as x, so they identify it.
  const even = (w.bottom & 1) === 0;
  reserveDigits(w, 24);
  const digits = w.digits;
  let count = 0;
  for (;;) {
    multiplyAdd(mMinus, 10000, 0);
    if (unequal) multiplyAdd(mPlus, 10000, 0);
    if (compare(mPlus, s) >= 0) {
      divideSmall(mMinus, 10000);
      if (unequal) divideSmall(mPlus, 10000);
      break;
    }
    multiplyAdd(r, 10000, 0);
    putGroup(digits, count, divideStep(r, s));
    const belowLow = compare(r, mMinus);
    const down = belowLow < 0 || (belowLow === 0 && even);
    const aboveHigh = plusCompare(r, mPlus, s);
    const up = aboveHigh > 0 || (aboveHigh === 0 && even);
    count += 4;
    if (!down && !up) continue;
    // The digits stop in this group: after fewer digits if the ones after them are all 0
    // (rounding down) or all 9 (rounding up); else after all four, as below.
    let zeros = 0;
    while (zeros < 3 && digits[count - 1 - zeros] === 0) zeros++;
    let nines = 0;
    while (nines < 3 && digits[count - 1 - nines] === 9) nines++;
    if (down && zeros > 0) {
      w.count = count - zeros;
      return;
    }
    if (up && nines > 0) {
      w.count = count - nines;
      digits[w.count - 1]++;
      return;
    }
    finishShortest(w, count - 1, down, up);
    return;
  }
  for (;;) {
    multiplyAdd(r, 10, 0);
    multiplyAdd(mMinus, 10, 0);
    if (unequal) multiplyAdd(mPlus, 10, 0);
    digits[count++] = divideStep(r, s);
    const belowLow = compare(r, mMinus);
    const down = belowLow < 0 || (belowLow === 0 && even);
    const aboveHigh = plusCompare(r, mPlus, s);
    const up = aboveHigh > 0 || (aboveHigh === 0 && even);
    if (down || up) {
      finishShortest(w, count - 1, down, up);
      return;
    }
  }
}

/** The digits stop at digits[last]: rounded down, up, or (when both identify x) to the
 *  closer, the even one on a tie. */
function finishShortest(w: Workspace, last: number, down: boolean, up: boolean): void {
  let roundUp = up;
  if (down && up) {
    const half = plusCompare(w.r, w.r, w.s);
    roundUp = half > 0 || (half === 0 && (w.digits[last] & 1) === 1);
  }
  if (roundUp) w.digits[last]++;
  w.count = last + 1;
}

/** The first `count` digits of the ratio set up by scale, rounded half up (a carry out of
 *  the first digit makes them 10…0 and moves the point). */
function fixedDigits(w: Workspace, count: number): void {
  reserveDigits(w, count + 3);
  const r = w.r, s = w.s;
  const digits = w.digits;
  let i = 0;
  while (i < count && r.length !== 0) {
    if (count - i >= 4) {
      multiplyAdd(r, 10000, 0);
      putGroup(digits, i, divideStep(r, s));
      i += 4;
    } else {
      multiplyAdd(r, 10, 0);
      digits[i++] = divideStep(r, s);
    }
  }
  for (; i < count; i++) digits[i] = 0;
  w.count = count;
  if (r.length === 0 || plusCompare(r, r, s) < 0) return;
  i = count - 1;
  while (i >= 0 && digits[i] === 9) digits[i--] = 0;
  if (i >= 0) {
    digits[i]++;
  } else {
    digits[0] = 1;
    w.point++;
  }
}

/** The first `count` significant digits of x, rounded half up; zero gives zeros at point 1. */
function precisionDigits(w: Workspace, count: number): void {
  if (isZero(w)) {
    reserveDigits(w, count);
    for (let i = 0; i < count; i++) w.digits[i] = 0;
    w.count = count;
    w.point = 1;
    return;
  }
  scale(w, false);
  fixedDigits(w, count);
}

// ------------------------------------------------------------------------- number to text

/** String(x): Number::toString(x, 10). */
export function numberToString(x: number): string {
  if (!FRACTIONS) return integerToString(x);
  if (isSmallInt(x)) return smallIntegerText(x, 10);
  const w = work();
  decompose(w, x);
  if (w.biased === 0x7ff) return nonFiniteText(w);
  if (isZero(w)) return "0";
  shortestDigits(w);
  return decimalText(w);
}

/** String(x) for a number that is an integer, NaN or ±Infinity, with integralDigits: all
 *  that integral programs print with. */
export function integerToString(x: number): string {
  if (isSmallInt(x)) return intToString(x);
  const w = work();
  decompose(w, x);
  if (w.biased === 0x7ff) return nonFiniteText(w);
  if (isZero(w)) return "0";
  if (!integralDigits(w, x)) panic(PANIC_UNREACHABLE);
  return decimalText(w);
}

/** The text of the digits and point in the workspace, in the form Number::toString picks. */
function decimalText(w: Workspace): string {
  const count = w.count, point = w.point;
  startText(w, count + 30);
  if (w.negative) add(w, CHAR_MINUS);
  if (count <= point && point <= 21) {
    addDigits(w, 0, point);
  } else if (0 < point && point <= 21) {
    addDigits(w, 0, point);
    add(w, CHAR_DOT);
    addDigits(w, point, count);
  } else if (-6 < point && point <= 0) {
    add(w, CHAR_ZERO);
    add(w, CHAR_DOT);
    addZeros(w, -point);
    addDigits(w, 0, count);
  } else {
    addExponential(w);
  }
  return finishText(w);
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
  const w = work();
  decompose(w, x);
  // n = round(|x| × 10^f), as `length` digits: the decimal digits, then zeros.
  let length = 0;
  w.count = 0;
  if (!isZero(w)) {
    scale(w, false);
    length = w.point + f;
    if (length > 0) {
      fixedDigits(w, length);
      length = w.point + f;
    } else if (length === 0 && plusCompare(w.r, w.r, w.s) >= 0) {
      // |x| × 10^f is in [1/2, 1): n is 1.
      w.digits[0] = 1;
      w.count = 1;
      length = 1;
    } else {
      length = 0;
    }
  }
  startText(w, length + f + 3);
  // The sign goes by x < 0, so -0 has none but -0.0001 keeps it ("-0.00").
  if (w.negative && !isZero(w)) add(w, CHAR_MINUS);
  const integerLength = length > f ? length - f : 0;
  if (integerLength === 0) add(w, CHAR_ZERO);
  addDigits(w, 0, integerLength);
  if (f > 0) {
    add(w, CHAR_DOT);
    if (length < f) addZeros(w, f - length);
    addDigits(w, integerLength, length);
  }
  return finishText(w);
}

/** Number.prototype.toPrecision (§21.1.3.5); `precision` undefined is String(x). */
export function numberToPrecision(x: number, precision: unknown): string {
  if (precision === undefined) return numberToString(x);
  const w = work();
  decompose(w, x);
  if (w.biased === 0x7ff) return nonFiniteText(w);
  const p = digitCount(precision, 1, 100, "toPrecision() argument must be between 1 and 100");
  precisionDigits(w, p);
  const e = w.point - 1;
  startText(w, p + 12);
  if (w.negative && !isZero(w)) add(w, CHAR_MINUS);
  if (e < -6 || e >= p) {
    addExponential(w);
  } else if (e >= 0) {
    addDigits(w, 0, e + 1);
    if (e + 1 < p) {
      add(w, CHAR_DOT);
      addDigits(w, e + 1, p);
    }
  } else {
    add(w, CHAR_ZERO);
    add(w, CHAR_DOT);
    addZeros(w, -(e + 1));
    addDigits(w, 0, p);
  }
  return finishText(w);
}

/** Number.prototype.toExponential (§21.1.3.2); `fractionDigits` undefined gives as many
 *  digits as it takes to identify x. */
export function numberToExponential(x: number, fractionDigits: unknown): string {
  const w = work();
  decompose(w, x);
  if (w.biased === 0x7ff) return nonFiniteText(w);
  if (fractionDigits === undefined) {
    if (isZero(w)) precisionDigits(w, 1);
    else shortestDigits(w);
  } else {
    const f = digitCount(fractionDigits, 0, 100, "toExponential() argument must be between 0 and 100");
    precisionDigits(w, f + 1);
  }
  startText(w, w.count + 8);
  if (w.negative && !isZero(w)) add(w, CHAR_MINUS);
  addExponential(w);
  return finishText(w);
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
  const w = work();
  decompose(w, x);
  if (w.biased === 0x7ff) return nonFiniteText(w);
  if (isZero(w)) return "0";
  const exponent = binaryExponent(w);
  const value = w.negative ? -x : x;
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
  const integerDigits = new Uint8Array(exponent > -52 ? exponent + 56 : 4);
  let integerCount = 0;
  let quotient = integer / base;
  while (quotient >= TWO_TO_53) {
    integer = quotient;
    integerDigits[integerCount++] = 0;
    quotient = integer / base;
  }
  if (integer < TWO_TO_53) {
    decompose(w, integer);
    const n = w.r;
    loadSignificand(w, n);
    const shift = binaryExponent(w);
    if (shift >= 0) shiftLeft(n, shift);
    else shiftRight(n, -shift);
    do integerDigits[integerCount++] = divideSmall(n, base); while (n.length !== 0);
  } else {
    do {
      const remainder = integer % base;
      integerDigits[integerCount++] = remainder;
      integer = (integer - remainder) / base;
    } while (integer > 0);
  }

  const text = new Uint8Array(integerCount + fractionCount + 2);
  let length = 0;
  if (x < 0) text[length++] = CHAR_MINUS;
  while (integerCount > 0) {
    const digit = integerDigits[--integerCount];
    text[length++] = digit < 10 ? CHAR_ZERO + digit : 0x57 + digit;
  }
  if (fractionCount > 0) {
    text[length++] = CHAR_DOT;
    for (let i = 0; i < fractionCount; i++) {
      const digit = fractionDigits[i];
      text[length++] = digit < 10 ? CHAR_ZERO + digit : 0x57 + digit;
    }
  }
  return stringOf(text, 0, length);
}

// ------------------------------------------------------------------------- text to number

/** The value of a digit character in radixes up to 36, or 36 for other characters. */
function digitValue(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  const lower = unit | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 36;
}

/** 10 × v (below 2^30) by shifts: the port multiplies fast only factors below 2^14. */
function timesTen(v: number): number {
  return (v << 3) + (v << 1);
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

function newLiteral(w: Workspace): Literal {
  const literal = w.literal;
  literal.negative = false;
  literal.infinity = false;
  literal.exponent = 0;
  return literal;
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
      if (value < EXPONENT_LIMIT) value = timesTen(value) + s.charCodeAt(next) - CHAR_ZERO;
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

/** 10^k for k in [0, 22], exactly (a double above 10^9). */
function powerOfTen(k: number): number {
  let e = k;
  let large = 1;
  for (; e >= 9; e -= 9) large *= 1000000000;
  let small = 1;
  for (; e > 0; e--) small = timesTen(small);
  return large === 1 ? small : large * small;
}

/** The number a scanned literal stands for, correctly rounded. */
function literalValue(w: Workspace, s: string, literal: Literal): number {
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
  if (count <= 15 && exponent <= 22 && exponent >= -22) {
    // D in two parts below 10^8, each a small integer.
    let high = 0;
    let low = 0;
    const split = last - 8;
    for (let i = first; i <= last; i++) {
      if (i <= split) high = timesTen(high) + literalDigit(s, literal, i);
      else low = timesTen(low) + literalDigit(s, literal, i);
    }
    let value = high === 0 ? low : high * 100000000 + low;
    if (exponent > 0) value *= powerOfTen(exponent);
    else if (exponent < 0) value /= powerOfTen(-exponent);
    return negative ? -value : value;
  }
  const used = count > MAX_SIGNIFICANT_DIGITS ? MAX_SIGNIFICANT_DIGITS : count;
  let e = exponent + count - used;
  const n = w.r;
  n.length = 0;
  let group = 0;
  let groupDigits = 0;
  let groupScale = 1;
  for (let i = first; i < first + used; i++) {
    group = timesTen(group) + literalDigit(s, literal, i);
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
  return quotientToNumber(w, -e, e, negative);
}

/** r / 5^fives × 2^exponent (r: the workspace's), rounded to the nearest double. */
function quotientToNumber(w: Workspace, fives: number, exponent: number, negative: boolean): number {
  const n = w.r, s = w.s, q = w.mMinus;
  setSmall(s, 1);
  multiplyPowerOfFive(s, fives);
  const normalized = normalize(s);
  // r = n × 2^up with 2^12 × s ≤ r < 2^14 × s (s moving up by whole limbs when n is the
  // larger), so that the first quotient limb has 13 bits and the four limbs 55.
  let up = bitLength(s) + 13 - bitLength(n);
  let sUp = 0;
  if (up < 0) {
    sUp = (((LIMB_BITS - 1 - up) / LIMB_BITS) | 0) * LIMB_BITS;
    shiftLeft(s, sUp);
    up += sUp;
  }
  shiftLeft(n, up);
  q.limbs[3] = divideStep(n, s);
  for (let i = 2; i >= 0; i--) {
    shiftLeft(n, LIMB_BITS);
    q.limbs[i] = divideStep(n, s);
  }
  q.length = 4; // the top limb is at least 2^12
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
  // The significand in pieces of 14, 14, 14 and 11 bits.
  let m0 = bitsAt(x, drop, 14);
  let m1 = bitsAt(x, drop + 14, 14);
  let m2 = bitsAt(x, drop + 28, 14);
  let m3 = bitsAt(x, drop + 42, 11);
  const half = bitsAt(x, drop - 1, 1) === 1;
  const rest = inexact || hasBitsBelow(x, drop - 1);
  let e = exponent + drop;
  if (half && (rest || (m0 & 1) === 1)) {
    // Add one, carrying; 2^53 becomes 2^52 with the next exponent.
    m0++;
    if (m0 === 0x4000) {
      m0 = 0;
      m1++;
      if (m1 === 0x4000) {
        m1 = 0;
        m2++;
        if (m2 === 0x4000) {
          m2 = 0;
          m3++;
          if (m3 === 0x800) {
            m3 = 0x400;
            e++;
          }
        }
      }
    }
  }
  if (m0 === 0 && m1 === 0 && m2 === 0 && m3 === 0) return negative ? -0 : 0;
  let biased = 0;
  if (m3 >= 0x400) {
    biased = e + 1075;
    if (biased >= 0x7ff) return negative ? -Infinity : Infinity;
  }
  const value = f64FromWords((biased << 20) | ((m3 & 0x3ff) << 10) | (m2 >> 4), ((m2 & 0xf) << 28) | (m1 << 14) | m0);
  return negative ? -value : value;
}

/** An integer in a power-of-two radix, correctly rounded (as V8 does for these radixes). */
function powerOfTwoValue(s: string, from: number, to: number, radix: number, negative: boolean): number {
  const bitsPerDigit = radix === 2 ? 1 : radix === 4 ? 2 : radix === 8 ? 3 : radix === 16 ? 4 : 5;
  const x = work().r;
  x.length = 0;
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
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return 0;
  if (end - start >= 2 && s.charCodeAt(start) === CHAR_ZERO) {
    const prefix = s.charCodeAt(start + 1) | 0x20;
    const radix = prefix === 0x78 ? 16 : prefix === 0x6f ? 8 : prefix === 0x62 ? 2 : 0;
    if (radix !== 0) {
      if (end - start === 2 || digitsEnd(s, start + 2, end, radix) !== end) return NaN;
      return powerOfTwoValue(s, start + 2, end, radix, false);
    }
  }
  const w = work();
  const literal = newLiteral(w);
  if (!scanDecimal(s, start, end, literal) || literal.end !== end) return NaN;
  return literalValue(w, s, literal);
}

/** The number a JSON number at s[start..end) stands for (json-parse.ts has checked that it
 *  is one: an optional minus, digits, an optional fraction and exponent). */
export function parseDecimalRange(s: string, start: number, end: number): number {
  const w = work();
  const literal = newLiteral(w);
  scanDecimal(s, start, end, literal);
  return literalValue(w, s, literal);
}

/** The global parseFloat: the longest decimal literal after leading white space. */
export function parseFloatPrefix(s: string): number {
  let start = 0;
  while (start < s.length && isSpace(s.charCodeAt(start))) start++;
  const w = work();
  const literal = newLiteral(w);
  if (!scanDecimal(s, start, s.length, literal)) return NaN;
  return literalValue(w, s, literal);
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
  while (at < length && isSpace(s.charCodeAt(at))) at++;
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
    const w = work();
    const literal = newLiteral(w);
    literal.negative = negative;
    literal.integerStart = at;
    literal.integerEnd = end;
    literal.fractionStart = end;
    literal.fractionEnd = end;
    return literalValue(w, s, literal);
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
