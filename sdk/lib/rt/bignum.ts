// Unsigned big integers for the exact conversions between numbers and text (numconv.ts).
//
// Limbs of 14 bits, least significant first, in a Uint16Array. 14 bits because the port's
// multiplication has its fast path for factors in [-2^14, 2^14) only (others go through
// doubles), and a limb times a limb plus carries stays below 2^29: every value in the loops
// below is a small integer. Shifts stand in for multiplying by the limb base. A number grows
// its store when a result needs more limbs. The operations are functions rather than methods
// so that an image links only the ones its conversions use.

export const LIMB_BITS = 14;
const LIMB_MASK = 0x3fff;

export class BigNat {
  limbs: Uint16Array;
  /** Limbs in use; the top one is not zero, so zero has none. */
  length: number;

  constructor(capacity: number) {
    this.limbs = new Uint16Array(capacity < 4 ? 4 : capacity);
    this.length = 0;
  }
}

/** floor(bits / 14) without a division (software on Cortex-M0): exact below 5473. */
export function limbIndex(bits: number): number {
  return bits < 5461 ? (bits * 2341) >> 15 : (bits / LIMB_BITS) | 0;
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

/** a = value, an integer in [0, 2^28). */
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
  a.limbs[1] = (low >> 14) | ((middle << 2) & LIMB_MASK);
  a.limbs[2] = (middle >> 12) | ((high << 4) & LIMB_MASK);
  a.limbs[3] = high >> 10;
  a.length = 4;
  trim(a);
}

export function copyInto(to: BigNat, from: BigNat): void {
  reserve(to, from.length);
  for (let i = 0; i < from.length; i++) to.limbs[i] = from.limbs[i];
  to.length = from.length;
}

export function bitLength(a: BigNat): number {
  const n = a.length;
  if (n === 0) return 0;
  let bits = (n - 1) * LIMB_BITS;
  for (let top = a.limbs[n - 1]; top !== 0; top = top >> 1) bits++;
  return bits;
}

/** a = a × factor + addend, both in [0, 2^14). */
export function multiplyAdd(a: BigNat, factor: number, addend: number): void {
  const limbs = a.limbs;
  const n = a.length;
  let carry = addend;
  for (let i = 0; i < n; i++) {
    const product = limbs[i] * factor + carry;
    limbs[i] = product & LIMB_MASK;
    carry = product >> LIMB_BITS;
  }
  if (carry !== 0) {
    reserve(a, n + 1);
    a.limbs[n] = carry;
    a.length = n + 1;
  }
}

/** product = a × b; product must be another number than a and b. */
export function multiplyInto(product: BigNat, a: BigNat, b: BigNat): void {
  const n = a.length + b.length;
  reserve(product, n);
  const limbs = product.limbs;
  for (let i = 0; i < n; i++) limbs[i] = 0;
  const bLimbs = b.limbs;
  const bLength = b.length;
  for (let i = 0; i < a.length; i++) {
    const factor = a.limbs[i];
    let carry = 0;
    let at = i;
    for (let j = 0; j < bLength; j++) {
      const sum = limbs[at] + factor * bLimbs[j] + carry;
      limbs[at] = sum & LIMB_MASK;
      carry = sum >> LIMB_BITS;
      at++;
    }
    limbs[at] = carry;
  }
  product.length = n;
  trim(product);
}

export function multiplyPowerOfFive(a: BigNat, exponent: number): void {
  let e = exponent;
  // 5^6 is the largest power of five below 2^14.
  for (; e >= 6; e -= 6) multiplyAdd(a, 15625, 0);
  let factor = 1;
  for (; e > 0; e--) factor *= 5;
  if (factor > 1) multiplyAdd(a, factor, 0);
}

export function shiftLeft(a: BigNat, bits: number): void {
  if (a.length === 0 || bits === 0) return;
  const whole = limbIndex(bits);
  const part = bits - whole * LIMB_BITS;
  const n = a.length;
  reserve(a, n + whole + 1);
  const limbs = a.limbs;
  let carry = 0;
  for (let i = n - 1; i >= 0; i--) {
    const limb = limbs[i];
    limbs[i + whole + 1] = carry | (limb >> (LIMB_BITS - part));
    carry = (limb << part) & LIMB_MASK;
  }
  limbs[whole] = carry;
  for (let i = 0; i < whole; i++) limbs[i] = 0;
  a.length = n + whole + 1;
  trim(a);
}

