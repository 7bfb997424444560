// Software IEEE 754 binary64 arithmetic for JS numbers on cores without an FPU (ARMv6-M:
// Cortex-M0/M0+, and the same code on M3). Hand-written Thumb, emitted through the
// assembler API like the rest of the port runtime (runtime.ts), so no GNU tools are needed.
//
// Calling convention (that of the AEABI helpers): a double in a register pair is (low word,
// high word); argument a in r0:r1, b in r2:r3, the result in r0:r1 (or r0 alone for the
// comparison and the int32 conversion). Every routine may clobber r0-r3, r12 and the flags,
// preserves r4-r11 and sp, and returns with BX LR or POP {…, PC}.
//
// Semantics are JavaScript's: round to nearest, ties to even; subnormals, ±0 and ±Infinity
// in full; every NaN result is the one quiet NaN 0x7ff80000_00000000. (Node on x86 leaves
// the hardware's NaN bits in its results, a payload or the sign of 0xfff8…; they are all
// the same value to a program, and the device keeps one pattern.)
//
// Layout of a double's high word: sign (bit 31), biased exponent (bits 30..20), the top 20
// fraction bits (19..0); the low word holds the other 32 fraction bits. A normal number's
// significand is the fraction with an implicit 1 at bit 52, i.e. bit 20 of the high word.
//
// How the packing works everywhere below: a result is built as `base + significand`, where
// base = sign | (exponent - 1) << 20 and the significand still carries its implicit bit at
// bit 52. The implicit bit adds the missing 1 to the exponent field, and a rounding carry
// out of the significand (to 2^53) moves the exponent up by one more, which is exactly right;
// it turns the largest finite exponent into Infinity on its own.
//
// The fast paths (normal operands) are what JS arithmetic mostly hits and are written for
// few executed instructions; subnormals, zeros, Infinity, NaN and exponent overflow or
// underflow take out-of-line paths placed after the hot code of each routine.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import { LR, PC, type Label, type ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";

/** The routines' linker symbols (the code generator's calls name these). */
export const SOFT_FLOAT = {
  /** a + b: r0:r1, r2:r3 -> r0:r1 */
  add: "__rt_dadd",
  /** a - b */
  sub: "__rt_dsub",
  /** a * b */
  mul: "__rt_dmul",
  /** a / b */
  div: "__rt_ddiv",
  /** a % b (C fmod: exact, the sign of a) */
  mod: "__rt_dmod",
  /** Math.sqrt(a): r0:r1 -> r0:r1 */
  sqrt: "__rt_dsqrt",
  /** a ? b: r0 = -1 (a < b), 0 (equal, +0 == -0), 1 (a > b), 2 (unordered: either is NaN) */
  compare: "__rt_dcmp",
  /** int32 r0 -> double r0:r1 (exact) */
  fromInt32: "__rt_i2d",
  /** uint32 r0 -> double r0:r1 (exact) */
  fromUint32: "__rt_u2d",
  /** JS ToInt32: double r0:r1 -> int32 r0 (modulo 2^32; NaN and ±Infinity give 0) */
  toInt32: "__rt_d2i",
  /** Math.floor, Math.ceil, Math.trunc, Math.round: r0:r1 -> r0:r1 */
  floor: "__rt_dfloor",
  ceil: "__rt_dceil",
  trunc: "__rt_dtrunc",
  round: "__rt_dround",
} as const;

/** Helpers shared by the routines above; not for the code generator. */
const INTERNAL = {
  /** Rounds and packs: r0:r1 = significand M (< 2^53), r2 = the 32 bits below M's last bit
   *  (bit 0 set if anything nonzero lies further below), r3 = biased exponent E of M as if
   *  M were normalized at bit 52 (any int32), r12 = sign (bit 31) -> the double in r0:r1.
   *  Normalizes, rounds to nearest even, and produces subnormals, ±0 and ±Infinity. */
  pack: "__rt_dpack",
  /** r0 * r1 -> r1:r0 (unsigned 32 x 32 -> 64). Clobbers r2, r3 only. */
  multiplyWide: "__rt_umul64",
} as const;

const MODULE = "rt:softfloat";

const SIGN_BIT = 0x80000000;
/** Bit 52 (the implicit significand bit) as seen in the high word. */
const IMPLICIT_BIT = 0x00100000;
const EXPONENT_SHIFT = 20;
const EXPONENT_MAX = 0x7ff;
const EXPONENT_BIAS = 1023;
/** Biased exponent from which every double is an integer (2^52). */
const EXPONENT_INTEGRAL = EXPONENT_BIAS + 52;
const QUIET_NAN_HIGH = 0x7ff80000;
const INFINITY_HIGH = 0x7ff00000;
const ONE_HIGH = 0x3ff00000;
/** High word of |x| << 1 at and above which x is Infinity (equal, with a zero low word) or NaN. */
const INFINITY_HIGH_SHIFTED = 0xffe00000;
/** The bytes of PUSH {r4-r7, lr}: __rt_dsub enters __rt_dadd just after it. */
const PUSH_R4_R7_LR = 0xb5f0;
const PUSH_SIZE = 2;

/** One routine's assembler, with out-of-line blocks emitted after the hot code. */
class Routine {
  readonly a: ThumbAssembler = createAssembler();
  private readonly cold: Array<() => void> = [];

  /** Emits `body` after the routine's main line (rarely taken paths). */
  later(body: () => void): void {
    this.cold.push(body);
  }

  /** Places the out-of-line blocks (which may add more) and returns the linker chunk. */
  chunk(name: string): Chunk {
    for (let i = 0; i < this.cold.length; i++) this.cold[i]();
    const code = this.a.finish();
    return {
      name, section: ".text", bytes: code.bytes, size: code.bytes.length, align: 4, relocs: code.relocs,
      lines: code.lines, kind: "func", module: MODULE,
    };
  }
}

/** Every routine of SOFT_FLOAT and the helpers they call, one chunk each. */
export function softFloatChunks(): Chunk[] {
  const add = addChunk();
  if (add.bytes[0] !== (PUSH_R4_R7_LR & 0xff) || add.bytes[1] !== PUSH_R4_R7_LR >> 8) {
    throw new Error(`${SOFT_FLOAT.add} must start with PUSH {r4-r7, lr}: ${SOFT_FLOAT.sub} enters after it`);
  }
  return [
    add, subChunk(), mulChunk(), divChunk(), modChunk(), sqrtChunk(), compareChunk(),
    fromIntegerChunk(SOFT_FLOAT.fromInt32, true), fromIntegerChunk(SOFT_FLOAT.fromUint32, false), toInt32Chunk(),
    roundingChunk(SOFT_FLOAT.floor, "floor"), roundingChunk(SOFT_FLOAT.ceil, "ceil"),
    roundingChunk(SOFT_FLOAT.trunc, "trunc"), roundingChunk(SOFT_FLOAT.round, "round"),
    packChunk(), multiplyWideChunk(),
  ];
}

// ---------------------------------------------------------------------------------------
// Small emitters shared by several routines.

const POP_ALL = [4, 5, 6, 7, PC];

/** r0:r1 = the quiet NaN, then return (after PUSH {r4-r7, lr}). */
function returnNaN(a: ThumbAssembler): void {
  a.movs(0, 0);
  a.ldrConst(1, QUIET_NAN_HIGH);
  a.pop(POP_ALL);
}

/** r0:r1 = ±0 with the sign in bit 31 of `sign` (other bits ignored), then return. */
function returnZero(a: ThumbAssembler, sign: number): void {
  a.lsrs(1, sign, 31);
  a.lsls(1, 1, 31);
  a.movs(0, 0);
  a.pop(POP_ALL);
}

/** r0:r1 = ±Infinity with the sign in bit 31 of `sign`; clobbers `sign`; then return. */
function returnInfinity(a: ThumbAssembler, sign: number): void {
  a.lsrs(1, sign, 31);
  a.lsls(1, 1, 31);
  a.ldrConst(0, INFINITY_HIGH);
  a.orrs(1, 0);
  a.movs(0, 0);
  a.pop(POP_ALL);
}

/** hi = the significand's high word with the implicit bit (hi holds a normal number's high
 *  word); `scratch` is clobbered. */
function significandHigh(a: ThumbAssembler, hi: number, scratch: number): void {
  a.lsls(hi, hi, 12);
  a.lsrs(hi, hi, 12);
  a.ldrConst(scratch, IMPLICIT_BIT);
  a.orrs(hi, scratch);
}

