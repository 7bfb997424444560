// Arithmetic modulo p = 2^255 - 19 (RFC 7748 §4.1, RFC 8032 §5.1) for Ed25519.
//
// An element is a Uint16Array of 20 limbs of 13 bits, least significant first (260 bits),
// kept loosely reduced: limbs 0..18 below 2^13, limb 19 below 2^9, so the value is below
// 2^256 but not necessarily below p. Every operation takes and gives this form; only
// fieldToBytes reduces fully. 13-bit limbs keep each product below 2^26 and a column of up
// to 16 products below 2^30: the device's numbers are tagged 31-bit integers, and the
// compiler proves these bounds from the masks, so nothing is checked or boxed
// (generate-field-multiply.ts). Cortex-M0 has a 32x32->32 multiply only, which is all
// this needs.

import { fieldMultiply as unrolledMultiply, fieldSquare as unrolledSquare } from "./field-multiply.ts";
import { addressOf, BARE, peek32 } from "mote/intrinsics";
import { fieldMultiply25519 } from "../rt/port.ts";
import { uint16Table } from "./tables.ts";

export const FIELD_LIMBS = 20;
const LIMB_MASK = 0x1fff;
/** A typed array holds the address of its first element at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

/** out = a * b (mod p). out may be a or b. In the bare profile (mote-boot) the port's routine
 *  (ports/armv6m/rt/field-multiply.ts): the generated straight-line code is 11 KB there. */
export function fieldMultiply(out: Uint16Array, a: Uint16Array, b: Uint16Array): void {
  if (BARE) fieldMultiply25519(peek32(addressOf(out) + TYPED_DATA), peek32(addressOf(a) + TYPED_DATA), peek32(addressOf(b) + TYPED_DATA));
  else unrolledMultiply(out, a, b);
}

/** out = a * a (mod p). In the bare profile as a multiplication (the generated squaring is
 *  7 KB more). */
export function fieldSquare(out: Uint16Array, a: Uint16Array): void {
  if (BARE) fieldMultiply(out, a, a);
  else unrolledSquare(out, a);
}

/** 4p with each limb at least 2^13 - 1 (borrowed from the next), added before subtracting
 *  so that no limb goes negative. */
const FOUR_P = uint16Table(
  "\u3fb4\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe\u3ffe" +
  "\u3ffe\u3ffe\u3ffe\u03fe",
);

/** Field elements per shared buffer (fieldNew). */
const FIELD_POOL = 16;
let pool: Uint16Array | undefined = undefined;
let pooled = FIELD_POOL;

/** A new field element (zero). Every one the library makes lives as long as the program
 *  (scratch, points, tables), so they are carved out of shared buffers, FIELD_POOL at a time:
 *  one buffer for many saves a heap block and its length word per element, which keeps a
 *  verification within the micro:bit's 16 KB of RAM. */
export function fieldNew(): Uint16Array {
  // mote-boot (the bare profile) makes few (no tables) and has no collector's block headers;
  // a subarray would link the typed-array view code (~0.8 KB).
  if (BARE) return new Uint16Array(FIELD_LIMBS);
  if (pool === undefined || pooled === FIELD_POOL) {
    pool = new Uint16Array(FIELD_LIMBS * FIELD_POOL);
    pooled = 0;
  }
  const at = pooled * FIELD_LIMBS;
  pooled++;
  return pool.subarray(at, at + FIELD_LIMBS);
}

export function fieldCopy(out: Uint16Array, a: Uint16Array): void {
  for (let i = 0; i < FIELD_LIMBS; i++) out[i] = a[i];
}

/** out = n, for 0 <= n < 2^13. */
export function fieldSetSmall(out: Uint16Array, n: number): void {
  out[0] = n & LIMB_MASK;
  for (let i = 1; i < FIELD_LIMBS; i++) out[i] = 0;
}

/** out = a + b. The limbs are read unmasked: the representation bounds them (the masks in
 *  `& 3` and in foldTop then give the range analysis its bounds without changing a value). */
export function fieldAdd(out: Uint16Array, a: Uint16Array, b: Uint16Array): void {
  let carry = 0;
  for (let i = 0; i < FIELD_LIMBS - 1; i++) {
    const sum = a[i] + b[i] + carry;
    out[i] = sum & LIMB_MASK;
    carry = (sum >> 13) & 3;
  }
  foldTop(out, a[19] + b[19] + carry);
}

