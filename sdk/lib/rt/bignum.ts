// Unsigned big integers for the exact conversions between numbers and text (numconv.ts).
//
// Limbs of 15 bits, least significant first, in a Uint16Array. 15 and not 16 bits so that a
// limb times a limb plus two more limbs is at most 2^30 - 1: every intermediate value of the
// loops below is a small integer, unboxed on devices. A number grows its store when a result
// needs more limbs; callers size it right to avoid that. The operations are functions rather
// than methods so that an image links only the ones its conversions use.

export const LIMB_BITS = 15;
export const LIMB_BASE = 0x8000;
const LIMB_MASK = 0x7fff;

export class BigNat {
  limbs: Uint16Array;
  /** Limbs in use; the top one is not zero, so zero has none. */
  length: number;

  constructor(capacity: number) {
    this.limbs = new Uint16Array(capacity < 4 ? 4 : capacity);
    this.length = 0;
  }
}

/** Makes room for `count` limbs, keeping the value. */
function reserve(a: BigNat, count: number): void {
  if (count <= a.limbs.length) return;
  const grown = new Uint16Array(count + (count >> 1));
  for (let i = 0; i < a.length; i++) grown[i] = a.limbs[i];
  a.limbs = grown;
}

/** Drops zero limbs from the top. */
function trim(a: BigNat): void {
  let n = a.length;
  while (n > 0 && a.limbs[n - 1] === 0) n--;
  a.length = n;
}

/** a = value, an integer in [0, 2^30). */
export function setSmall(a: BigNat, value: number): void {
  a.limbs[0] = value & LIMB_MASK;
  a.limbs[1] = value >> LIMB_BITS;
  a.length = 2;
  trim(a);
}

/** a = high × 2^32 + middle × 2^16 + low, with high below 2^21 and the others below 2^16:
 *  the significand of a double. */
export function setSignificand(a: BigNat, high: number, middle: number, low: number): void {
  a.limbs[0] = low & LIMB_MASK;
  a.limbs[1] = (low >> 15) | ((middle << 1) & LIMB_MASK);
  a.limbs[2] = (middle >> 14) | ((high << 2) & LIMB_MASK);
  a.limbs[3] = high >> 13;
  a.length = 4;
  trim(a);
}

export function copyInto(to: BigNat, from: BigNat): void {
  reserve(to, from.length);
  for (let i = 0; i < from.length; i++) to.limbs[i] = from.limbs[i];
  to.length = from.length;
}

/** Bits needed for an integer in [0, 2^30). */
export function bitLengthOfInt(value: number): number {
  let n = 0;
  for (let v = value; v !== 0; v = v >> 1) n++;
  return n;
}

export function bitLength(a: BigNat): number {
  if (a.length === 0) return 0;
  return (a.length - 1) * LIMB_BITS + bitLengthOfInt(a.limbs[a.length - 1]);
}

/** a = a × factor + addend, both in [0, LIMB_BASE). */
export function multiplyAdd(a: BigNat, factor: number, addend: number): void {
  const limbs = a.limbs;
  const n = a.length;
  let carry = addend;
  for (let i = 0; i < n; i++) {
    const product = (limbs[i] & LIMB_MASK) * factor + carry;
    limbs[i] = product & LIMB_MASK;
    carry = product >> LIMB_BITS;
  }
  if (carry !== 0) {
    reserve(a, n + 1);
    a.limbs[n] = carry;
    a.length = n + 1;
  }
}

export function multiplyPowerOfFive(a: BigNat, exponent: number): void {
  let e = exponent;
  // 5^6 is the largest power of five below LIMB_BASE.
  for (; e >= 6; e -= 6) multiplyAdd(a, 15625, 0);
  let factor = 1;
  for (; e > 0; e--) factor *= 5;
  if (factor > 1) multiplyAdd(a, factor, 0);
}

export function multiplyPowerOfTen(a: BigNat, exponent: number): void {
  multiplyPowerOfFive(a, exponent);
  shiftLeft(a, exponent);
}

export function shiftLeft(a: BigNat, bits: number): void {
  if (a.length === 0 || bits === 0) return;
  const whole = (bits / LIMB_BITS) | 0;
  const part = bits - whole * LIMB_BITS;
  const n = a.length;
  reserve(a, n + whole + 1);
  const limbs = a.limbs;
  let carry = 0;
  for (let i = n - 1; i >= 0; i--) {
    const limb = limbs[i] & LIMB_MASK;
    limbs[i + whole + 1] = carry | (limb >> (LIMB_BITS - part));
    carry = (limb << part) & LIMB_MASK;
  }
  limbs[whole] = carry;
  for (let i = 0; i < whole; i++) limbs[i] = 0;
  a.length = n + whole + 1;
  trim(a);
}

export function shiftRight(a: BigNat, bits: number): void {
  const whole = (bits / LIMB_BITS) | 0;
  const part = bits - whole * LIMB_BITS;
  const n = a.length - whole;
  if (n <= 0) {
    a.length = 0;
    return;
  }
  const limbs = a.limbs;
  for (let i = 0; i < n; i++) {
    const above = i + 1 < n ? limbs[i + whole + 1] & LIMB_MASK : 0;
    limbs[i] = ((limbs[i + whole] >> part) | (above << (LIMB_BITS - part))) & LIMB_MASK;
  }
  a.length = n;
  trim(a);
}