/** A subnormal's significand (lo, hi: the fraction in hi's low 20 bits, not zero) shifted
 *  left until bit 52 is set; `exponent` becomes 1 - shift. Rare, so one bit per step. */
function normalizeSubnormal(a: ThumbAssembler, lo: number, hi: number, exponent: number, scratch: number): void {
  a.lsls(hi, hi, 12);
  a.lsrs(hi, hi, 12);
  a.movs(exponent, 1);
  const loop = a.newLabel();
  a.bind(loop);
  a.adds(lo, lo, lo);
  a.adcs(hi, hi);
  a.subs(exponent, exponent, { imm: 1 });
  a.lsrs(scratch, hi, 20);
  a.bcond("eq", loop);
}

/** count += leading zeros of x (x != 0; x is destroyed). Binary search, no CLZ on ARMv6-M. */
function countLeadingZeros(a: ThumbAssembler, x: number, count: number, scratch: number): void {
  for (const step of [16, 8, 4, 2]) {
    const skip = a.newLabel();
    a.lsrs(scratch, x, 32 - step);
    a.bcond("ne", skip);
    a.lsls(x, x, step);
    a.adds(count, count, { imm: step });
    a.bind(skip);
  }
  const skip = a.newLabel();
  a.lsrs(scratch, x, 31);
  a.bcond("ne", skip);
  a.adds(count, count, { imm: 1 });
  a.bind(skip);
}

/** (hi:lo) <<= n for 0 <= n < 64; n is preserved, t1 and t2 are clobbered. */
function shiftLeft64(a: ThumbAssembler, lo: number, hi: number, n: number, t1: number, t2: number): void {
  const below32 = a.newLabel(), done = a.newLabel();
  a.cmp(n, { imm: 32 });
  a.bcond("cc", below32);
  a.movsReg(t1, n);
  a.subs(t1, t1, { imm: 32 });
  a.movsReg(hi, lo);
  a.lslsReg(hi, t1);
  a.movs(lo, 0);
  a.b(done);
  a.bind(below32);
  // Register shifts by 32 give 0, so n = 0 needs no special case.
  a.movs(t1, 32);
  a.subs(t1, t1, n);
  a.movsReg(t2, lo);
  a.lsrsReg(t2, t1);
  a.lslsReg(hi, n);
  a.orrs(hi, t2);
  a.lslsReg(lo, n);
  a.bind(done);
}

/** Sets bit 0 of `word` when `test` is not zero (a sticky bit); clobbers `scratch`. */
function orSticky(a: ThumbAssembler, word: number, test: number, scratch: number): void {
  const skip = a.newLabel();
  a.cmp(test, { imm: 0 });
  a.bcond("eq", skip);
  a.movs(scratch, 1);
  a.orrs(word, scratch);
  a.bind(skip);
}

// ---------------------------------------------------------------------------------------
// Addition and subtraction.
//
// The operands are ordered so that |a| >= |b|; b's significand is shifted right by the
// exponent difference d into r2:r3, and the bits shifted out go to a 32-bit round word R
// (r5) whose bit 0 also records anything lost below it (sticky). Same signs add, different
// signs subtract (b's R then borrows from the sum). A sum reaching 2^53 moves right by one;
// a difference below 2^52 moves left by one, or, when d <= 1 (R is 0 then and the result is
// exact), by as many bits as the cancellation needs. Rounding looks at R: bit 31 is the half,
// the rest decides between a tie and more than half.

function addChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const ordered = L(), swap = L(), aSpecial = L(), bothSmall = L(), bSmall = L(), subtract = L();
  const addAligned = L(), subAligned = L(), carry = L(), overflow = L(), subNormalize = L(), returnA = L();

  a.push([4, 5, 6, 7, LR]); // first: __rt_dsub enters after it
  a.lsls(4, 1, 1);
  a.lsls(5, 3, 1);
  a.cmp(4, 5);
  a.bcond("hi", ordered);
  a.bcond("ne", swap);
  a.cmp(0, 2);
  a.bcond("cs", ordered);
  a.bind(swap);
  for (const [x, y] of [[0, 2], [1, 3], [4, 5]]) {
    a.eors(x, y);
    a.eors(y, x);
    a.eors(x, y);
  }
  a.bind(ordered);
  // r4 = |a|.hi << 1 >= r5 = |b|.hi << 1.
  a.mvns(6, 4);
  a.lsrs(6, 6, 21);
  a.bcond("eq", aSpecial);        // a is Infinity or NaN
  a.lsrs(4, 4, 21);               // ea
  a.bcond("eq", bothSmall);       // ea = 0, so eb = 0 too
  a.lsrs(5, 5, 21);               // eb
  a.bcond("eq", bSmall);
  a.movsReg(6, 1);
  a.eors(6, 3);
  a.bcond("mi", subtract);

  // Same signs.
  significandHigh(a, 3, 7);
  a.bind(addAligned);
  a.subs(4, 4, 5);                // d
  alignSmaller(r);
  splitLarger(a);
  a.adds(0, 0, 2);
  a.adcs(1, 3);
  a.lsrs(7, 1, 21);
  a.bcond("ne", carry);           // the sum reached 2^53
  const addRound = roundAndPack(r);

  // Different signs.
  a.bind(subtract);
  significandHigh(a, 3, 7);
  a.bind(subAligned);
  a.subs(4, 4, 5);
  alignSmaller(r);
  splitLarger(a);
  a.rsbs(5, 5);                   // R = -R; C = 1 when R was 0 (no borrow)
  a.sbcs(0, 2);
  a.sbcs(1, 3);
  a.lsrs(7, 1, 20);
  a.bcond("eq", subNormalize);    // below 2^52
  const subRound = roundAndPack(r);

  r.later(() => {
    // Sum in [2^53, 2^54): one bit right; its last bit becomes R's half bit, R goes sticky.
    a.bind(carry);
    a.ldrConst(7, IMPLICIT_BIT);
    a.adds(6, 6, 7);
    a.lsls(4, 6, 1);
    a.asrs(4, 4, 22);
    a.adds(4, 4, { imm: 1 });      // ea was 0x7fe: the sum is beyond the largest double
    a.bcond("eq", overflow);
    a.lsls(7, 0, 31);
    a.lsrs(0, 0, 1);
    a.lsls(4, 1, 31);
    a.orrs(0, 4);
    a.lsrs(1, 1, 1);
    orSticky(a, 7, 5, 4);
    a.movsReg(5, 7);
    a.b(addRound);
    a.bind(overflow);
    returnInfinity(a, 6);

    // Difference below 2^52.
    const exact = L(), cancel = L(), zero = L(), limited = L();
    a.bind(subNormalize);
    a.lsls(7, 6, 1);
    a.lsrs(7, 7, 21);
    a.bcond("eq", exact);         // exponent 1: the result is subnormal (and exact)
    a.adds(5, 5, 5);
    a.adcs(0, 0);
    a.adcs(1, 1);
    a.ldrConst(7, IMPLICIT_BIT);
    a.subs(6, 6, 7);
    a.lsrs(7, 1, 20);
    a.bcond("eq", cancel);
    a.b(subRound);
    a.bind(exact);
    a.movsReg(7, 0);
    a.orrs(7, 1);
    a.bcond("eq", zero);          // x - x = +0, also for the smallest exponent
    a.adds(1, 1, 6);
    a.pop(POP_ALL);
    // Here d <= 1, so R is 0 and the difference is exact: shift it up to bit 52, but not
    // below exponent 1 (then it is subnormal).
    a.bind(cancel);
    a.movsReg(7, 0);
    a.orrs(7, 1);
    a.bcond("eq", zero);          // x - x = +0
    const high = L();
    a.movs(4, 0);
    a.movsReg(5, 1);
    a.cmp(1, { imm: 0 });
    a.bcond("ne", high);
    a.movs(4, 32);
    a.movsReg(5, 0);
    a.bind(high);
    countLeadingZeros(a, 5, 4, 7);
    a.subs(4, 4, { imm: 11 });
    a.lsls(7, 6, 1);
    a.lsrs(7, 7, 21);             // the exponent field left to spend
    a.cmp(4, 7);
    a.bcond("ls", limited);
    a.movsReg(4, 7);
    a.bind(limited);
    shiftLeft64(a, 0, 1, 4, 5, 7);
    a.lsls(7, 4, EXPONENT_SHIFT);
    a.subs(6, 6, 7);
    a.adds(1, 1, 6);
    a.pop(POP_ALL);
    a.bind(zero);
    a.movs(0, 0);
    a.movs(1, 0);
    a.pop(POP_ALL);

    // ea = 0x7ff: a NaN is NaN; Infinity - Infinity is NaN; otherwise a.
    a.bind(aSpecial);
    a.lsls(6, 1, 12);
    a.orrs(6, 0);
    const nan = L();
    a.bcond("ne", nan);
    a.cmp(4, 5);
    a.bcond("ne", returnA);       // b finite (it cannot be NaN: |b| <= |a|)
    a.movsReg(6, 1);
    a.eors(6, 3);
    a.bcond("pl", returnA);
    a.bind(nan);
    returnNaN(a);

    // ea = eb = 0: both subnormal or zero. Their fractions add or subtract as integers and
    // a carry into bit 52 makes exponent 1, so the raw words do the arithmetic exactly.
    const bothSubtract = L();
    a.bind(bothSmall);
    a.movsReg(6, 1);
    a.eors(6, 3);
    a.bcond("mi", bothSubtract);
    a.lsls(3, 3, 1);
    a.lsrs(3, 3, 1);
    a.adds(0, 0, 2);
    a.adcs(1, 3);
    a.pop(POP_ALL);
    a.bind(bothSubtract);
    a.lsls(3, 3, 1);
    a.lsrs(3, 3, 1);
    a.subs(0, 0, 2);
    a.sbcs(1, 3);
    a.lsls(6, 1, 1);
    a.orrs(6, 0);
    a.bcond("ne", returnA);
    a.movs(1, 0);                 // x - x = +0
    a.b(returnA);

    // eb = 0 < ea: b is ±0 (the result is a) or subnormal (exponent 1, no implicit bit).
    const smallSubtract = L();
    a.bind(bSmall);
    a.lsls(6, 3, 1);
    a.orrs(6, 2);
    a.bcond("eq", returnA);
    a.movs(5, 1);
    a.movsReg(6, 1);
    a.eors(6, 3);
    a.bcond("mi", smallSubtract);
    a.lsls(3, 3, 12);
    a.lsrs(3, 3, 12);
    a.b(addAligned);
    a.bind(smallSubtract);
    a.lsls(3, 3, 12);
    a.lsrs(3, 3, 12);
    a.b(subAligned);

    a.bind(returnA);
    a.pop(POP_ALL);
  });
  return r.chunk(SOFT_FLOAT.add);
}

