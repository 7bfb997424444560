// Points of edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in
// extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x y = T/Z (Hisil, Wong, Carter
// and Dawson, "Twisted Edwards curves revisited", 2008). The addition and doubling formulas
// are the complete ones of RFC 8032 §5.1.4: no special case for the neutral element or for
// adding a point to itself.

import {
  fieldAdd, fieldCopy, fieldEqual, fieldFromBytes, fieldInvert, fieldIsNegative, fieldIsZero, fieldMultiply, fieldNegate,
  fieldNew, fieldPow22523, fieldSetSmall, fieldSquare, fieldSubtract, fieldToBytes,
} from "./field25519.ts";

/** d = -121665/121666, 2d and sqrt(-1) (RFC 8032 §5.1), as 13-bit limbs. */
const D = new Uint16Array([6307, 6859, 4740, 5787, 5982, 3157, 1287, 2472, 4106, 3, 6694, 3827, 1943, 928, 3635, 8142, 2927, 1905, 219, 164]);
const D2 = new Uint16Array([4441, 5527, 1289, 3383, 3773, 6315, 2574, 4944, 20, 7, 5196, 7655, 3886, 1856, 7270, 8092, 5855, 3810, 438, 72]);
const SQRT_M1 = new Uint16Array([176, 4213, 2514, 7222, 3150, 4668, 5311, 213, 792, 6522, 5609, 7159, 2451, 1664, 3245, 7137, 4033, 1026, 201, 87]);

export class EdwardsPoint {
  readonly x = fieldNew();
  readonly y = fieldNew();
  readonly z = fieldNew();
  readonly t = fieldNew();

  /** The neutral element (0, 1). */
  setNeutral(): void {
    fieldSetSmall(this.x, 0);
    fieldSetSmall(this.y, 1);
    fieldSetSmall(this.z, 1);
    fieldSetSmall(this.t, 0);
  }

  copyFrom(p: EdwardsPoint): void {
    fieldCopy(this.x, p.x);
    fieldCopy(this.y, p.y);
    fieldCopy(this.z, p.z);
    fieldCopy(this.t, p.t);
  }
}

/** The base point B (RFC 8032 §5.1): y = 4/5, x even. */
export const BASE_POINT = new EdwardsPoint();
fieldCopy(BASE_POINT.x, new Uint16Array([5402, 6446, 6179, 3162, 3221, 5081, 5270, 3090, 3271, 841, 5911, 7085, 799, 4721, 6914, 2687, 3438, 5790, 6733, 66]));
fieldCopy(BASE_POINT.y, new Uint16Array([1624, 4915, 6553, 3276, 1638, 4915, 6553, 3276, 1638, 4915, 6553, 3276, 1638, 4915, 6553, 3276, 1638, 4915, 6553, 204]));
fieldSetSmall(BASE_POINT.z, 1);
fieldCopy(BASE_POINT.t, new Uint16Array([7587, 3518, 3305, 7445, 5853, 2426, 7493, 4110, 4255, 2311, 6367, 2391, 2278, 5415, 5531, 3788, 6027, 6270, 471, 207]));

const a = fieldNew(), b = fieldNew(), c = fieldNew(), d = fieldNew(), e = fieldNew(), f = fieldNew(), g = fieldNew(), h = fieldNew();

/** r = p + q (RFC 8032 §5.1.4, "add-2008-hwcd-3"). r may be p or q. */
export function pointAdd(r: EdwardsPoint, p: EdwardsPoint, q: EdwardsPoint): void {
  fieldSubtract(a, p.y, p.x);
  fieldSubtract(e, q.y, q.x);
  fieldMultiply(a, a, e); // A = (Y1 - X1) (Y2 - X2)
  fieldAdd(b, p.y, p.x);
  fieldAdd(e, q.y, q.x);
  fieldMultiply(b, b, e); // B = (Y1 + X1) (Y2 + X2)
  fieldMultiply(c, p.t, q.t);
  fieldMultiply(c, c, D2); // C = T1 2d T2
  fieldMultiply(d, p.z, q.z);
  fieldAdd(d, d, d); // D = Z1 2 Z2
  fieldSubtract(e, b, a); // E = B - A
  fieldSubtract(f, d, c); // F = D - C
  fieldAdd(g, d, c); // G = D + C
  fieldAdd(h, b, a); // H = B + A
  fieldMultiply(r.x, e, f);
  fieldMultiply(r.y, g, h);
  fieldMultiply(r.t, e, h);
  fieldMultiply(r.z, f, g);
}

