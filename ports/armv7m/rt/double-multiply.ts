// The double multiply for ARMv7-M: the 106-bit product of two significands from four UMULLs,
// where ARMv6-M (ports/armv6m/rt/softfloat.ts) builds an estimate from 16-bit limbs and MULS
// and falls back to an exact product near a rounding boundary. Normal operands whose product
// is a normal number take the path here, rounded to nearest even; zeros, subnormals,
// Infinity and NaN operands go to the ARMv6-M routine (renamed GENERIC); a product that
// leaves the normal range is rounded and packed by the soft-float's __rt_dpack.

import { createThumb2Assembler } from "../../../sdk/compiler/asm/thumb2.ts";
import { LR, PC } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { chunk } from "../../armv6m/rt/runtime.ts";
import { SOFT_FLOAT, roundToNearestEven } from "../../armv6m/rt/softfloat.ts";

/** The ARMv6-M multiply, kept for the operands the path here does not take. */
export const GENERIC_MULTIPLY = `${SOFT_FLOAT.mul}_generic`;
/** The soft-float's rounding and packing: r0:r1 = significand M (< 2^53), r2 = the 32 bits
 *  below it (sticky in bit 0), r3 = biased exponent of M normalized at bit 52, r12 bit 31 =
 *  sign -> the double in r0:r1 (subnormals, ±0 and ±Infinity included). */
const PACK = "__rt_dpack";

const EXPONENT_MAX = 0x7ff;
const IMPLICIT_BIT = 0x00100000;
/** Biased exponent of the product's significand taken as P >> 53, P the 106-bit product of
 *  two 53-bit significands: ea + eb - 1075 - 1075 + 53 + 1075 = ea + eb - 1022. */
const PRODUCT_BIAS = 1022;

/** a * b: r0:r1, r2:r3 -> r0:r1 (SOFT_FLOAT.mul). */
export function doubleMultiply(): Chunk {
  const a = createThumb2Assembler();
  const generic = a.newLabel(), normalized = a.newLabel(), slow = a.newLabel();
  const ALL = [4, 5, 6, 7, PC];
  a.push([4, 5, 6, 7, LR]);
  // Exponent fields: 0 (zero, subnormal) and 0x7ff (Infinity, NaN) take the generic routine.
  a.lsls(4, 1, 1);
  a.lsrs(4, 4, 21);
  a.bcond("eq", generic);
  a.lsls(5, 3, 1);
  a.lsrs(5, 5, 21);
  a.bcond("eq", generic);
  a.movw(6, EXPONENT_MAX);
  a.cmp(4, 6);
  a.bcond("eq", generic);
  a.cmp(5, 6);
  a.bcond("eq", generic);
  // r12 = the sign (bit 31 only); r4 = ea + eb; significands with their leading 1.
  a.movsReg(6, 1);
  a.eors(6, 3);
  a.lsrs(6, 6, 31);
  a.lsls(6, 6, 31);
  a.mov(12, 6);
  a.adds(4, 4, 5);
  a.lsls(1, 1, 12);
  a.lsrs(1, 1, 12);
  a.lsls(3, 3, 12);
  a.lsrs(3, 3, 12);
  if (!a.modified("orr", false, 1, 1, IMPLICIT_BIT) || !a.modified("orr", false, 3, 3, IMPLICIT_BIT)) {
    throw new Error("internal error: the implicit bit is not a modified immediate");
  }
  // P = (ah:al) * (bh:bl) = w3:w2:w1:w0, with w0 = r5, w1 = r6, w2 = r7, w3 = r0.
  a.umull(5, 6, 0, 2);            // al*bl
  a.umull(7, 2, 1, 2);            // ah*bl (< 2^53)
  a.adds(6, 6, 7);
  a.movs(7, 0);
  a.adcs(2, 7);                   // r2:r6 = hi(al*bl) + ah*bl
  a.umull(7, 0, 0, 3);            // al*bh (< 2^53)
  a.adds(6, 6, 7);
  a.adcs(2, 0);                   // r2:r6 = the middle column, below 2^55
  a.umull(7, 0, 1, 3);            // ah*bh (< 2^42)
  a.adds(7, 7, 2);
  a.movs(1, 0);
  a.adcs(0, 1);
  // M = P >> 53 in r1:r0 (in [2^51, 2^53)), R = the 32 bits below in r2, sticky in R's bit 0.
  for (const [dst, high, low] of [[1, 0, 7], [0, 7, 6], [2, 6, 5]] as const) {
    a.lsls(dst, high, 11);        // dst = (high:low) >> 21, r3 scratch
    a.lsrs(3, low, 21);
    a.orrs(dst, 3);
  }
  a.movs(3, 1);
  a.lsls(5, 5, 11);
  a.it("ne", "t");
  a.orrs(2, 3);                   // in an IT block: ORR, flags kept
  a.subw(3, 4, PRODUCT_BIAS);     // E, for M normalized at bit 52
  a.lsrs(4, 1, 20);
  a.bcond("ne", normalized);
  a.adds(2, 2, 2);                // a product below 2: one bit more from R
  a.adcs(0, 0);
  a.adcs(1, 1);
  a.subs(3, 3, { imm: 1 });
  a.bind(normalized);
  // A normal result has E in [1, 0x7fe]; anything else is __rt_dpack's.
  a.subs(4, 3, { imm: 1 });
  a.movw(6, EXPONENT_MAX - 1);
  a.cmp(4, 6);
  a.bcond("cs", slow);
  roundToNearestEven(a, 2, 5, () => {
    a.lsls(4, 4, 20);
    a.adds(1, 1, 4);              // the exponent field, over the leading 1
    a.mov(5, 12);
    a.orrs(1, 5);
    a.pop(ALL);
  });
  a.bind(slow);
  a.bl(PACK);
  a.pop(ALL);
  a.bind(generic);
  a.bl(GENERIC_MULTIPLY);
  a.pop(ALL);
  return { ...chunk(SOFT_FLOAT.mul, a), module: "rt:softfloat" };
}
