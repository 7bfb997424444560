// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493
// (RFC 8032 §5.1): the canonical check of a signature's S and the reduction of SHA-512
// output. Verification needs these once per signature, so they are written for size, on
// 13-bit limbs (the representation of field25519.ts).

import { limbsToBytes } from "./field25519.ts";
import { uint16Table } from "./tables.ts";

const LIMBS = 20;
const LIMB_MASK = 0x1fff;
/** L in 13-bit limbs, least significant first, and a limb 20 of 0 (the remainder's length). */
const ORDER = uint16Table(
  "\u13ed\u07ae\u0697\u04c6\u0581\u0e6b\u0bde\u1bd4\u1ef9\u00a6\u0000\u0000\u0000\u0000\u0000\u0000" +
  "\u0000\u0000\u0000\u0020\u0000",
);
/** L as 32 little-endian bytes. */
const ORDER_BYTES = uint16Table(
  "\u00ed\u00d3\u00f5\u005c\u001a\u0063\u0012\u0058\u00d6\u009c\u00f7\u00a2\u00de\u00f9\u00de\u0014" +
  "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0010",
);

/** Whether the 32-byte little-endian number at bytes[offset] is below L (RFC 8032 §5.1.7:
 *  a signature's S must be). */
export function scalarIsCanonical(bytes: Uint8Array, offset: number): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = bytes[offset + i], l = ORDER_BYTES[i];
    if (x !== l) return x < l;
  }
  return false;
}

/** The remainder, one limb longer than L: r * 2^8 needs bits up to 260. */
const remainder = new Uint16Array(LIMBS + 1);

/** out[0..32) = the little-endian number in bytes[offset..offset + length) modulo L, as 32
 *  little-endian bytes. Horner's rule a byte at a time from the top: r = 256 r + byte, then
 *  less q L with q = floor(r / 2^252), which is floor(r / L) or one more (L - 2^252 < 2^125
 *  and r < 2^261), and L added back when that went below 0. r stays below L < 2^253. */
export function scalarReduce(out: Uint8Array, bytes: Uint8Array, offset: number, length: number): void {
  const r = remainder;
  for (let i = 0; i <= LIMBS; i++) r[i] = 0;
  for (let byte = offset + length - 1; byte >= offset; byte--) {
    let carry = bytes[byte];
    for (let i = 0; i <= LIMBS; i++) {
      const shifted = ((r[i] & LIMB_MASK) << 8) + carry;
      r[i] = shifted & LIMB_MASK;
      carry = (shifted >> 13) & 0xff;
    }
    // Bits 252 and up: limb 19 holds bits 247..259, limb 20 bits 260 and up.
    const q = (((r[19] & LIMB_MASK) >> 5) | ((r[LIMBS] & 0x1f) << 8)) & 0x1fff;
    if (addOrderTimes(r, q, true) < 0) addOrderTimes(r, 1, false);
  }
  limbsToBytes(out, 0, r);
}

/** r -= q L (q below 2^13), or r += L when `subtract` is false and q is 1, limb by limb; the
 *  carry out of limb 20: negative when the result went below 0. (Not r += factor L with a
 *  negative factor: -q times a limb of 0 is -0, which the device refuses as no integer.) */
function addOrderTimes(r: Uint16Array, q: number, subtract: boolean): number {
  let carry = 0;
  for (let i = 0; i <= LIMBS; i++) {
    const product = q * ORDER[i];
    const sum = subtract ? (r[i] & LIMB_MASK) + carry - product : (r[i] & LIMB_MASK) + carry + product;
    r[i] = sum & LIMB_MASK;
    carry = sum >> 13;
  }
  return carry;
}