/** Binds and returns the entry of: round r0:r1 by R (r5) to nearest even, add the base (r6),
 *  return. */
function roundAndPack(r: Routine): Label {
  const { a } = r;
  const entry = a.newLabel(), up = a.newLabel(), packed = a.newLabel(), tie = a.newLabel();
  a.bind(entry);
  a.lsls(5, 5, 1);                // C = the half bit, Z = nothing below it
  a.bcond("cc", packed);
  a.bcond("eq", tie);
  a.bind(up);
  a.adds(0, 0, { imm: 1 });
  a.bcond("cc", packed);
  a.adds(1, 1, { imm: 1 });
  a.bind(packed);
  a.adds(1, 1, 6);
  a.pop(POP_ALL);
  r.later(() => {
    a.bind(tie);
    a.lsrs(5, 0, 1);              // C = the last bit: round up only to make it even
    a.bcond("cs", up);
    a.b(packed);
  });
  return entry;
}

/** r2:r3 (b's significand) >>= d (r4), the bits shifted out into R (r5), sticky in R's bit 0.
 *  Clobbers r4, r6, r7. */
function alignSmaller(r: Routine): void {
  const { a } = r;
  const far = a.newLabel(), done = a.newLabel();
  a.cmp(4, { imm: 32 });
  a.bcond("cs", far);
  a.movs(6, 32);
  a.subs(6, 6, 4);
  a.movsReg(5, 2);
  a.lslsReg(5, 6);                // d = 0 shifts by 32: R = 0
  a.lsrsReg(2, 4);
  a.movsReg(7, 3);
  a.lslsReg(7, 6);
  a.orrs(2, 7);
  a.lsrsReg(3, 4);
  a.bind(done);
  r.later(() => {
    const veryFar = a.newLabel();
    a.bind(far);
    a.cmp(4, { imm: 64 });
    a.bcond("cs", veryFar);
    a.subs(4, 4, { imm: 32 });
    a.movs(6, 32);
    a.subs(6, 6, 4);
    a.movsReg(5, 2);
    a.lslsReg(5, 6);              // bits below R: only their presence matters
    a.lsrsReg(2, 4);
    a.movsReg(7, 3);
    a.lslsReg(7, 6);
    a.orrs(2, 7);
    orSticky(a, 2, 5, 7);
    a.movsReg(5, 2);
    a.movsReg(2, 3);
    a.lsrsReg(2, 4);
    a.movs(3, 0);
    a.b(done);
    // b < 2^-11 units of a's last place: all sticky (b is not zero here).
    a.bind(veryFar);
    a.movs(5, 1);
    a.movs(2, 0);
    a.movs(3, 0);
    a.b(done);
  });
}

/** a's high word (r1) -> r6 = base (sign | (ea - 1) << 20), r1 = significand high word with
 *  the implicit bit. Clobbers r7. */
function splitLarger(a: ThumbAssembler): void {
  a.ldrConst(7, IMPLICIT_BIT);
  a.lsrs(6, 1, 20);
  a.lsls(6, 6, 20);
  a.subs(6, 6, 7);
  a.subs(1, 1, 6);
}

function subChunk(): Chunk {
  // a - b = a + (-b): flip b's sign and continue in __rt_dadd after its PUSH, whose POP then
  // returns straight to the caller.
  const a = createAssembler();
  a.push([4, 5, 6, 7, LR]);
  a.ldrConst(4, SIGN_BIT);
  a.eors(3, 4);
  a.bl(SOFT_FLOAT.add);
  const code = a.finish();
  return {
    name: SOFT_FLOAT.sub, section: ".text", bytes: code.bytes, size: code.bytes.length, align: 4,
    relocs: code.relocs.map((reloc) => reloc.symbol === SOFT_FLOAT.add ? { ...reloc, addend: PUSH_SIZE } : reloc),
    lines: code.lines, kind: "func", module: MODULE,
  };
}

// ---------------------------------------------------------------------------------------
// Multiplication.
//
// The significands are shifted up to fill 64 bits (A' = A << 11, bit 63 set) and cut into
// 16-bit limbs A3..A0, B3..B0 (A0, B0 hold only 5 significant bits). MULS gives 16 x 16 ->
// 32 exactly. The product's top 64 bits H = floor(A'B' / 2^64) are estimated from the 10
// limb products of columns 3..6 (column k weighs 2^16k): column 3's four products are each
// truncated by 16 bits (error < 4 units of H), columns 2, 1, 0 are dropped (their three,
// two and one products of < 2^32 weigh < 3 + 2^-15 units), so A'B' / 2^64 - H < 7.0001.
// Rounding H to 53 bits therefore gives the right answer unless H's bits below the
// rounding point lie within 8 units under the half, or exactly on it; that happens for
// about 1 operand pair in 170, and then (and when the exponent leaves the normal range)
// the exact 128-bit product is formed from four 32 x 32 -> 64 products and rounded by
// __rt_dpack.

/** The multiply's stack frame: A3, A2, A1, A0; the exact path pushes B0..B3 below them. */
const LIMB_A = { 3: 0, 2: 4, 1: 8, 0: 12 } as const;
const LIMB_B = [0, 4, 8, 12];
const LIMBS_BYTES = 16;

function mulChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const aSmall = L(), aSpecial = L(), checkB = L(), bSmall = L(), bSpecial = L(), common = L();
  const edge = L(), ambiguous = L(), exact = L(), top = L();

  a.push([4, 5, 6, 7, LR]);
  a.movsReg(7, 1);
  a.eors(7, 3);                   // the product's sign, in bit 31
  a.ldrConst(6, EXPONENT_MAX);
  a.lsls(4, 1, 1);
  a.lsrs(4, 4, 21);
  a.bcond("eq", aSmall);
  a.cmp(4, 6);
  a.bcond("eq", aSpecial);
  a.bind(checkB);
  a.lsls(5, 3, 1);
  a.lsrs(5, 5, 21);
  a.bcond("eq", bSmall);
  a.cmp(5, 6);
  a.bcond("eq", bSpecial);
  // r4 = ea, r5 = eb (below 1 for a normalized subnormal); r1, r3 bits 20..0 = the
  // significands' high words without (normal) or with (normalized) the leading 1.
  a.bind(common);
  a.adds(4, 4, 5);
  a.ldrConst(5, 1024);
  a.subs(4, 4, 5);                // x = ea + eb - 1024: exponent - 1 of a product below 2
  a.ldrConst(5, 0x7fc);
  a.cmp(4, 5);
  a.bcond("hi", edge);            // x < 0 or x > 0x7fc: maybe subnormal or Infinity
  a.lsrs(7, 7, 31);
  a.lsls(7, 7, 31);
  a.lsls(4, 4, EXPONENT_SHIFT);
  a.orrs(4, 7);
  a.mov(12, 4);                   // base
  storeLimbs(a, false);

  // B0..B3 in r0..r3, H = r6:r5 (r7 = 0 in column 4, for the carries).
  const loadA = (reg: number, limb: 3 | 2 | 1 | 0) => a.ldr(reg, 13, { imm: LIMB_A[limb] });
  loadA(6, 3);
  a.muls(6, 3);                   // column 6: A3B3
  loadA(5, 3);
  a.muls(5, 0);
  a.lsrs(5, 5, 16);               // column 3, each product / 2^16
  for (const [limb, b] of [[2, 1], [1, 2], [0, 3]] as const) {
    loadA(4, limb);
    a.muls(4, b);
    a.lsrs(4, 4, 16);
    a.adds(5, 5, 4);
  }
  a.movs(7, 0);
  for (const [limb, b] of [[3, 1], [2, 2], [1, 3]] as const) {
    loadA(4, limb);               // column 4
    a.muls(4, b);
    a.adds(5, 5, 4);
    a.adcs(6, 7);
  }
  for (const [limb, b] of [[3, 2], [2, 3]] as const) {
    loadA(4, limb);               // column 5, at bit 16 of H
    a.muls(4, b);
    a.lsls(7, 4, 16);
    a.lsrs(4, 4, 16);
    a.adds(5, 5, 7);
    a.adcs(6, 4);
  }
  a.bcond("mi", top);             // H >= 2^63: the product is in [2, 4)

  // Product in [1, 2): significand = H >> 10, the half is H's bit 9.
  roundEstimate(r, 10, ambiguous, false);
  a.bind(top);
  roundEstimate(r, 11, ambiguous, true);

  r.later(() => {
    // The estimate was too close to a rounding boundary: B0..B3 are still in r0..r3; x and
    // the sign come from the base.
    a.bind(ambiguous);
    a.push([0, 1, 2, 3]);
    a.mov(4, 12);
    a.lsls(4, 4, 1);
    a.lsrs(4, 4, 21);
    a.mov(7, 12);
    a.b(exact);

    // The exponent may leave the normal range: form the limbs here, then the exact product.
    a.bind(edge);
    a.mov(12, 4);
    a.mov(14, 7);
    storeLimbs(a, true);
    a.mov(4, 12);
    a.mov(7, 14);

    // r4 = x, r7 bit 31 = sign, limbs on the stack.
    a.bind(exact);
    a.push([4, 7]);
    const frame = 8;
    // Words back from the limbs: bl' = B1:B0, bh' = B3:B2, ah' = A3:A2, al' = A1:A0.
    const word = (dst: number, hiOffset: number, loOffset: number, t: number) => {
      a.ldr(dst, 13, { imm: frame + loOffset });
      a.ldr(t, 13, { imm: frame + hiOffset });
      a.lsls(t, t, 16);
      a.orrs(dst, t);
    };
    const aLimbs = LIMBS_BYTES;
    word(0, LIMB_B[1], LIMB_B[0], 4);
    word(1, LIMB_B[3], LIMB_B[2], 4);
    word(2, aLimbs + LIMB_A[3], aLimbs + LIMB_A[2], 4);
    word(3, aLimbs + LIMB_A[1], aLimbs + LIMB_A[0], 4);
    const BL = frame + 0, BH = frame + 4, AH = frame + 8, AL = frame + 12;
    a.str(0, 13, { imm: BL });
    a.str(1, 13, { imm: BH });
    a.str(2, 13, { imm: AH });
    a.str(3, 13, { imm: AL });
    const product = (x: number, y: number) => {
      a.ldr(0, 13, { imm: x });
      a.ldr(1, 13, { imm: y });
      a.bl(INTERNAL.multiplyWide);
    };
    // P' = r7:r6:r5:r4.
    product(AL, BL);
    a.movsReg(4, 0);
    a.movsReg(5, 1);
    product(AH, BL);
    a.movs(6, 0);
    a.adds(5, 5, 0);
    a.adcs(6, 1);
    product(AL, BH);
    a.movs(7, 0);
    a.adds(5, 5, 0);
    a.adcs(6, 1);
    a.adcs(7, 7);
    product(AH, BH);
    a.adds(6, 6, 0);
    a.adcs(7, 1);
    // M = P' >> 75, R = the next 32 bits, sticky for the rest.
    a.lsls(2, 6, 21);
    a.lsrs(3, 5, 11);
    a.orrs(2, 3);
    a.lsls(5, 5, 21);
    a.orrs(5, 4);
    orSticky(a, 2, 5, 3);
    a.lsrs(0, 6, 11);
    a.lsls(3, 7, 21);
    a.orrs(0, 3);
    a.lsrs(1, 7, 11);
    a.ldr(3, 13, { imm: 0 });
    a.adds(3, 3, { imm: 2 });       // E = x + 2 for M = P' >> 75
    a.ldr(4, 13, { imm: 4 });
    a.lsrs(4, 4, 31);
    a.lsls(4, 4, 31);
    a.mov(12, 4);
    a.bl(INTERNAL.pack);
    a.addSp(frame + 2 * LIMBS_BYTES);
    a.pop(POP_ALL);

    const nan = L(), zero = L(), infinity = L();
    // ea = 0: a is ±0 (NaN if b is Infinity or NaN, else ±0) or subnormal.
    a.bind(aSmall);
    a.lsls(5, 1, 12);
    a.orrs(5, 0);
    const aZero = L();
    a.bcond("eq", aZero);
    normalizeSubnormal(a, 0, 1, 4, 5);
    a.b(checkB);
    a.bind(aZero);
    a.lsls(5, 3, 1);
    a.lsrs(5, 5, 21);
    a.cmp(5, 6);
    a.bcond("eq", nan);
    a.bind(zero);
    returnZero(a, 7);
    // ea = 0x7ff: NaN, or Infinity times b: NaN for NaN or 0, else Infinity.
    a.bind(aSpecial);
    a.lsls(5, 1, 12);
    a.orrs(5, 0);
    a.bcond("ne", nan);
    const bFinite = L();
    a.lsls(5, 3, 1);
    a.lsrs(5, 5, 21);
    a.cmp(5, 6);
    a.bcond("ne", bFinite);
    a.lsls(5, 3, 12);
    a.orrs(5, 2);
    a.bcond("ne", nan);
    a.b(infinity);
    a.bind(bFinite);
    a.lsls(5, 3, 1);
    a.orrs(5, 2);
    a.bcond("eq", nan);
    a.bind(infinity);
    returnInfinity(a, 7);
    // eb = 0 (a finite, not zero): b is ±0 or subnormal.
    a.bind(bSmall);
    a.lsls(6, 3, 12);
    a.orrs(6, 2);
    a.bcond("eq", zero);
    normalizeSubnormal(a, 2, 3, 5, 6);
    a.b(common);
    // eb = 0x7ff (a finite, not zero).
    a.bind(bSpecial);
    a.lsls(5, 3, 12);
    a.orrs(5, 2);
    a.bcond("eq", infinity);
    a.bind(nan);
    returnNaN(a);
  });
  return r.chunk(SOFT_FLOAT.mul);
}

/** From r0:r1 (a) and r2:r3 (b), significand high words in bits 20..0: pushes A's limbs
 *  (frame LIMB_A), and B's too (LIMB_B) if asked, and leaves B0..B3 in r0..r3. Clobbers
 *  r4-r7. */
