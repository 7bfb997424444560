// Points of edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in
// extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x y = T/Z (Hisil, Wong, Carter
// and Dawson, "Twisted Edwards curves revisited", 2008). The addition and doubling formulas
// are the complete ones of RFC 8032 §5.1.4: no special case for the neutral element or for
// adding a point to itself. Written for size (mote-boot's budget is 16 KB): one addition
// formula, and a scalar multiplication one bit at a time with no tables. Temporaries are module-level field elements, so a verification
// allocates nothing (mote-boot runs without a collector); the functions are not reentrant.

import { BARE } from "mote/intrinsics";
import { BASE_POINT } from "./base-table.ts";
import {
  fieldAdd, fieldAddSubtract, fieldCopy, fieldEqual, fieldFromBytes, fieldInvert, fieldIsNegative, fieldIsZero,
  fieldMultiply, fieldNegate, fieldNew, fieldPow22523, fieldSetSmall, fieldSquare, fieldSubtract, fieldToBytes,
} from "./field25519.ts";
import { uint16Table } from "./tables.ts";

/** d = -121665/121666, 2d and sqrt(-1) (RFC 8032 §5.1), as 13-bit limbs. */
const D = uint16Table(
  "\u18a3\u1acb\u1284\u169b\u175e\u0c55\u0507\u09a8\u100a\u0003\u1a26\u0ef3\u0797\u03a0\u0e33\u1fce" +
  "\u0b6f\u0771\u00db\u00a4",
);
const D2 = uint16Table(
  "\u1159\u1597\u0509\u0d37\u0ebd\u18ab\u0a0e\u1350\u0014\u0007\u144c\u1de7\u0f2e\u0740\u1c66\u1f9c" +
  "\u16df\u0ee2\u01b6\u0048",
);
const SQRT_M1 = uint16Table(
  "\u00b0\u1075\u09d2\u1c36\u0c4e\u123c\u14bf\u00d5\u0318\u197a\u15e9\u1bf7\u0993\u0680\u0cad\u1be1" +
  "\u0fc1\u0402\u00c9\u0057",
);

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

/** The formulas' A..H. */
const a = fieldNew(), b = fieldNew(), c = fieldNew(), d = fieldNew(), e = fieldNew(), f = fieldNew(), g = fieldNew(), h = fieldNew();

/** r = 2p (RFC 8032 §5.1.4, "dbl-2008-hwcd"). r may be p. Without `withT`, r's T is left
 *  stale: a doubling does not read it, so a doubling that another doubling follows skips it. */
export function pointDouble(r: EdwardsPoint, p: EdwardsPoint, withT: boolean): void {
  fieldSquare(a, p.x); // A = X1^2
  fieldSquare(b, p.y); // B = Y1^2
  fieldSquare(c, p.z);
  fieldAdd(c, c, c); // C = 2 Z1^2
  fieldAddSubtract(h, g, a, b); // H = A + B, G = A - B
  fieldAdd(e, p.x, p.y);
  fieldSquare(e, e);
  fieldSubtract(e, h, e); // E = H - (X1 + Y1)^2
  fieldAdd(f, c, g); // F = C + G
  fieldMultiply(r.x, e, f);
  fieldMultiply(r.y, g, h);
  if (withT) fieldMultiply(r.t, e, h);
  fieldMultiply(r.z, f, g);
}

/** r = -p. */
export function pointNegate(r: EdwardsPoint, p: EdwardsPoint): void {
  fieldNegate(r.x, p.x);
  fieldCopy(r.y, p.y);
  fieldCopy(r.z, p.z);
  fieldNegate(r.t, p.t);
}

/** Decoding and encoding borrow the formulas' temporaries: they never run at the same time. */
const u = a, v = b, v3 = c, check = d, yBytes = new Uint8Array(32);

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

const inverse = a, affine = b;

/** The 32-byte encoding of p into out[offset..offset + 32) (RFC 8032 §5.1.2). */
export function pointEncode(out: Uint8Array, offset: number, p: EdwardsPoint): void {
  fieldInvert(inverse, p.z);
  fieldMultiply(affine, p.x, inverse);
  const negative = fieldIsNegative(affine);
  fieldMultiply(affine, p.y, inverse);
  fieldToBytes(out, offset, affine);
  if (negative) out[offset + 31] |= 0x80;
}

/** r = p + q (RFC 8032 §5.1.4, "add-2008-hwcd-3"). r may be p or q. */
export function pointAdd(r: EdwardsPoint, p: EdwardsPoint, q: EdwardsPoint): void {
  fieldSubtract(a, p.y, p.x);
  fieldSubtract(b, q.y, q.x);
  fieldMultiply(a, a, b); // A = (Y1 - X1) (Y2 - X2)
  fieldAdd(b, p.y, p.x);
  fieldAdd(c, q.y, q.x);
  fieldMultiply(b, b, c); // B = (Y1 + X1) (Y2 + X2)
  fieldMultiply(c, p.t, q.t);
  fieldMultiply(c, c, D2); // C = T1 2d T2
  fieldMultiply(d, p.z, q.z);
  fieldAdd(d, d, d); // D = Z1 2 Z2
  fieldAddSubtract(h, e, b, a); // H = B + A, E = B - A
  fieldAddSubtract(g, f, d, c); // G = D + C, F = D - C
  fieldMultiply(r.x, e, f);
  fieldMultiply(r.y, g, h);
  fieldMultiply(r.t, e, h);
  fieldMultiply(r.z, f, g);
}

/** The base point B (base-table.ts), and B plus the point a verification multiplies. */
const base = new EdwardsPoint(), sum = new EdwardsPoint();
for (let limb = 0; limb < 20; limb++) {
  base.x[limb] = BASE_POINT.charCodeAt(limb);
  base.y[limb] = BASE_POINT.charCodeAt(20 + limb);
  base.t[limb] = BASE_POINT.charCodeAt(40 + limb);
}
fieldSetSmall(base.z, 1);

/** r = [s]B + [k]p for 256-bit little-endian scalars s and k (32 bytes at sOffset and
 *  kOffset), both at once (Straus): from the highest bit set in either, a doubling per bit
 *  and an addition of B, p or B + p where a bit is set. */
export function doubleScalarMultiply(r: EdwardsPoint, s: Uint8Array, sOffset: number, k: Uint8Array, kOffset: number, p: EdwardsPoint): void {
  pointAdd(sum, base, p);
  r.setNeutral();
  let started = false;
  for (let i = 255; i >= 0; i--) {
    // Bit i of each scalar (little-endian bytes); written out here, where the compiler's
    // range analysis sees that they are small integers.
    const bits = ((s[sOffset + (i >> 3)] >> (i & 7)) & 1) | (((k[kOffset + (i >> 3)] >> (i & 7)) & 1) << 1);
    if (!started && bits === 0) continue;
    started = true;
    // mote-boot (the bare profile): the addition formula doubles too (complete), for one
    // multiplication more than pointDouble and 0.6 KB less code. Elsewhere T is needed only
    // by an addition that follows.
    if (BARE) pointAdd(r, r, r);
    else pointDouble(r, r, bits !== 0);
    if (bits === 1) pointAdd(r, r, base);
    else if (bits === 2) pointAdd(r, r, p);
    else if (bits === 3) pointAdd(r, r, sum);
  }
}