/** out = a - b (as a + 4p - b). */
export function fieldSubtract(out: Uint16Array, a: Uint16Array, b: Uint16Array): void {
  let carry = 0;
  for (let i = 0; i < FIELD_LIMBS - 1; i++) {
    const sum = a[i] + FOUR_P[i] - b[i] + carry;
    out[i] = sum & LIMB_MASK;
    carry = (sum >> 13) & 3;
  }
  foldTop(out, a[19] + 1022 - b[19] + carry);
}

/** sum = a + b and difference = a - b, reading a and b once (the point formulas pair them).
 *  sum and difference may not be a or b. */
export function fieldAddSubtract(sum: Uint16Array, difference: Uint16Array, a: Uint16Array, b: Uint16Array): void {
  let carry = 0, borrowed = 0;
  for (let i = 0; i < FIELD_LIMBS - 1; i++) {
    const x = a[i], y = b[i];
    const plus = x + y + carry;
    sum[i] = plus & LIMB_MASK;
    carry = (plus >> 13) & 3;
    const minus = x + FOUR_P[i] - y + borrowed;
    difference[i] = minus & LIMB_MASK;
    borrowed = (minus >> 13) & 3;
  }
  const x = a[19], y = b[19];
  foldTop(sum, x + y + carry);
  foldTop(difference, x + 1022 - y + borrowed);
}

/** out = -a. */
export function fieldNegate(out: Uint16Array, a: Uint16Array): void {
  fieldSubtract(out, ZERO, a);
}

/** Sets limb 19 from `top` (bits 247 and up, below 2^12): bits 255 and up come back as 19
 *  each (2^255 = 19 mod p) at limb 0, and the carry runs up. */
function foldTop(out: Uint16Array, top: number): void {
  const high = (top >> 8) & 0xf;
  out[19] = top & 0xff;
  let carry = 19 * high;
  for (let i = 0; i < FIELD_LIMBS - 1 && carry !== 0; i++) {
    const sum = (out[i] & LIMB_MASK) + carry;
    out[i] = sum & LIMB_MASK;
    carry = (sum >> 13) & 0x1ff;
  }
  out[19] = (out[19] & 0x1ff) + carry;
}

/** The elements the exponentiation chain works on: z (a copy), t0..t3, and the last result,
 *  chosen by number (an array of them would link the array code into mote-boot). */
const chainZ = fieldNew(), chainT0 = fieldNew(), chainT1 = fieldNew(), chainT2 = fieldNew(), chainT3 = fieldNew(), chainResult = fieldNew();
const scratch = fieldNew();

function chain(element: number): Uint16Array {
  if (element === Z) return chainZ;
  if (element === T0) return chainT0;
  if (element === T1) return chainT1;
  if (element === T1 + 1) return chainT2;
  if (element === T3) return chainT3;
  return chainResult;
}
const Z = 0, T0 = 1, T1 = 2, T3 = 4, RESULT = 5;
/** A step's factor when it has none. */
const NONE = 7;

/** The addition chain of ref10's fe_invert to z^(2^250 - 1), as steps of four code units
 *  (target, source, n, factor): target = source^(2^n) * factor. Data rather than calls: the
 *  calls were 1 KB of code on ARMv6-M. Ends with t3 = z^(2^250 - 1), t0 = z^11. */
const POWER_250 =
  "\u0001\u0000\u0001\u0007" + // t0 = z^2
  "\u0002\u0001\u0002\u0000" + // t1 = z^8 z = z^9
  "\u0001\u0001\u0000\u0002" + // t0 = z^2 z^9 = z^11
  "\u0002\u0001\u0001\u0002" + // t1 = z^22 z^9 = z^(2^5 - 1)
  "\u0002\u0002\u0005\u0002" + // t1 = z^(2^10 - 1)
  "\u0003\u0002\u000a\u0002" + // t2 = z^(2^20 - 1)
  "\u0003\u0003\u0014\u0003" + // t2 = z^(2^40 - 1)
  "\u0002\u0003\u000a\u0002" + // t1 = z^(2^50 - 1)
  "\u0003\u0002\u0032\u0002" + // t2 = z^(2^100 - 1)
  "\u0003\u0003\u0064\u0003" + // t2 = z^(2^200 - 1)
  "\u0004\u0003\u0032\u0002"; //  t3 = z^(2^250 - 1)

/** chain(target) = chain(source)^(2^n) * chain(factor) (or no factor: NONE). */
function chainStep(target: number, source: number, n: number, factor: number): void {
  fieldCopy(scratch, chain(source));
  for (let k = n; k > 0; k--) fieldSquare(scratch, scratch);
  if (factor === NONE) fieldCopy(chain(target), scratch);
  else fieldMultiply(chain(target), scratch, chain(factor));
}