function storeLimbs(a: ThumbAssembler, pushB: boolean): void {
  a.ldrConst(6, SIGN_BIT);
  a.lsls(1, 1, 11);
  a.lsrs(5, 0, 21);
  a.orrs(1, 5);
  a.orrs(1, 6);                   // ah' (the leading 1 forced: bit 20 moved to bit 31)
  a.lsls(3, 3, 11);
  a.lsrs(5, 2, 21);
  a.orrs(3, 5);
  a.orrs(3, 6);                   // bh'
  a.lsls(0, 0, 11);               // al'
  a.lsls(2, 2, 11);               // bl'
  a.lsrs(4, 1, 16);               // A3
  a.uxth(5, 1);                   // A2
  a.lsrs(6, 0, 16);               // A1
  a.uxth(7, 0);                   // A0
  a.push([4, 5, 6, 7]);
  a.lsrs(1, 2, 16);               // B1
  a.uxth(0, 2);                   // B0
  a.uxth(2, 3);                   // B2
  a.lsrs(3, 3, 16);               // B3
  if (pushB) a.push([0, 1, 2, 3]);
}

/** Rounds the estimate H (r6:r5) to the significand H >> shift in r0:r1 and returns, or goes
 *  to `ambiguous` with B0..B3 still in r0..r3. r12 = base for a product below 2. */
function roundEstimate(r: Routine, shift: 10 | 11, ambiguous: Label, productAbove2: boolean): void {
  const { a } = r;
  const upper = a.newLabel(), done = a.newLabel();
  const significand = () => {
    a.lsls(4, 6, 32 - shift);
    a.lsrs(0, 5, shift);
    a.orrs(0, 4);
    a.lsrs(1, 6, shift);
  };
  a.lsls(4, 5, 33 - shift);       // C = the half bit; r4 = the bits below it, at the top
  a.bcond("cs", upper);
  // Below the half: ambiguous within 8 units of it (the top 7 or 6 of those bits all ones).
  a.asrs(4, 4, 26 - (shift - 10));
  a.adds(4, 4, { imm: 1 });
  a.bcond("eq", ambiguous);
  significand();
  a.bind(done);
  if (productAbove2) {
    a.ldrConst(4, IMPLICIT_BIT);
    a.adds(1, 1, 4);
  }
  a.add(1, 12);
  a.addSp(LIMBS_BYTES);
  a.pop(POP_ALL);
  r.later(() => {
    a.bind(upper);
    a.bcond("eq", ambiguous);     // exactly the half: maybe a tie
    significand();
    a.adds(0, 0, { imm: 1 });
    a.bcond("cc", done);
    a.adds(1, 1, { imm: 1 });
    a.b(done);
  });
}

function multiplyWideChunk(): Chunk {
  // (xh 2^16 + xl)(yh 2^16 + yl) = xh yh 2^32 + (xh yl + xl yh) 2^16 + xl yl.
  const r = new Routine();
  const { a } = r;
  a.push([4, LR]);
  a.uxth(2, 0);
  a.lsrs(0, 0, 16);
  a.uxth(3, 1);
  a.lsrs(1, 1, 16);
  a.movsReg(4, 2);
  a.muls(4, 3);                   // xl yl
  a.muls(2, 1);                   // xl yh
  a.muls(3, 0);                   // xh yl
  a.muls(1, 0);                   // xh yh
  a.adds(2, 2, 3);
  const noCarry = a.newLabel();
  a.bcond("cc", noCarry);
  a.movs(3, 1);
  a.lsls(3, 3, 16);
  a.adds(1, 1, 3);
  a.bind(noCarry);
  a.lsls(0, 2, 16);
  a.lsrs(2, 2, 16);
  a.adds(0, 0, 4);
  a.adcs(1, 2);
  a.pop([4, PC]);
  return r.chunk(INTERNAL.multiplyWide);
}

/** Rounds the significand r1:r0 to nearest, ties to even, by `below` (the bits under its
 *  last one: the half bit 31, the rest nonzero if anything lies below it; clobbered), with
 *  `zero` made 0 for the carry; then `finish` (which returns) packs the result. */
export function roundToNearestEven(a: ThumbAssembler, below: number, zero: number, finish: () => void): void {
  const up = a.newLabel(), packed = a.newLabel(), tie = a.newLabel();
  a.movs(zero, 0);
  a.lsls(below, below, 1);        // C = the half bit, Z = nothing below it
  a.bcond("cc", packed);
  a.bcond("eq", tie);
  a.bind(up);
  a.adds(0, 0, { imm: 1 });
  a.adcs(1, zero);                // a carry into bit 53 adds one to the exponent
  a.bind(packed);
  finish();
  a.bind(tie);
  a.lsrs(below, 0, 1);            // C = the last bit: round up only to make it even
  a.bcond("cs", up);
  a.b(packed);
}

// ---------------------------------------------------------------------------------------
// Rounding and packing for the slow paths (division, square root, remainder, the exact
// multiply).

function packChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const nonzero = L(), normalized = L(), bitLoop = L(), subnormal = L(), infinity = L(), zero = L();
  const round = L();

  a.push([4, 5, 6, 7, LR]);
  a.mov(7, 12);
  a.lsrs(7, 7, 31);
  a.lsls(7, 7, 31);               // sign
  a.movsReg(4, 0);
  a.orrs(4, 1);
  a.bcond("ne", nonzero);
  a.cmp(2, { imm: 0 });
  a.bcond("eq", zero);
  a.movsReg(0, 2);
  a.movs(2, 0);
  a.subs(3, 3, { imm: 32 });
  a.bind(nonzero);
  a.lsrs(4, 1, 20);
  a.bcond("ne", normalized);
  // Whole words first while they fit below bit 53, then bit by bit.
  a.cmp(1, { imm: 0 });
  a.bcond("ne", bitLoop);
  a.lsrs(4, 0, 21);
  a.bcond("ne", bitLoop);
  a.movsReg(1, 0);
  a.movsReg(0, 2);
  a.movs(2, 0);
  a.subs(3, 3, { imm: 32 });
  a.lsrs(4, 1, 20);
  a.bcond("ne", normalized);
  a.bind(bitLoop);
  a.adds(2, 2, 2);
  a.adcs(0, 0);
  a.adcs(1, 1);
  a.subs(3, 3, { imm: 1 });
  a.lsrs(4, 1, 20);
  a.bcond("eq", bitLoop);
  a.bind(normalized);
  a.cmp(3, { imm: 0 });
  a.bcond("le", subnormal);
  a.ldrConst(4, EXPONENT_MAX);
  a.cmp(3, 4);
  a.bcond("ge", infinity);
  a.subs(3, 3, { imm: 1 });
  a.lsls(3, 3, EXPONENT_SHIFT);
  a.orrs(3, 7);                   // base
  a.bind(round);
  roundToNearestEven(a, 2, 4, () => {
    a.adds(1, 1, 3);
    a.pop(POP_ALL);
  });

  a.bind(zero);
  a.movs(0, 0);
  a.movsReg(1, 7);
  a.pop(POP_ALL);
  a.bind(infinity);
  returnInfinity(a, 7);

  // E <= 0: shift right by k = 1 - E, keeping what falls off as R and sticky; exponent
  // field 0 (a carry out of the rounding makes it 1, the smallest normal).
  const tiny = L(), small = L();
  a.bind(subnormal);
  a.movs(4, 1);
  a.subs(4, 4, 3);                // k
  a.movsReg(3, 7);                // base = sign
  a.cmp(4, { imm: 64 });
  a.bcond("cs", tiny);
  a.cmp(4, { imm: 32 });
  a.bcond("cc", small);
  a.movsReg(5, 0);
  orSticky(a, 5, 2, 6);
  a.movsReg(2, 5);
  a.movsReg(0, 1);
  a.movs(1, 0);
  a.subs(4, 4, { imm: 32 });
  a.bind(small);
  a.movs(5, 32);
  a.subs(5, 5, 4);                // 32 - k (k = 0 shifts by 32: nothing)
  a.movsReg(6, 2);
  a.lslsReg(6, 5);                // R's bits that fall off
  a.lsrsReg(2, 4);
  orSticky(a, 2, 6, 6);
  a.movsReg(6, 0);
  a.lslsReg(6, 5);
  a.orrs(2, 6);
  a.lsrsReg(0, 4);
  a.movsReg(6, 1);
  a.lslsReg(6, 5);
  a.orrs(0, 6);
  a.lsrsReg(1, 4);
  a.b(round);
  a.bind(tiny);                   // k >= 64: far below half the smallest subnormal, only sticky
  a.movs(0, 0);
  a.movs(1, 0);
  a.movs(2, 1);
  a.b(round);
  return r.chunk(INTERNAL.pack);
}

