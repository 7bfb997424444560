// Points of edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in
// extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x y = T/Z (Hisil, Wong, Carter
// and Dawson, "Twisted Edwards curves revisited", 2008). The addition and doubling formulas
// are the complete ones of RFC 8032 §5.1.4: no special case for the neutral element or for
// adding a point to itself. Temporaries are module-level field elements, so a verification
// allocates nothing (mote-boot runs without a collector); the functions are not reentrant.

import { BASE_TABLE } from "./base-table.ts";
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

/** A point prepared for adding (the "cached" form of ref10, SUPERCOP's Ed25519): Y + X,
 *  Y - X, 2Z and 2dT, so that an addition costs eight multiplications, and a subtraction
 *  the same (swap Y + X with Y - X and negate 2dT). */
export class CachedPoint {
  readonly yPlusX = fieldNew();
  readonly yMinusX = fieldNew();
  readonly t2d = fieldNew();
  /** 2Z; none for a point with Z = 1 (the base table), where 2 Z1 Z2 is Z1 + Z1. */
  readonly z2: Uint16Array | undefined;

  constructor(affine: boolean) {
    this.z2 = affine ? undefined : fieldNew();
  }
}

export function pointToCached(r: CachedPoint, p: EdwardsPoint): void {
  fieldAddSubtract(r.yPlusX, r.yMinusX, p.y, p.x);
  const z2 = r.z2;
  if (z2 !== undefined) fieldAdd(z2, p.z, p.z);
  fieldMultiply(r.t2d, p.t, D2);
}

/** r = p + q, or p - q when `subtract`. r may be p. */
export function pointAddCached(r: EdwardsPoint, p: EdwardsPoint, q: CachedPoint, subtract: boolean): void {
  fieldAddSubtract(h, e, p.y, p.x);
  fieldMultiply(a, e, subtract ? q.yPlusX : q.yMinusX); // A = (Y1 - X1) (Y2 - X2)
  fieldMultiply(b, h, subtract ? q.yMinusX : q.yPlusX); // B = (Y1 + X1) (Y2 + X2)
  fieldMultiply(c, p.t, q.t2d); // C = T1 2d T2 (negated for a subtraction: F and G swap)
  const z2 = q.z2;
  if (z2 === undefined) fieldAdd(d, p.z, p.z);
  else fieldMultiply(d, p.z, z2); // D = Z1 2 Z2
  fieldAddSubtract(h, e, b, a); // H = B + A, E = B - A
  if (subtract) fieldAddSubtract(f, g, d, c);
  else fieldAddSubtract(g, f, d, c); // G = D + C, F = D - C
  fieldMultiply(r.x, e, f);
  fieldMultiply(r.y, g, h);
  fieldMultiply(r.t, e, h);
  fieldMultiply(r.z, f, g);
}

/** Odd multiples 1p, 3p, .., 15p in cached form, for signed digits up to 15. */
const TABLE_POINTS = 8;

function newTable(affine: boolean): CachedPoint[] {
  const table: CachedPoint[] = [];
  for (let i = 0; i < TABLE_POINTS; i++) table.push(new CachedPoint(affine));
  return table;
}

const multiple = new EdwardsPoint(), twice = new CachedPoint(false);

function fillTable(table: CachedPoint[], p: EdwardsPoint): void {
  pointDouble(multiple, p, true);
  pointToCached(twice, multiple);
  multiple.copyFrom(p);
  pointToCached(table[0], multiple);
  for (let i = 1; i < TABLE_POINTS; i++) {
    pointAddCached(multiple, multiple, twice, false);
    pointToCached(table[i], multiple);
  }
}

/** B, 3B, .., 15B from the generated constants (base-table.ts). */
function loadBaseTable(): CachedPoint[] {
  const table = newTable(true);
  for (let i = 0; i < TABLE_POINTS; i++) {
    const point = table[i], at = 60 * i;
    for (let limb = 0; limb < 20; limb++) {
      point.yPlusX[limb] = BASE_TABLE.charCodeAt(at + limb);
      point.yMinusX[limb] = BASE_TABLE.charCodeAt(at + 20 + limb);
      point.t2d[limb] = BASE_TABLE.charCodeAt(at + 40 + limb);
    }
  }
  return table;
}
// Made when the module starts (verification allocates nothing: the bare profile).
const baseTable = loadBaseTable();
const pointTable = newTable(false);

/** The 256 bits of the scalar at bytes[offset..offset + 32) as signed odd digits of at most
 *  15 in absolute value, most of them 0 (a sliding window, as ref10's slide()): the scalar is
 *  the sum of digits[i] 2^i. */
function signedDigits(digits: Int8Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 256; i++) digits[i] = (bytes[offset + (i >> 3)] >> (i & 7)) & 1;
  for (let i = 0; i < 256; i++) {
    if (digits[i] === 0) continue;
    for (let b = 1; b <= 6 && i + b < 256; b++) {
      const next = digits[i + b];
      if (next === 0) continue;
      const shifted = next << b;
      if (digits[i] + shifted <= 15) {
        digits[i] += shifted;
        digits[i + b] = 0;
      } else if (digits[i] - shifted >= -15) {
        digits[i] -= shifted;
        for (let k = i + b; k < 256; k++) {
          if (digits[k] === 0) {
            digits[k] = 1;
            break;
          }
          digits[k] = 0;
        }
      } else {
        break;
      }
    }
  }
}

const sDigits = new Int8Array(256), kDigits = new Int8Array(256);

/** r = [s]B + [k]p for 256-bit little-endian scalars s and k (32 bytes at sOffset and
 *  kOffset): both in signed digits, one doubling per bit from the highest digit that is
 *  not 0, and an addition of an odd multiple of B or p per digit that is not 0. */
export function doubleScalarMultiply(r: EdwardsPoint, s: Uint8Array, sOffset: number, k: Uint8Array, kOffset: number, p: EdwardsPoint): void {
  const bases = baseTable;
  fillTable(pointTable, p);
  signedDigits(sDigits, s, sOffset);
  signedDigits(kDigits, k, kOffset);
  let top = 255;
  while (top >= 0 && sDigits[top] === 0 && kDigits[top] === 0) top--;
  r.setNeutral();
  for (let i = top; i >= 0; i--) {
    const sDigit = sDigits[i], kDigit = kDigits[i];
    // T is needed only by an addition that follows.
    pointDouble(r, r, sDigit !== 0 || kDigit !== 0);
    if (sDigit > 0) pointAddCached(r, r, bases[sDigit >> 1], false);
    else if (sDigit < 0) pointAddCached(r, r, bases[(0 - sDigit) >> 1], true);
    if (kDigit > 0) pointAddCached(r, r, pointTable[kDigit >> 1], false);
    else if (kDigit < 0) pointAddCached(r, r, pointTable[(0 - kDigit) >> 1], true);
  }
}
