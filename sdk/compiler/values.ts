// How JavaScript values are words (DESIGN.md, "Values"). The device runtime in sdk/lib/rt
// relies on the same numbers through the intrinsics, and ports/*/rt on the same layouts.
//
//   small integer n   (n << 1) | 1          n in [-2^30, 2^30)
//   object pointer    4-aligned address     heap (RAM) or flash; first word -> descriptor
//                                           (other numbers are boxed: an IEEE double)
//   undefined         2                     special constants: low bits 10, below any
//   null              6                     object address (the vector table is at the
//   false             10                    bottom of every board's address space)
//   true              14

export const UNDEFINED = 2;
export const NULL = 6;
export const FALSE = 10;
export const TRUE = 14;

export const SMALL_INT_MIN = -(2 ** 30);
export const SMALL_INT_MAX = 2 ** 30 - 1;
/** The most elements an array, typed array or string can have: each element takes at least a
 *  byte, and objects lie below 0x3ff00000 on every board (passes/ranges.ts). A length so
 *  bounded leaves room below SMALL_INT_MAX to add to it (`length + 1`, `i + k` in a loop
 *  to the length) without leaving the small integers. */
export const LENGTH_MAX = 0x3ff00000 - 1;

export function tagInt(n: number): number {
  return ((n << 1) | 1) >>> 0;
}

export function isInt32Value(n: number): boolean {
  return Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 && !Object.is(n, -0);
}

export function isSmallIntValue(n: number): boolean {
  return Number.isInteger(n) && n >= SMALL_INT_MIN && n <= SMALL_INT_MAX && !Object.is(n, -0);
}

export * from "../lib/rt/layout.ts";