/** r = 2p (RFC 8032 §5.1.4, "dbl-2008-hwcd"). r may be p. */
export function pointDouble(r: EdwardsPoint, p: EdwardsPoint): void {
  fieldSquare(a, p.x); // A = X1^2
  fieldSquare(b, p.y); // B = Y1^2
  fieldSquare(c, p.z);
  fieldAdd(c, c, c); // C = 2 Z1^2
  fieldAdd(h, a, b); // H = A + B
  fieldAdd(e, p.x, p.y);
  fieldSquare(e, e);
  fieldSubtract(e, h, e); // E = H - (X1 + Y1)^2
  fieldSubtract(g, a, b); // G = A - B
  fieldAdd(f, c, g); // F = C + G
  fieldMultiply(r.x, e, f);
  fieldMultiply(r.y, g, h);
  fieldMultiply(r.t, e, h);
  fieldMultiply(r.z, f, g);
}

/** r = -p. */
export function pointNegate(r: EdwardsPoint, p: EdwardsPoint): void {
  fieldNegate(r.x, p.x);
  fieldCopy(r.y, p.y);
  fieldCopy(r.z, p.z);
  fieldNegate(r.t, p.t);
}

const u = fieldNew(), v = fieldNew(), v3 = fieldNew(), check = fieldNew(), yBytes = new Uint8Array(32);

/** Decodes the 32 bytes at bytes[offset] into r (RFC 8032 §5.1.3). False for a y of p or more,
 *  a y with no x on the curve, and x = 0 with the sign bit set. */
export function pointDecode(r: EdwardsPoint, bytes: Uint8Array, offset: number): boolean {
  fieldFromBytes(r.y, bytes, offset);
  // y must be below p: its canonical encoding must be the bytes given (bit 255 aside).
  fieldToBytes(yBytes, 0, r.y);
  for (let i = 0; i < 31; i++) if (yBytes[i] !== bytes[offset + i]) return false;
  if (yBytes[31] !== (bytes[offset + 31] & 0x7f)) return false;
  const sign = bytes[offset + 31] >> 7;
  fieldSetSmall(r.z, 1);
  // x^2 = u / v with u = y^2 - 1 and v = d y^2 + 1; x = u v^3 (u v^7)^((p - 5) / 8).
  fieldSquare(u, r.y);
  fieldMultiply(v, u, D);
  fieldSubtract(u, u, r.z);
  fieldAdd(v, v, r.z);
  fieldSquare(v3, v);
  fieldMultiply(v3, v3, v); // v^3
  fieldSquare(r.x, v3);
  fieldMultiply(r.x, r.x, v);
  fieldMultiply(r.x, r.x, u); // u v^7
  fieldPow22523(r.x, r.x);
  fieldMultiply(r.x, r.x, v3);
  fieldMultiply(r.x, r.x, u); // u v^3 (u v^7)^((p - 5) / 8)
  fieldSquare(check, r.x);
  fieldMultiply(check, check, v); // v x^2
  if (!fieldEqual(check, u)) {
    fieldNegate(u, u);
    if (!fieldEqual(check, u)) return false;
    fieldMultiply(r.x, r.x, SQRT_M1);
  }
  if (fieldIsZero(r.x) && sign === 1) return false;
  if ((fieldIsNegative(r.x) ? 1 : 0) !== sign) fieldNegate(r.x, r.x);
  fieldMultiply(r.t, r.x, r.y);
  return true;
}

const inverse = fieldNew(), affine = fieldNew();

/** The 32-byte encoding of p into out[offset..offset + 32) (RFC 8032 §5.1.2). */
export function pointEncode(out: Uint8Array, offset: number, p: EdwardsPoint): void {
  fieldInvert(inverse, p.z);
  fieldMultiply(affine, p.x, inverse);
  const negative = fieldIsNegative(affine);
  fieldMultiply(affine, p.y, inverse);
  fieldToBytes(out, offset, affine);
  if (negative) out[offset + 31] |= 0x80;
}

const basePlusP = new EdwardsPoint();

/** r = [s]B + [k]A for 256-bit little-endian scalars s and k (32 bytes at sOffset and kOffset):
 *  Straus' joint double-and-add over the bits from the top, with B + A precomputed. */
export function doubleScalarMultiply(r: EdwardsPoint, s: Uint8Array, sOffset: number, k: Uint8Array, kOffset: number, p: EdwardsPoint): void {
  pointAdd(basePlusP, BASE_POINT, p);
  r.setNeutral();
  for (let bit = 255; bit >= 0; bit--) {
    pointDouble(r, r);
    const sBit = (s[sOffset + (bit >> 3)] >> (bit & 7)) & 1;
    const kBit = (k[kOffset + (bit >> 3)] >> (bit & 7)) & 1;
    if (sBit === 1 && kBit === 1) pointAdd(r, r, basePlusP);
    else if (sBit === 1) pointAdd(r, r, BASE_POINT);
    else if (kBit === 1) pointAdd(r, r, p);
  }
}