// ---------------------------------------------------------------------------------------
// Division: one quotient bit per step (non-restoring, 7 instructions), 54 bits, the last
// one the round bit.

function divChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const aSmall = L(), aSpecial = L(), checkB = L(), bSmall = L(), bSpecial = L(), common = L();
  const nan = L(), zero = L(), infinity = L();

  a.push([4, 5, 6, 7, LR]);
  a.movsReg(7, 1);
  a.eors(7, 3);
  a.lsrs(7, 7, 31);
  a.lsls(7, 7, 31);
  a.mov(12, 7);                   // sign, for __rt_dpack
  a.ldrConst(6, EXPONENT_MAX);
  a.lsls(4, 1, 1);
  a.lsrs(4, 4, 21);
  a.bcond("eq", aSmall);
  a.cmp(4, 6);
  a.bcond("eq", aSpecial);
  a.bind(checkB);
  a.lsls(5, 3, 1);
  a.lsrs(5, 5, 21);
  a.bcond("eq", bSmall);
  a.cmp(5, 6);
  a.bcond("eq", bSpecial);
  a.bind(common);
  a.ldrConst(6, IMPLICIT_BIT);
  for (const hi of [1, 3]) {
    a.lsls(hi, hi, 12);
    a.lsrs(hi, hi, 12);
    a.orrs(hi, 6);
  }
  a.subs(4, 4, 5);
  a.ldrConst(5, EXPONENT_BIAS);
  a.adds(4, 4, 5);                // E = ea - eb + 1023
  // The quotient of the significands must be in [1, 2): double the dividend if it is smaller.
  const atLeast = L(), below = L();
  a.cmp(1, 3);
  a.bcond("hi", atLeast);
  a.bcond("cc", below);
  a.cmp(0, 2);
  a.bcond("cs", atLeast);
  a.bind(below);
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.subs(4, 4, { imm: 1 });
  a.bind(atLeast);
  a.mov(14, 4);                   // E (LR is saved)
  // Non-restoring: the remainder r0:r1 may go negative; each step doubles it and subtracts
  // the divisor r2:r3 if it is >= 0, else adds it, and the carry out is the quotient bit.
  // The first bit is 1 (dividend >= divisor); 21 more go into r5 (a marker bit placed at
  // bit 11 carries out after the 21st), then 32 into r4 (marker at bit 0).
  a.subs(0, 0, 2);
  a.sbcs(1, 3);
  a.ldrConst(5, (1 << 11) | 1);
  quotientSteps(a, 5);
  a.movs(4, 1);
  quotientSteps(a, 4);
  // Q = r5:r4 (54 bits): M = Q >> 1, round bit = Q's bit 0, sticky if the remainder is not 0
  // (a negative one is short of a divisor: -divisor means none left).
  const positive = L();
  a.cmp(1, { imm: 0 });
  a.bcond("ge", positive);
  a.adds(0, 0, 2);
  a.adcs(1, 3);
  a.bind(positive);
  a.orrs(0, 1);
  a.lsls(2, 4, 31);
  orSticky(a, 2, 0, 6);
  a.lsrs(0, 4, 1);
  a.lsls(6, 5, 31);
  a.orrs(0, 6);
  a.lsrs(1, 5, 1);
  a.mov(3, 14);
  a.bl(INTERNAL.pack);
  a.pop(POP_ALL);

  r.later(() => {
    // ea = 0: ±0 (NaN for 0/0 and 0/NaN, else ±0) or subnormal.
    const aZero = L();
    a.bind(aSmall);
    a.lsls(5, 1, 12);
    a.orrs(5, 0);
    a.bcond("eq", aZero);
    normalizeSubnormal(a, 0, 1, 4, 5);
    a.b(checkB);
    a.bind(aZero);
    a.lsls(5, 3, 1);
    a.orrs(5, 2);
    a.bcond("eq", nan);
    a.lsls(5, 3, 1);
    a.lsrs(5, 5, 21);
    a.cmp(5, 6);
    a.bcond("ne", zero);
    a.lsls(5, 3, 12);
    a.orrs(5, 2);
    a.bcond("ne", nan);
    a.b(zero);
    // ea = 0x7ff: NaN; Infinity / (Infinity or NaN) is NaN, else Infinity.
    a.bind(aSpecial);
    a.lsls(5, 1, 12);
    a.orrs(5, 0);
    a.bcond("ne", nan);
    a.lsls(5, 3, 1);
    a.lsrs(5, 5, 21);
    a.cmp(5, 6);
    a.bcond("eq", nan);
    a.b(infinity);
    // eb = 0, a finite and not zero: x / ±0 is Infinity.
    a.bind(bSmall);
    a.lsls(6, 3, 12);
    a.orrs(6, 2);
    a.bcond("eq", infinity);
    normalizeSubnormal(a, 2, 3, 5, 6);
    a.b(common);
    // eb = 0x7ff, a finite: x / NaN is NaN, x / Infinity is ±0.
    a.bind(bSpecial);
    a.lsls(5, 3, 12);
    a.orrs(5, 2);
    a.bcond("ne", nan);
    a.bind(zero);
    returnZero(a, 7);
    a.bind(infinity);
    returnInfinity(a, 7);
    a.bind(nan);
    returnNaN(a);
  });
  return r.chunk(SOFT_FLOAT.div);
}

/** Non-restoring division steps on remainder r0:r1 and divisor r2:r3, quotient bits shifted
 *  into `quotient` until its marker bit carries out. */
function quotientSteps(a: ThumbAssembler, quotient: number): void {
  const step = a.newLabel(), negative = a.newLabel(), done = a.newLabel();
  a.bind(step);
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.bcond("mi", negative);
  a.subs(0, 0, 2);
  a.sbcs(1, 3);                   // C = the doubled remainder was >= the divisor
  a.adcs(quotient, quotient);
  a.bcond("cc", step);
  a.b(done);
  a.bind(negative);
  a.adds(0, 0, 2);
  a.adcs(1, 3);                   // C = it came back to >= 0
  a.adcs(quotient, quotient);
  a.bcond("cc", step);
  a.bind(done);
}

// ---------------------------------------------------------------------------------------
// Remainder (JS %, C fmod): exact. The divisor's significand is subtracted from the
// dividend's while shifting it down through the exponent difference, one bit per step.
// Each step takes 7 instructions, so 2^1000 % 3 costs about 7,000.

function modChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const aSmall = L(), bSmall = L(), common = L(), nan = L(), returnA = L();

  a.push([4, 5, 6, 7, LR]);
  a.lsrs(7, 1, 31);
  a.lsls(7, 7, 31);
  a.mov(12, 7);                   // the result has a's sign
  // |a| < |b| (this also covers a = ±0 with b not zero): a itself.
  a.lsls(4, 1, 1);
  a.lsls(5, 3, 1);
  const notSmaller = L();
  a.cmp(4, 5);
  a.bcond("hi", notSmaller);
  a.bcond("cc", returnA);         // unless b is NaN: checked there
  a.cmp(0, 2);
  a.bcond("cs", notSmaller);
  a.b(returnA);
  a.bind(notSmaller);
  a.ldrConst(6, EXPONENT_MAX);
  a.lsrs(4, 4, 21);
  a.cmp(4, 6);
  a.bcond("eq", nan);             // a Infinity or NaN (b is then no larger)
  a.lsrs(5, 5, 21);
  a.bcond("eq", bSmall);          // (a subnormal a comes with a subnormal b)
  a.bind(common);
  a.ldrConst(6, IMPLICIT_BIT);
  for (const hi of [1, 3]) {
    a.lsls(hi, hi, 12);
    a.lsrs(hi, hi, 12);
    a.orrs(hi, 6);
  }
  // Remainder r0:r1, divisor r2:r3, r4 = ea - eb steps after the first subtraction; the
  // same non-restoring steps as the division's, without keeping the quotient.
  a.subs(4, 4, 5);
  a.mov(14, 5);                   // eb: the remainder's exponent
  const step = L(), negative = L(), done = L(), positive = L();
  a.subs(0, 0, 2);
  a.sbcs(1, 3);
  a.cmp(4, { imm: 0 });
  a.bcond("eq", done);
  a.bind(step);
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.bcond("mi", negative);
  a.subs(0, 0, 2);
  a.sbcs(1, 3);
  a.subs(4, 4, { imm: 1 });
  a.bcond("ne", step);
  a.b(done);
  a.bind(negative);
  a.adds(0, 0, 2);
  a.adcs(1, 3);
  a.subs(4, 4, { imm: 1 });
  a.bcond("ne", step);
  a.bind(done);
  a.cmp(1, { imm: 0 });
  a.bcond("ge", positive);
  a.adds(0, 0, 2);                // a negative remainder is short of one divisor
  a.adcs(1, 3);
  a.bind(positive);
  a.movs(2, 0);
  a.mov(3, 14);
  a.bl(INTERNAL.pack);
  a.pop(POP_ALL);

  r.later(() => {
    // |a| < |b| by the raw words: a, unless b is NaN.
    a.bind(returnA);
    a.lsls(5, 3, 1);
    a.ldrConst(6, INFINITY_HIGH_SHIFTED);
    a.cmp(5, 6);
    a.bcond("hi", nan);
    const notNaN = L();
    a.bcond("ne", notNaN);
    a.cmp(2, { imm: 0 });
    a.bcond("ne", nan);
    a.bind(notNaN);
    a.pop(POP_ALL);
    // eb = 0 with |a| >= |b|: b = ±0 gives NaN; a subnormal b is normalized (then a too).
    a.bind(bSmall);
    a.lsls(6, 3, 12);
    a.orrs(6, 2);
    a.bcond("eq", nan);
    normalizeSubnormal(a, 2, 3, 5, 6);
    a.cmp(4, { imm: 0 });
    a.bcond("ne", common);
    a.bind(aSmall);               // a subnormal (not zero: |a| >= |b| > 0)
    normalizeSubnormal(a, 0, 1, 4, 6);
    a.b(common);
    a.bind(nan);
    returnNaN(a);
  });
  return r.chunk(SOFT_FLOAT.mod);
}

// ---------------------------------------------------------------------------------------
// Square root, one result bit per step. With the radicand N = m 2^54 (m the significand,
// made [2^52, 2^54) by an even exponent), the root Q = floor(sqrt N) has 54 bits. For each
// bit b from 2^53 down, with y the root so far, s = 2y and ix = (N - y^2) / b, the bit is
// set when s + b <= ix; then ix -= s + b and s += 2b. ix doubles as b halves.

function sqrtChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const special = L(), subnormal = L(), common = L(), nan = L(), returnX = L();

  a.push([4, 5, 6, 7, LR]);
  a.lsls(4, 1, 1);
  a.lsrs(4, 4, 21);
  a.ldrConst(6, EXPONENT_MAX);
  a.cmp(4, 6);
  a.bcond("eq", special);
  a.lsls(5, 1, 1);
  a.orrs(5, 0);
  a.bcond("eq", returnX);         // ±0
  a.cmp(1, { imm: 0 });
  a.bcond("lt", nan);
  a.cmp(4, { imm: 0 });
  a.bcond("eq", subnormal);
  a.bind(common);
  significandHigh(a, 1, 6);
  // An even unbiased exponent: if e - 1023 is odd, double m.
  const evenExponent = L();
  a.lsrs(5, 4, 1);
  a.bcond("cs", evenExponent);    // e odd <=> e - 1023 even
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.subs(4, 4, { imm: 1 });
  a.bind(evenExponent);
  a.ldrConst(5, EXPONENT_BIAS);
  a.adds(4, 4, 5);
  a.asrs(4, 4, 1);                // E = (e - 1023) / 2 + 1023
  a.mov(14, 4);
  // ix = 2m in r0:r1, s in r2:r3, b in r4.
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.movs(2, 0);
  a.movs(3, 0);
  a.movs(4, 1);
  a.lsls(4, 4, 21);               // b = 2^53: bit 21 of the high word
  const highStep = L(), highKeep = L();
  a.bind(highStep);
  a.adds(6, 3, 4);                // t = s + b (high word; the low word is s's)
  a.subs(5, 0, 2);
  a.movsReg(7, 1);
  a.sbcs(7, 6);
  a.bcond("cc", highKeep);
  a.movsReg(0, 5);
  a.movsReg(1, 7);
  a.adds(3, 6, 4);                // s = t + b
  a.bind(highKeep);
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.lsrs(4, 4, 1);
  a.bcond("ne", highStep);
  a.movs(4, 1);
  a.lsls(4, 4, 31);               // b = 2^31
  const lowStep = L(), lowKeep = L();
  a.bind(lowStep);
  a.adds(6, 2, 4);                // t's low word (s has no bit at b: no carry)
  a.subs(5, 0, 6);
  a.movsReg(7, 1);
  a.sbcs(7, 3);
  a.bcond("cc", lowKeep);
  a.movsReg(0, 5);
  a.movsReg(1, 7);
  a.adds(2, 6, 4);                // s = t + b; carries into the high word only for b = 2^31
  a.bcond("cc", lowKeep);
  a.adds(3, 3, { imm: 1 });
  a.bind(lowKeep);
  a.adds(0, 0, 0);
  a.adcs(1, 1);
  a.lsrs(4, 4, 1);
  a.bcond("ne", lowStep);
  // Q = s / 2: M = s >> 2, round bit = bit 1 of s, sticky if ix is not 0.
  a.orrs(0, 1);
  a.lsls(6, 2, 30);
  orSticky(a, 6, 0, 7);
  a.lsrs(0, 2, 2);
  a.lsls(7, 3, 30);
  a.orrs(0, 7);
  a.lsrs(1, 3, 2);
  a.movsReg(2, 6);
  a.mov(3, 14);
  a.movs(6, 0);
  a.mov(12, 6);
  a.bl(INTERNAL.pack);
  a.pop(POP_ALL);

  r.later(() => {
    a.bind(special);              // NaN -> NaN, +Infinity -> itself, -Infinity -> NaN
    a.lsls(5, 1, 12);
    a.orrs(5, 0);
    a.bcond("ne", nan);
    a.cmp(1, { imm: 0 });
    a.bcond("lt", nan);
    a.bind(returnX);
    a.pop(POP_ALL);
    a.bind(subnormal);
    normalizeSubnormal(a, 0, 1, 4, 5);
    a.b(common);
    a.bind(nan);
    returnNaN(a);
  });
  return r.chunk(SOFT_FLOAT.sqrt);
}

// ---------------------------------------------------------------------------------------
// Comparison.

function compareChunk(): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const unordered = L(), equal = L(), greater = L(), signed = L(), aOrdered = L(), bOrdered = L();
  a.push([4, 5, LR]);
  a.ldrConst(4, INFINITY_HIGH_SHIFTED);
  a.lsls(5, 1, 1);
  a.cmp(5, 4);
  a.bcond("hi", unordered);
  a.bcond("ne", aOrdered);
  a.cmp(0, { imm: 0 });
  a.bcond("ne", unordered);
  a.bind(aOrdered);
  a.lsls(5, 3, 1);
  a.cmp(5, 4);
  a.bcond("hi", unordered);
  a.bcond("ne", bOrdered);
  a.cmp(2, { imm: 0 });
  a.bcond("ne", unordered);
  a.bind(bOrdered);
  a.lsls(4, 1, 1);
  a.orrs(4, 0);
  a.orrs(4, 5);
  a.orrs(4, 2);
  a.bcond("eq", equal);           // +0 == -0
  a.movsReg(4, 1);
  a.eors(4, 3);
  a.bcond("mi", greater);         // signs differ: a > b exactly when a is positive
  const decided = L();
  a.cmp(1, 3);
  a.bcond("ne", decided);
  a.cmp(0, 2);
  a.bind(decided);
  a.bcond("eq", equal);
  a.bcond("hi", greater);         // |a| > |b|
  a.movs(0, 0);
  a.mvns(0, 0);
  a.b(signed);
  a.bind(greater);
  a.movs(0, 1);
  a.bind(signed);                 // both negative: the magnitude order is reversed
  a.cmp(1, { imm: 0 });
  const done = L();
  a.bcond("ge", done);
  a.rsbs(0, 0);
  a.bind(done);
  a.pop([4, 5, PC]);
  a.bind(equal);
  a.movs(0, 0);
  a.pop([4, 5, PC]);
  a.bind(unordered);
  a.movs(0, 2);
  a.pop([4, 5, PC]);
  return r.chunk(SOFT_FLOAT.compare);
}