/** out = t3^(2^n) * factor after POWER_250 from z. */
function power(out: Uint16Array, z: Uint16Array, n: number, factor: number): void {
  fieldCopy(chainZ, z);
  for (let i = 0; i < POWER_250.length; i += 4) {
    chainStep(POWER_250.charCodeAt(i), POWER_250.charCodeAt(i + 1), POWER_250.charCodeAt(i + 2), POWER_250.charCodeAt(i + 3));
  }
  chainStep(RESULT, T3, n, factor);
  fieldCopy(out, chainResult);
}

/** out = 1 / z = z^(p - 2) = z^(2^255 - 21); 0 for 0. */
export function fieldInvert(out: Uint16Array, z: Uint16Array): void {
  power(out, z, 5, T0); // z^(2^255 - 32) z^11
}

/** out = z^((p - 5) / 8) = z^(2^252 - 3), the square-root exponent (RFC 8032 §5.1.3). */
export function fieldPow22523(out: Uint16Array, z: Uint16Array): void {
  power(out, z, 2, Z); // z^(2^252 - 4) z
}

const ZERO = fieldNew();
const reduced = fieldNew();

/** The canonical 32-byte little-endian encoding of a (fully reduced below p) into
 *  out[offset..offset + 32). */
export function fieldToBytes(out: Uint8Array, offset: number, a: Uint16Array): void {
  const r = reduced;
  fieldCopy(r, a);
  // Below 2^256: two folds make it below 2^255 (the second carries at most a 1 into bit 255).
  foldTop(r, r[19]);
  foldTop(r, r[19]);
  // Now r < 2^255 = p + 19: r >= p exactly when r + 19 reaches 2^255, and then r - p is
  // r + 19 without bit 255.
  let carry = 19;
  for (let i = 0; i < FIELD_LIMBS - 1; i++) {
    carry = ((r[i] & LIMB_MASK) + carry) >> 13;
  }
  if ((((r[19] & 0x1ff) + carry) >> 8) !== 0) {
    carry = 19;
    for (let i = 0; i < FIELD_LIMBS - 1; i++) {
      const sum = (r[i] & LIMB_MASK) + carry;
      r[i] = sum & LIMB_MASK;
      carry = sum >> 13;
    }
    r[19] = ((r[19] & 0x1ff) + carry) & 0xff;
  }
  limbsToBytes(out, offset, r);
}

/** The low 256 bits of the 20 limbs of 13 bits in `limbs` into out[offset..offset + 32),
 *  little-endian (field elements here, scalars in scalar25519.ts). */
export function limbsToBytes(out: Uint8Array, offset: number, limbs: Uint16Array): void {
  let bits = 0, pending = 0, at = offset;
  for (let i = 0; i < FIELD_LIMBS; i++) {
    pending |= (limbs[i] & LIMB_MASK) << bits;
    bits += 13;
    while (bits >= 8 && at < offset + 32) {
      out[at++] = pending & 0xff;
      pending >>= 8;
      bits -= 8;
    }
  }
}

/** out = the 255-bit little-endian number in bytes[offset..offset + 32) (bit 255 ignored;
 *  the value may be p or more: RFC 8032 decoding checks that separately). */
export function fieldFromBytes(out: Uint16Array, bytes: Uint8Array, offset: number): void {
  let bits = 0, pending = 0, limb = 0;
  for (let i = 0; i < 32; i++) {
    pending |= (i === 31 ? bytes[offset + i] & 0x7f : bytes[offset + i]) << bits;
    bits += 8;
    if (bits >= 13) {
      out[limb++] = pending & LIMB_MASK;
      pending >>= 13;
      bits -= 13;
    }
  }
  out[limb] = pending;
}

const encodedA = new Uint8Array(32), encodedB = new Uint8Array(32);

/** a == b (mod p). */
export function fieldEqual(a: Uint16Array, b: Uint16Array): boolean {
  fieldToBytes(encodedA, 0, a);
  fieldToBytes(encodedB, 0, b);
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= encodedA[i] ^ encodedB[i];
  return difference === 0;
}

/** Whether a (mod p) is "negative": odd, its lowest bit set (RFC 8032 §5.1.2). */
export function fieldIsNegative(a: Uint16Array): boolean {
  fieldToBytes(encodedA, 0, a);
  return (encodedA[0] & 1) === 1;
}

export function fieldIsZero(a: Uint16Array): boolean {
  return fieldEqual(a, ZERO);
}