export function shiftRight(a: BigNat, bits: number): void {
  const whole = limbIndex(bits);
  const part = bits - whole * LIMB_BITS;
  const n = a.length - whole;
  if (n <= 0) {
    a.length = 0;
    return;
  }
  const limbs = a.limbs;
  for (let i = 0; i < n; i++) {
    const above = i + 1 < n ? limbs[i + whole + 1] : 0;
    limbs[i] = ((limbs[i + whole] >> part) | (above << (LIMB_BITS - part))) & LIMB_MASK;
  }
  a.length = n;
  trim(a);
}

/** Divides by divisor in [1, 2^14) and returns the remainder. */
export function divideSmall(a: BigNat, divisor: number): number {
  const limbs = a.limbs;
  let remainder = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const current = (remainder << LIMB_BITS) | limbs[i];
    const quotient = (current / divisor) | 0;
    limbs[i] = quotient;
    remainder = current - quotient * divisor;
  }
  trim(a);
  return remainder;
}

/** `count` (at most 14) bits starting at bit `at`, which may be negative (zeros below bit 0). */
export function bitsAt(a: BigNat, at: number, count: number): number {
  if (at < 0) return at + count <= 0 ? 0 : bitsAt(a, 0, count + at) << -at;
  if (at >= a.length * LIMB_BITS) return 0;
  const index = limbIndex(at);
  const shift = at - index * LIMB_BITS;
  const low = a.limbs[index];
  const high = index + 1 < a.length ? a.limbs[index + 1] : 0;
  return ((low >> shift) | (high << (LIMB_BITS - shift))) & ((1 << count) - 1);
}

/** True when a bit below bit `at` is set. */
export function hasBitsBelow(a: BigNat, at: number): boolean {
  if (at <= 0) return false;
  if (at >= a.length * LIMB_BITS) return a.length !== 0;
  const index = limbIndex(at);
  for (let i = 0; i < index; i++) if (a.limbs[i] !== 0) return true;
  const shift = at - index * LIMB_BITS;
  return (a.limbs[index] & ((1 << shift) - 1)) !== 0;
}

/** Shifts left so that the top limb has its top bit set, which divideStep needs of a
 *  divisor; returns the shift. */
export function normalize(a: BigNat): number {
  const n = a.length;
  let shift = 0;
  for (let top = a.limbs[n - 1]; top < 0x2000; top = top << 1) shift++;
  shiftLeft(a, shift);
  return shift;
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
    const sum = (i < a.length ? a.limbs[i] : 0) + (i < b.length ? b.limbs[i] : 0);
    const target = c.limbs[i] + owed;
    if (sum > target) return 1;
    owed = target - sum;
    if (owed > 1) return -1;
    owed = owed << LIMB_BITS;
  }
  return owed === 0 ? 0 : -1;
}

/**
 * One digit of a long division: returns floor(r / s) and leaves r mod s in r. The divisor
 * must be normalized (top limb at least 2^13) and the quotient below 2^14. The trial
 * quotient comes from the top limbs (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) and is at most
 * one too large.
 */
export function divideStep(r: BigNat, s: BigNat): number {
  const n = s.length;
  if (r.length < n) return 0;
  reserve(r, n + 1);
  const rl = r.limbs;
  const sl = s.limbs;
  const rTop = ((r.length > n ? rl[n] : 0) << LIMB_BITS) | rl[n - 1];
  const sTop = sl[n - 1];
  let q = 0;
  if (rTop < sTop << 4) {
    // A decimal digit: four steps of binary long division instead of a software divide.
    let rest = rTop;
    for (let bit = 3; bit >= 0; bit--) {
      if (rest >= sTop << bit) {
        rest -= sTop << bit;
        q += 1 << bit;
      }
    }
  } else {
    q = (rTop / sTop) | 0;
    if (q > LIMB_MASK) q = LIMB_MASK;
  }
  if (n >= 2) {
    const sNext = sl[n - 2];
    const rNext = rl[n - 2];
    let rHat = rTop - q * sTop;
    while (rHat <= LIMB_MASK && q * sNext > ((rHat << LIMB_BITS) | rNext)) {
      q--;
      rHat += sTop;
    }
  }
  if (q <= 0) return 0;
  let carry = 0;
  let borrow = 0;
  for (let i = 0; i < n; i++) {
    const product = q * sl[i] + carry;
    carry = product >> LIMB_BITS;
    let difference = rl[i] - (product & LIMB_MASK) - borrow;
    borrow = 0;
    if (difference < 0) {
      difference += 1 << LIMB_BITS;
      borrow = 1;
    }
    rl[i] = difference;
  }
  let top = (r.length > n ? rl[n] : 0) - carry - borrow;
  if (top < 0) {
    // The trial quotient was one too large: add s back.
    q--;
    let sumCarry = 0;
    for (let i = 0; i < n; i++) {
      const sum = rl[i] + sl[i] + sumCarry;
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
