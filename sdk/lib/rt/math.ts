// Math functions on the numbers of this language step (integers): where the result is an
// integer, it is exact; where JavaScript would give a fraction or NaN, the program stops.

import { panic } from "mote/intrinsics";
import { PANIC_NOT_INTEGER } from "./panic-codes.ts";

export function abs(x: number): number {
  // -0 is not below 0, but its absolute value is 0; NaN stays NaN.
  if (x === 0) return 0;
  return x < 0 ? -x : x;
}

/** Math.sign: ±1, or the argument itself for ±0 and NaN. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x;
}

/** Math.pow for integers: exact while the result is an int32; a negative exponent of a base
 *  other than ±1 is a fraction. */
export function pow(base: number, exponent: number): number {
  if (exponent < 0) {
    if (base === 1) return 1;
    if (base === -1) return (exponent & 1) === 0 ? 1 : -1;
    panic(PANIC_NOT_INTEGER);
  }
  let result = 1;
  let b = base;
  let e = exponent;
  while (e > 0) {
    if ((e & 1) === 1) result = result * b;
    e = e >> 1;
    if (e > 0) b = b * b;
  }
  return result;
}

/** Math.sqrt of a perfect square; anything else is a fraction (NaN for negatives). */
export function sqrt(x: number): number {
  if (x < 0) panic(PANIC_NOT_INTEGER);
  let low = 0;
  let high = x < 46341 ? x : 46341;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (mid * mid <= x) low = mid; else high = mid - 1;
  }
  if (low * low !== x) panic(PANIC_NOT_INTEGER);
  return low;
}

export function clz32(x: number): number {
  // ToUint32(x) has the bits of ToInt32(x): 2^31, -1 and 1e300 count like their int32s.
  let v = x | 0;
  if (v === 0) return 32;
  let n = 0;
  if (v < 0) return 0;
  while ((v & 0x40000000) === 0) { v = v << 1; n++; }
  return n + 1;
}