/** Divides by divisor in [1, LIMB_BASE) and returns the remainder. */
export function divideSmall(a: BigNat, divisor: number): number {
  const limbs = a.limbs;
  let remainder = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const current = remainder * LIMB_BASE + (limbs[i] & LIMB_MASK);
    const quotient = (current / divisor) | 0;
    limbs[i] = quotient;
    remainder = current - quotient * divisor;
  }
  trim(a);
  return remainder;
}

/** `count` (at most 15) bits starting at bit `at`, which may be negative (zeros below bit 0). */
export function bitsAt(a: BigNat, at: number, count: number): number {
  if (at < 0) return at + count <= 0 ? 0 : bitsAt(a, 0, count + at) << -at;
  const index = (at / LIMB_BITS) | 0;
  const shift = at - index * LIMB_BITS;
  const low = index < a.length ? a.limbs[index] & LIMB_MASK : 0;
  const high = index + 1 < a.length ? a.limbs[index + 1] & LIMB_MASK : 0;
  return ((low >> shift) | (high << (LIMB_BITS - shift))) & ((1 << count) - 1);
}

/** True when a bit below bit `at` is set. */
export function hasBitsBelow(a: BigNat, at: number): boolean {
  if (at <= 0) return false;
  const index = (at / LIMB_BITS) | 0;
  for (let i = 0; i < index && i < a.length; i++) if (a.limbs[i] !== 0) return true;
  const shift = at - index * LIMB_BITS;
  return index < a.length && (a.limbs[index] & ((1 << shift) - 1)) !== 0;
}

/** Shifts left so that the top limb has its top bit set, which divideStep needs of a
 *  divisor; returns the shift. */
export function normalize(a: BigNat): number {
  const shift = (LIMB_BITS - (bitLength(a) % LIMB_BITS)) % LIMB_BITS;
  shiftLeft(a, shift);
  return shift;
}

function limbAt(a: BigNat, i: number): number {
  return i < a.length ? a.limbs[i] & LIMB_MASK : 0;
}

/** The sign of a - b. */
export function compare(a: BigNat, b: BigNat): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = a.length - 1; i >= 0; i--) {
    const x = a.limbs[i], y = b.limbs[i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The sign of a + b - c, without computing the sum. */
export function plusCompare(a: BigNat, b: BigNat, c: BigNat): number {
  const n = a.length > b.length ? a.length : b.length;
  if (n > c.length) return 1;
  if (n + 1 < c.length) return -1;
  // From the top down, `owed` is how much c's limbs so far exceed the sum's, in units of the
  // current limb. Once it reaches 2, the lower limbs of the sum (less than 2 units) cannot
  // make it up.
  let owed = 0;
  for (let i = c.length - 1; i >= 0; i--) {
    const sum = limbAt(a, i) + limbAt(b, i);
    const target = (c.limbs[i] & LIMB_MASK) + owed;
    if (sum > target) return 1;
    owed = target - sum;
    if (owed > 1) return -1;
    owed = owed << LIMB_BITS;
  }
  return owed === 0 ? 0 : -1;
}

/**
 * One digit of a long division: returns floor(r / s) and leaves r mod s in r. The divisor
 * must be normalized (top limb at least LIMB_BASE / 2) and the quotient below LIMB_BASE.
 * The trial quotient comes from the top limbs (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) and
 * is at most one too large.
 */
export function divideStep(r: BigNat, s: BigNat): number {
  const n = s.length;
  if (r.length < n) return 0;
  reserve(r, n + 1);
  const rl = r.limbs;
  const sl = s.limbs;
  const rTop = (r.length > n ? (rl[n] & LIMB_MASK) * LIMB_BASE : 0) + (rl[n - 1] & LIMB_MASK);
  const sTop = sl[n - 1] & LIMB_MASK;
  let q = (rTop / sTop) | 0;
  if (q > LIMB_MASK) q = LIMB_MASK;
  if (n >= 2) {
    const sNext = sl[n - 2] & LIMB_MASK;
    const rNext = rl[n - 2] & LIMB_MASK;
    let rHat = rTop - q * sTop;
    while (rHat < LIMB_BASE && q * sNext > rHat * LIMB_BASE + rNext) {
      q--;
      rHat += sTop;
    }
  }
  if (q <= 0) return 0;
  let carry = 0;
  let borrow = 0;
  for (let i = 0; i < n; i++) {
    const product = q * (sl[i] & LIMB_MASK) + carry;
    carry = product >> LIMB_BITS;
    let difference = (rl[i] & LIMB_MASK) - (product & LIMB_MASK) - borrow;
    borrow = 0;
    if (difference < 0) {
      difference += LIMB_BASE;
      borrow = 1;
    }
    rl[i] = difference;
  }
  let top = (r.length > n ? rl[n] & LIMB_MASK : 0) - carry - borrow;
  if (top < 0) {
    // The trial quotient was one too large: add s back.
    q--;
    let sumCarry = 0;
    for (let i = 0; i < n; i++) {
      const sum = (rl[i] & LIMB_MASK) + (sl[i] & LIMB_MASK) + sumCarry;
      rl[i] = sum & LIMB_MASK;
      sumCarry = sum >> LIMB_BITS;
    }
    top += sumCarry;
  }
  rl[n] = top;
  r.length = n + 1;
  trim(r);
  return q;
}