// ---------------------------------------------------------------------------------------
// Conversions.

function fromIntegerChunk(name: string, signed: boolean): Chunk {
  // Normalize the magnitude to bit 31, then hi = sign + (exponent - 1) << 20 + (m >> 11)
  // (m's top bit is the implicit bit), lo = m << 21. Exact: 32 bits fit in 53.
  const r = new Routine();
  const { a } = r;
  const zero = a.newLabel();
  if (signed) {
    a.asrs(3, 0, 31);
    a.eors(0, 3);
    a.subs(0, 0, 3);              // |x| (-2^31 stays 2^31 as an unsigned word)
    a.lsls(3, 3, 31);
  } else {
    a.movs(3, 0);
  }
  a.cmp(0, { imm: 0 });
  a.bcond("eq", zero);
  a.ldrConst(2, EXPONENT_BIAS + 31 - 1);
  for (const step of [16, 8, 4, 2, 1]) {
    const skip = a.newLabel();
    a.lsrs(1, 0, 32 - step);
    a.bcond("ne", skip);
    a.lsls(0, 0, step);
    a.subs(2, 2, { imm: step });
    a.bind(skip);
  }
  a.lsls(2, 2, EXPONENT_SHIFT);
  a.adds(2, 2, 3);
  a.lsrs(1, 0, 11);
  a.adds(1, 1, 2);
  a.lsls(0, 0, 21);
  a.bx(LR);
  a.bind(zero);
  a.movs(1, 0);
  a.bx(LR);
  return r.chunk(name);
}

function toInt32Chunk(): Chunk {
  // The integer part modulo 2^32: from the significand shifted by p - 52 (p the unbiased
  // exponent); below 1 or from 2^84 up (Infinity, NaN too) the low 32 bits are 0.
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const zero = L(), left = L(), far = L(), sign = L(), done = L();
  a.lsls(2, 1, 1);
  a.lsrs(2, 2, 21);
  a.ldrConst(3, EXPONENT_BIAS);
  a.subs(2, 2, 3);                // p
  a.bcond("mi", zero);
  a.cmp(2, { imm: 84 });
  a.bcond("ge", zero);
  a.mov(12, 1);                   // the sign
  significandHigh(a, 1, 3);
  a.cmp(2, { imm: 52 });
  a.bcond("gt", left);
  a.movs(3, 52);
  a.subs(3, 3, 2);                // s = 52 - p
  a.cmp(3, { imm: 32 });
  a.bcond("cs", far);
  a.lsrsReg(0, 3);
  a.movs(2, 32);
  a.subs(2, 2, 3);
  a.lslsReg(1, 2);                // s = 0 shifts by 32: nothing
  a.orrs(0, 1);
  a.bind(sign);
  a.mov(1, 12);
  a.cmp(1, { imm: 0 });
  a.bcond("ge", done);
  a.rsbs(0, 0);
  a.bind(done);
  a.bx(LR);
  a.bind(far);
  a.subs(3, 3, { imm: 32 });
  a.lsrsReg(1, 3);
  a.movsReg(0, 1);
  a.b(sign);
  a.bind(left);
  a.subs(2, 2, { imm: 52 });
  a.lslsReg(0, 2);
  a.b(sign);
  a.bind(zero);
  a.movs(0, 0);
  a.bx(LR);
  return r.chunk(SOFT_FLOAT.toInt32);
}

// ---------------------------------------------------------------------------------------
// Math.floor / ceil / trunc / round. For 1 <= |x| < 2^52 the f = 1075 - e lowest bits of the
// word pair are the fraction: clear them, then add one unit (2^f, carrying into the exponent
// when the significand overflows, which is right) when the mode rounds the magnitude up.

type RoundingMode = "floor" | "ceil" | "trunc" | "round";

function roundingChunk(name: string, mode: RoundingMode): Chunk {
  const r = new Routine();
  const { a } = r;
  const L = () => a.newLabel();
  const integral = L(), small = L(), returnX = L(), bump = L(), done = L();
  a.push([4, 5, 6, 7, LR]);
  a.lsls(2, 1, 1);
  a.lsrs(2, 2, 21);
  a.ldrConst(3, EXPONENT_INTEGRAL);
  a.cmp(2, 3);
  a.bcond("ge", integral);
  a.ldrConst(3, EXPONENT_BIAS);
  a.cmp(2, 3);
  a.bcond("lt", small);
  a.ldrConst(3, EXPONENT_INTEGRAL);
  a.subs(3, 3, 2);                // f in 1..52
  // unit = 2^f in r2:r3 (a register shift by 32 or more gives 0, also for f - 32 < 0)
  a.movs(2, 1);
  a.lslsReg(2, 3);
  a.subs(3, 3, { imm: 32 });
  a.movs(4, 1);
  a.lslsReg(4, 3);
  a.movsReg(3, 4);
  // mask = unit - 1 in r4:r5, fraction = x & mask in r6:r7
  a.subs(4, 2, { imm: 1 });
  a.movs(6, 0);
  a.movsReg(5, 3);
  a.sbcs(5, 6);
  a.movsReg(6, 0);
  a.ands(6, 4);
  a.movsReg(7, 1);
  a.ands(7, 5);
  a.bics(0, 4);
  a.bics(1, 5);                   // x truncated
  switch (mode) {
    case "trunc":
      break;
    case "floor":
    case "ceil":
      // Up in magnitude when there is a fraction and x is negative (floor) / positive (ceil).
      a.orrs(6, 7);
      a.bcond("eq", done);
      a.cmp(1, { imm: 0 });
      a.bcond(mode === "floor" ? "lt" : "ge", bump);
      break;
    case "round": {
      // Up in magnitude when fraction > half, or = half for a positive x (ties toward +Infinity).
      a.adds(6, 6, 6);
      a.adcs(7, 7);               // 2 * fraction, compared with unit
      const decided = L();
      a.cmp(7, 3);
      a.bcond("ne", decided);
      a.cmp(6, 2);
      a.bind(decided);
      a.bcond("hi", bump);
      a.bcond("ne", done);
      a.cmp(1, { imm: 0 });
      a.bcond("ge", bump);
      break;
    }
  }
  a.bind(done);
  a.pop(POP_ALL);
  a.bind(bump);
  a.adds(0, 0, 2);
  a.adcs(1, 3);
  a.pop(POP_ALL);

  // e >= 1075: already an integer, or Infinity, or NaN.
  a.bind(integral);
  a.ldrConst(3, EXPONENT_MAX);
  a.cmp(2, 3);
  a.bcond("ne", returnX);
  a.lsls(3, 1, 12);
  a.orrs(3, 0);
  a.bcond("eq", returnX);
  returnNaN(a);
  a.bind(returnX);
  a.pop(POP_ALL);

  // |x| < 1 (e < 1023), ±0 included.
  a.bind(small);
  const signedZero = L(), one = L(), minusOne = L();
  a.lsls(3, 1, 1);
  a.orrs(3, 0);
  a.bcond("eq", returnX);         // ±0 stays
  switch (mode) {
    case "trunc":
      break;
    case "floor":
      a.cmp(1, { imm: 0 });
      a.bcond("lt", minusOne);
      break;
    case "ceil":
      a.cmp(1, { imm: 0 });
      a.bcond("ge", one);
      break;
    case "round": {
      // |x| >= 0.5: +1 for positive x; for negative, -1 unless x is exactly -0.5 (then -0).
      a.ldrConst(3, EXPONENT_BIAS - 1);
      a.cmp(2, 3);
      a.bcond("lt", signedZero);
      a.cmp(1, { imm: 0 });
      a.bcond("ge", one);
      a.lsls(3, 1, 12);
      a.orrs(3, 0);
      a.bcond("ne", minusOne);
      break;
    }
  }
  a.bind(signedZero);
  a.lsrs(1, 1, 31);
  a.lsls(1, 1, 31);
  a.movs(0, 0);
  a.pop(POP_ALL);
  if (mode === "ceil" || mode === "round") {
    a.bind(one);
    a.ldrConst(1, ONE_HIGH);
    a.movs(0, 0);
    a.pop(POP_ALL);
  }
  if (mode === "floor" || mode === "round") {
    a.bind(minusOne);
    a.ldrConst(1, (SIGN_BIT | ONE_HIGH) >>> 0);
    a.movs(0, 0);
    a.pop(POP_ALL);
  }
  return r.chunk(name);
}
