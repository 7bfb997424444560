// JS number operations for programs with doubles (sdk/compiler/lower/doubles.ts): the slow
// paths behind the code generator's small-integer fast paths, on IEEE doubles computed by the
// soft-float routines (softfloat.ts). They replace the integer-only versions in runtime.ts.
//
// Values in and out are tagged words. A number's double comes from __rt_todouble (a small
// integer converted, a boxed one loaded); a double result goes back through __rt_dresult,
// which keeps the representation canonical: every integer in the small-integer range except
// -0 is a small integer, everything else is boxed. Code that compares words relies on it.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import * as Panic from "../../../sdk/lib/rt/panic-codes.ts";
import { DESCRIPTOR_NUMBER, FALSE as FALSE_WORD, KIND_NUMBER, NULL as NULL_WORD, NUMBER_HIGH, NUMBER_LOW, NUMBER_SIZE, TRUE as TRUE_WORD, UNDEFINED as UNDEFINED_WORD } from "../../../sdk/compiler/values.ts";
import { EQUALITY_UNORDERED, DOUBLE_ACCUMULATOR, DOUBLE_MATH, F64_WORDS, NUM_OP } from "./num-ops.ts";
import { chunk, tailCall } from "./runtime.ts";
import { SOFT_FLOAT as F } from "./softfloat.ts";


/** After push {r4-r7, lr}: where the caller's return address is. */
const SAVED_LR = 16;
const EXPONENT_BIAS = 1023;
/** High words of the quiet NaN (the one NaN the soft-float makes) and of 1.0. */
const QUIET_NAN_HIGH = 0x7ff80000;
const ONE_HIGH = 0x3ff00000;
/** sdk/lib/rt/heap.ts: a number's block (header + 12 bytes, in 8-byte granules), the header
 *  size, and the flag of a free block. */
const HEAP_BLOCK = 16;
const HEAP_HEADER = 4;
const HEAP_FREE = 4;

/** The routine names this file defines that runtime.ts also defines for integer-only programs. */
export const REPLACED = ["__rt_unbox", "__rt_num_binop", "__rt_mul", "__rt_div", "__rt_idiv", "__rt_mod", "__rt_imul", "__rt_num_compare"];

/** Stops the program with the code in `codeReg`, naming the BL that called the routine (its lr
 *  was saved by push {r4-r7, lr}). */
function panicAtCaller(a: ThumbAssembler, codeReg: 0 | 1 | 2): void {
  a.mov(0, codeReg);
  a.ldr(1, 13, { imm: SAVED_LR });
  a.movs(2, 1);
  a.bics(1, 2);
  a.subs(1, 1, { imm: 4 });
  tailCall(a, "__rt_panic", 3);
}

/** r0 = a value -> r0:r1 its double, as arithmetic converts it (ToNumber: undefined is NaN,
 *  null and false 0, true 1); stops at the caller for other values that are not numbers.
 *  `strict`: numbers only (compares, where undefined === undefined must not become NaN). */
function toDouble(a: ThumbAssembler, bad: ReturnType<ThumbAssembler["newLabel"]>, strict = false): void {
  a.bl(strict ? "__rt_todouble" : "__rt_tonumber");
  a.cmp(2, { imm: 0 });
  a.bcond("ne", bad);
}

/** r0 = x, r1 = y (values) -> x's double in r0:r1, y's in r2:r3 (toDouble); stops at the
 *  caller unless both convert. After push {r4-r7, lr}; uses r4-r6. */
function doubleOperands(a: ThumbAssembler, bad: ReturnType<ThumbAssembler["newLabel"]>, strict = false): void {
  a.mov(6, 1);
  toDouble(a, bad, strict);
  a.mov(4, 0);
  a.mov(5, 1);
  a.mov(0, 6);
  toDouble(a, bad, strict);
  a.mov(2, 0);
  a.mov(3, 1);
  a.mov(0, 4);
  a.mov(1, 5);
}

/** r0 = x, r1 = y (values) -> r4 = ToInt32(x), r0 = ToInt32(y); to `bad` with the panic code in
 *  r1 unless both are numbers. After push {r4-r7, lr}; uses r5. */
function int32Operands(a: ThumbAssembler, bad: ReturnType<ThumbAssembler["newLabel"]>): void {
  a.mov(5, 1);
  a.bl("__rt_unbox");
  a.cmp(1, { imm: 0 });
  a.bcond("ne", bad);
  a.mov(4, 0);
  a.mov(0, 5);
  a.bl("__rt_unbox");
  a.cmp(1, { imm: 0 });
  a.bcond("ne", bad);
}

export function doubleArithmeticChunks(alloc: string): Chunk[] {
  const chunks: Chunk[] = [];
  const routine = (name: string, body: (a: ThumbAssembler) => void) => {
    const a = createAssembler();
    body(a);
    chunks.push(chunk(name, a));
  };

  // __rt_todouble: r0 = value -> r0:r1 = its double, r2 = 0; or r2 = a panic code.
  routine("__rt_todouble", (a) => {
    const notSmall = a.newLabel(), notNumber = a.newLabel();
    a.lsrs(2, 0, 1);
    a.bcond("cc", notSmall);
    a.asrs(0, 0, 1);
    a.push([4, 14]);
    a.bl(F.fromInt32);
    a.movs(2, 0);
    a.pop([4, 15]);
    a.bind(notSmall);
    a.lsls(1, 0, 30);
    a.bcond("ne", notNumber);
    a.cmp(0, { imm: TRUE_WORD });
    a.bcond("ls", notNumber);
    a.ldr(1, 0, { imm: 0 });
    a.ldr(1, 1, { imm: 0 });
    a.cmp(1, { imm: KIND_NUMBER });
    a.bcond("ne", notNumber);
    a.ldr(1, 0, { imm: NUMBER_HIGH });
    a.ldr(0, 0, { imm: NUMBER_LOW });
    a.movs(2, 0);
    a.bx(14);
    a.bind(notNumber);
    a.movs(2, Panic.PANIC_NOT_A_NUMBER);
    a.bx(14);
  });

  // __rt_box_uint32: r0 = a uint32 (raw) -> r0 = its value (a Uint32Array element).
  routine("__rt_box_uint32", (a) => {
    a.push([4, 14]);
    a.bl(F.fromUint32);
    a.bl("__rt_dresult");
    a.pop([4, 15]);
  });

  // __rt_tonumber: like __rt_todouble, but undefined is NaN, null and false are 0, true is 1
  // (ToNumber, as arithmetic applies it); strings and objects still give the panic code.
  routine("__rt_tonumber", (a) => {
    const converted = a.newLabel(), nan = a.newLabel(), one = a.newLabel(), zero = a.newLabel();
    a.push([4, 14]);
    a.bl("__rt_todouble");
    a.cmp(2, { imm: 0 });
    a.bcond("ne", converted);
    a.pop([4, 15]);
    a.bind(converted);
    // __rt_todouble leaves a value that is not a number in r0.
    a.cmp(0, { imm: UNDEFINED_WORD });
    a.bcond("eq", nan);
    a.cmp(0, { imm: TRUE_WORD });
    a.bcond("eq", one);
    a.cmp(0, { imm: NULL_WORD });
    a.bcond("eq", zero);
    a.cmp(0, { imm: FALSE_WORD });
    a.bcond("eq", zero);
    a.pop([4, 15]);
    for (const [label, high] of [[nan, QUIET_NAN_HIGH], [one, ONE_HIGH], [zero, 0]] as const) {
      a.bind(label);
      if (high === 0) a.movs(1, 0);
      else a.ldrConst(1, high);
      a.movs(0, 0);
      a.movs(2, 0);
      a.pop([4, 15]);
    }
  });

  // __rt_dresult: r0:r1 = a double -> r0 = its value: a small integer when it is one (not
  // -0), else a new boxed number.
  routine("__rt_dresult", (a) => {
    const box = a.newLabel(), belowOne = a.newLabel(), positive = a.newLabel(), notMin = a.newLabel();
    a.push([4, 5, 14]);
    a.mov(4, 0);
    a.mov(5, 1);
    // p = the unbiased exponent: |x| is in [2^p, 2^(p+1)).
    a.lsls(2, 1, 1);
    a.lsrs(2, 2, 21);
    a.ldrConst(3, EXPONENT_BIAS);
    a.subs(2, 2, 3);
    a.bcond("mi", belowOne);
    a.cmp(2, { imm: 29 });
    a.bcond("gt", notMin);
    // No fraction bits below 2^0: the low 21 bits of the low word (not in t below) are zero,
    // and t << (p + 1) is zero.
    a.lsls(3, 0, 11);
    a.bcond("ne", box);
    // t = 1.fraction as 32 bits with the point after bit 31.
    a.lsrs(3, 0, 21);
    a.lsls(0, 1, 11);
    a.orrs(0, 3);
    a.movs(3, 1);
    a.lsls(3, 3, 31);
    a.orrs(0, 3);
    a.adds(3, 2, { imm: 1 });
    a.mov(1, 0);
    a.lslsReg(1, 3);
    a.bcond("ne", box);
    a.movs(3, 31);
    a.subs(3, 3, 2);
    a.lsrsReg(0, 3);
    a.cmp(5, { imm: 0 });
    a.bcond("ge", positive);
    a.rsbs(0, 0);
    a.bind(positive);
    a.lsls(0, 0, 1);
    a.adds(0, 0, { imm: 1 });
    a.pop([4, 5, 15]);
    // -2^30, the one small integer with p = 30: 0xc1d00000_00000000.
    a.bind(notMin);
    a.cmp(4, { imm: 0 });
    a.bcond("ne", box);
    a.ldrConst(3, 0xc1d00000);
    a.cmp(5, 3);
    a.bcond("ne", box);
    a.movs(0, 1);
    a.lsls(0, 0, 31);
    a.adds(0, 0, { imm: 1 });
    a.pop([4, 5, 15]);
    // +0 is the small integer 0; -0 and fractions are boxed.
    a.bind(belowOne);
    a.mov(3, 1);
    a.orrs(3, 0);
    a.bcond("ne", box);
    a.movs(0, 1);
    a.pop([4, 5, 15]);
    a.bind(box);
    const allocated = a.newLabel();
    a.bl("__rt_alloc_number");
    a.cmp(0, { imm: 0 });
    a.bcond("ne", allocated);
    a.movs(0, NUMBER_SIZE * 2 + 1);
    a.bl(alloc);
    a.asrs(0, 0, 1);
    a.bind(allocated);
    a.ldrConst(1, { symbol: DESCRIPTOR_NUMBER });
    a.str(1, 0, { imm: 0 });
    a.str(4, 0, { imm: NUMBER_LOW });
    a.str(5, 0, { imm: NUMBER_HIGH });
    a.pop([4, 5, 15]);
  });

  // __rt_alloc_number: r0 = the address of a new 12-byte object that holds no references,
  // or 0 when the quick ways do not apply (then the heap's own alloc decides, and collects).
  // The quick ways are those of sdk/lib/rt/heap.ts for one 16-byte block: the head of the
  // free list, or fresh space below the limit whose start bitmap is already cleared. The
  // heap's variables hold tagged numbers; a free block links to the next by raw address.
  routine("__rt_alloc_number", (a) => {
    const fail = a.newLabel(), fromFree = a.newLabel(), whole = a.newLabel(), taken = a.newLabel();
    const global = (r: 0 | 1 | 2 | 3 | 4 | 5, name: string) => {
      a.ldrConst(r, { symbol: `heap.${name}` });
      a.ldr(r, r, { imm: 0 });
      a.asrs(r, r, 1);
    };
    a.push([4, 5, 14]);
    a.ldrConst(4, { symbol: "heap.freeList" });
    a.ldr(0, 4, { imm: 0 });
    a.cmp(0, { imm: 1 });
    a.bcond("ne", fromFree);
    // Fresh space: bump + 16 within the limit (0 before the heap is set up) and the bitmap.
    a.ldrConst(4, { symbol: "heap.bump" });
    a.ldr(0, 4, { imm: 0 });
    a.asrs(0, 0, 1);
    a.mov(1, 0);
    a.adds(1, 1, { imm: HEAP_BLOCK });
    global(2, "limit");
    a.cmp(1, 2);
    a.bcond("hi", fail);
    global(3, "blocksStart");
    a.subs(5, 1, 3);
    a.lsrs(5, 5, 3);
    a.adds(5, 5, { imm: 7 });
    a.lsrs(5, 5, 3);
    // The bitmap of never-used space is cleared a byte at a time as the bump pointer reaches
    // it (heap.takeFresh); one box needs at most the next byte.
    const cleared = a.newLabel();
    global(2, "clearedGranules");
    a.cmp(5, 2);
    a.bcond("ls", cleared);
    a.adds(2, 2, { imm: 1 });
    a.cmp(5, 2);
    a.bcond("ne", fail);
    global(3, "bitmap");
    a.adds(3, 3, 5);
    a.subs(3, 3, { imm: 1 });
    a.movs(2, 0);
    a.strb(2, 3, { imm: 0 });
    a.ldrConst(3, { symbol: "heap.clearedGranules" });
    a.lsls(2, 5, 1);
    a.adds(2, 2, { imm: 1 });
    a.str(2, 3, { imm: 0 });
    a.bind(cleared);
    a.lsls(2, 1, 1);
    a.adds(2, 2, { imm: 1 });
    a.str(2, 4, { imm: 0 });
    a.movs(2, HEAP_BLOCK);
    a.str(2, 0, { imm: 0 });
    a.b(taken);
    // The free list's first block, if it is big enough: split when the rest can be a block.
    a.bind(fromFree);
    a.asrs(0, 0, 1);
    a.ldr(1, 0, { imm: 0 });
    a.movs(2, 7);
    a.bics(1, 2);                      // available
    a.cmp(1, { imm: HEAP_BLOCK });
    a.bcond("cc", fail);
    a.ldr(5, 0, { imm: HEAP_HEADER }); // next
    a.mov(2, 1);
    a.subs(2, 2, { imm: HEAP_BLOCK });
    a.cmp(2, { imm: HEAP_BLOCK });
    a.bcond("cc", whole);
    a.mov(3, 0);
    a.adds(3, 3, { imm: HEAP_BLOCK });
    a.movs(1, HEAP_FREE);
    a.orrs(1, 2);
    a.str(1, 3, { imm: 0 });
    a.str(5, 3, { imm: HEAP_HEADER });
    a.mov(5, 3);
    a.movs(1, HEAP_BLOCK);
    a.bind(whole);
    a.str(1, 0, { imm: 0 });
    a.lsls(5, 5, 1);
    a.adds(5, 5, { imm: 1 });
    a.str(5, 4, { imm: 0 });
    // The start bit of the block's granule.
    a.bind(taken);
    global(3, "blocksStart");
    a.subs(1, 0, 3);
    a.lsrs(1, 1, 3);
    global(2, "bitmap");
    a.lsrs(3, 1, 3);
    a.adds(2, 2, 3);
    a.movs(3, 7);
    a.ands(1, 3);
    a.movs(3, 1);
    a.lslsReg(3, 1);
    a.ldrb(1, 2, { imm: 0 });
    a.orrs(1, 3);
    a.strb(1, 2, { imm: 0 });
    a.adds(0, 0, { imm: HEAP_HEADER });
    a.pop([4, 5, 15]);
    a.bind(fail);
    a.movs(0, 0);
    a.pop([4, 5, 15]);
  });

  // __rt_unbox: r0 = value -> r0 = ToInt32(ToNumber(value)), r1 = 0; or r1 = a panic code.
  routine("__rt_unbox", (a) => {
    const notSmall = a.newLabel(), bad = a.newLabel();
    a.lsrs(1, 0, 1);
    a.bcond("cc", notSmall);
    a.asrs(0, 0, 1);
    a.movs(1, 0);
    a.bx(14);
    a.bind(notSmall);
    a.push([4, 14]);
    a.bl("__rt_tonumber");
    a.cmp(2, { imm: 0 });
    a.bcond("ne", bad);
    a.bl(F.toInt32);
    a.movs(1, 0);
    a.pop([4, 15]);
    a.bind(bad);
    a.mov(1, 2);
    a.pop([4, 15]);
  });

  // __rt_dop2: r0 = x, r1 = y (values), r2 = a soft-float routine (code address) ->
  // r0 = routine(x, y) as a value. Entered by a tail branch, so lr is the operation's caller.
  routine("__rt_dop2", (a) => {
    const bad = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    a.mov(7, 2);
    doubleOperands(a, bad);
    a.blx(7);
    a.bl("__rt_dresult");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 2);
  });
  const viaDop2 = (a: ThumbAssembler, soft: string) => {
    a.ldrConst(2, { symbol: soft, addend: 1 });
    tailCall(a, "__rt_dop2", 3);
  };

  // __rt_dop1: r0 = x (a value), r1 = a soft-float routine of one double -> r0 = its value.
  routine("__rt_dop1", (a) => {
    const bad = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    a.mov(7, 1);
    toDouble(a, bad);
    a.blx(7);
    a.bl("__rt_dresult");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 2);
  });

  // Math.floor / ceil / round / trunc: a small integer is its own result.
  for (const [name, soft] of [["floor", F.floor], ["ceil", F.ceil], ["round", F.round], ["trunc", F.trunc], ["sqrt", F.sqrt]] as const) {
    routine(DOUBLE_MATH[name], (a) => {
      if (name !== "sqrt") {
        const boxed = a.newLabel();
        a.lsrs(1, 0, 1);
        a.bcond("cc", boxed);
        a.bx(14);
        a.bind(boxed);
      }
      a.ldrConst(1, { symbol: soft, addend: 1 });
      tailCall(a, "__rt_dop1", 3);
    });
  }

  // __rt_num_binop: r0 = x, r1 = y, r2 = NUM_OP code. + and - on doubles; the bitwise
  // operators on ToInt32 of their operands; unary minus flips the sign (0 becomes -0).
  routine("__rt_num_binop", (a) => {
    const notAdd = a.newLabel(), notSub = a.newLabel(), bad = a.newLabel(), negate = a.newLabel();
    a.cmp(2, { imm: NUM_OP.add });
    a.bcond("ne", notAdd);
    viaDop2(a, F.add);
    a.bind(notAdd);
    a.cmp(2, { imm: NUM_OP.sub });
    a.bcond("ne", notSub);
    viaDop2(a, F.sub);
    a.bind(notSub);
    a.push([4, 5, 6, 7, 14]);
    a.mov(6, 2);
    a.mov(7, 1);
    a.cmp(6, { imm: NUM_OP.neg });
    a.bcond("eq", negate);
    int32Operands(a, bad);
    a.mov(5, 0);
    const boxInt = a.newLabel();
    const cases: Array<[number, (a: ThumbAssembler) => void]> = [
      [NUM_OP.and, (a) => { a.mov(0, 4); a.ands(0, 5); }],
      [NUM_OP.or, (a) => { a.mov(0, 4); a.orrs(0, 5); }],
      [NUM_OP.xor, (a) => { a.mov(0, 4); a.eors(0, 5); }],
      [NUM_OP.shl, (a) => { a.movs(1, 31); a.ands(5, 1); a.mov(0, 4); a.lslsReg(0, 5); }],
      [NUM_OP.sar, (a) => { a.movs(1, 31); a.ands(5, 1); a.mov(0, 4); a.asrsReg(0, 5); }],
      [NUM_OP.bitnot, (a) => { a.mvns(0, 4); }],
    ];
    for (const [code, body] of cases) {
      const next = a.newLabel();
      a.cmp(6, { imm: code });
      a.bcond("ne", next);
      body(a);
      a.b(boxInt);
      a.bind(next);
    }
    // x >>> y: an unsigned result of 2^31 or more is a double.
    a.movs(1, 31);
    a.ands(5, 1);
    a.mov(0, 4);
    a.lsrsReg(0, 5);
    a.bcond("pl", boxInt);
    a.bl(F.fromUint32);
    a.bl("__rt_dresult");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(boxInt);
    a.bl("__rt_box");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(negate);
    toDouble(a, bad);
    a.movs(2, 1);
    a.lsls(2, 2, 31);
    a.eors(1, 2);
    a.bl("__rt_dresult");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 1);
  });

  // __rt_mul: x * y. Two small integers whose product is a small integer other than -0
  // multiply in 32 bits: with |x| < 2^15 (swapping if needed), |x|·|y| is |x|·yh·2^15 + |x|·yl
  // for the 15-bit halves of |y|. Everything else is a double product.
  routine("__rt_mul", (a) => {
    const generic = a.newLabel(), giveUp = a.newLabel(), small = a.newLabel(), xPositive = a.newLabel(), yPositive = a.newLabel();
    const nonzero = a.newLabel(), positive = a.newLabel();
    a.mov(2, 0);
    a.ands(2, 1);
    a.lsrs(2, 2, 1);
    a.bcond("cc", generic);
    a.push([4, 5, 6, 14]);
    a.asrs(2, 0, 1);
    a.asrs(3, 1, 1);
    a.movs(4, 0);                      // the number of negative factors
    a.cmp(2, { imm: 0 });
    a.bcond("ge", xPositive);
    a.rsbs(2, 2);
    a.adds(4, 4, { imm: 1 });
    a.bind(xPositive);
    a.cmp(3, { imm: 0 });
    a.bcond("ge", yPositive);
    a.rsbs(3, 3);
    a.adds(4, 4, { imm: 1 });
    a.bind(yPositive);
    a.lsrs(5, 2, 15);
    a.bcond("eq", small);
    a.mov(5, 2);
    a.mov(2, 3);
    a.mov(3, 5);
    a.lsrs(5, 2, 15);
    a.bcond("ne", giveUp);
    a.bind(small);
    a.lsrs(5, 3, 15);
    a.muls(5, 2);                      // |x|·yh
    a.lsrs(6, 5, 15);
    a.bcond("ne", giveUp);
    a.lsls(5, 5, 15);
    a.lsls(3, 3, 17);
    a.lsrs(3, 3, 17);
    a.muls(3, 2);                      // |x|·yl
    a.adds(5, 5, 3);
    a.lsrs(3, 5, 30);
    a.bcond("ne", giveUp);
    a.cmp(5, { imm: 0 });
    a.bcond("ne", nonzero);
    a.cmp(4, { imm: 0 });              // 0 with a negative factor is -0
    a.bcond("ne", giveUp);
    a.bind(nonzero);
    a.lsrs(4, 4, 1);
    a.bcond("cc", positive);
    a.rsbs(5, 5);
    a.bind(positive);
    a.lsls(0, 5, 1);
    a.adds(0, 0, { imm: 1 });
    a.pop([4, 5, 6, 15]);
    // r0 and r1 still hold the operands.
    a.bind(giveUp);
    a.pop([4, 5, 6]);
    a.pop([2]);
    a.mov(14, 2);
    a.bind(generic);
    viaDop2(a, F.mul);
  });

  routine("__rt_div", (a) => viaDop2(a, F.div));

  // __rt_mod: x % y. A non-negative small x and positive small y give the integer remainder;
  // the rest (negative x: a zero remainder is -0; y = 0: NaN; fractions) is fmod.
  routine("__rt_mod", (a) => {
    const generic = a.newLabel();
    a.lsrs(2, 0, 1);
    a.bcond("cc", generic);
    a.lsrs(2, 1, 1);
    a.bcond("cc", generic);
    a.cmp(0, { imm: 0 });
    a.bcond("lt", generic);
    a.cmp(1, { imm: 1 });
    a.bcond("le", generic);
    a.push([4, 14]);
    a.asrs(0, 0, 1);
    a.asrs(1, 1, 1);
    a.bl("__rt_udivmod");
    a.lsls(0, 1, 1);
    a.adds(0, 0, { imm: 1 });
    a.pop([4, 15]);
    a.bind(generic);
    viaDop2(a, F.mod);
  });

  // __rt_idiv: (x / y) | 0 — ToInt32 of the quotient; small operands take the integer
  // routine (renamed __rt_idiv_int here).
  routine("__rt_idiv", (a) => {
    const generic = a.newLabel(), bad = a.newLabel();
    a.mov(2, 0);
    a.ands(2, 1);
    a.lsrs(2, 2, 1);
    a.bcond("cc", generic);
    tailCall(a, "__rt_idiv_int", 3);
    a.bind(generic);
    a.push([4, 5, 6, 7, 14]);
    doubleOperands(a, bad);
    a.bl(F.div);
    a.bl(F.toInt32);
    a.bl("__rt_box");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 2);
  });

  // __rt_imul: Math.imul(x, y) on ToInt32 of both.
  routine("__rt_imul", (a) => {
    const bad = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    int32Operands(a, bad);
    a.muls(0, 4);
    a.bl("__rt_box");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 1);
  });

  // __rt_num_compare: r0 = x, r1 = y, r2 = the answer for an unordered pair -> r0 = -1, 0, 1
  // for x <, ==, > y (raw), or r2 when either is NaN (see the code generator's compare).
  // __rt_num_compare: r0 = x, r1 = y (values), r2 = the answer for an unordered pair ->
  // r0 = -1, 0 or 1 as x < y, x == y, x > y; or r2. For a relational compare the operands go
  // through ToNumber (undefined < 1 is NaN < 1, false); r2 = EQUALITY_UNORDERED marks === and
  // !==, where a value that is not a number equals only itself (undefined === undefined).
  routine("__rt_num_compare", (a) => {
    const bad = a.newLabel(), ordered = a.newLabel(), equality = a.newLabel(), compare = a.newLabel(), notNumber = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    a.mov(7, 2);
    a.cmp(2, { imm: EQUALITY_UNORDERED });
    a.bcond("eq", equality);
    doubleOperands(a, bad);
    a.b(compare);
    a.bind(equality);
    a.push([0, 1]);
    doubleOperands(a, notNumber, true);
    a.addSp(8);
    a.bind(compare);
    a.bl(F.compare);
    a.cmp(0, { imm: 2 });
    a.bcond("ne", ordered);
    a.mov(0, 7);
    a.bind(ordered);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(notNumber);
    a.pop([0, 1]);
    a.subs(0, 0, 1);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 2);
  });

  // __rt_num_truthy: r0 = a boxed number -> r0 = 1 (a tagged 0) when it is ±0 or NaN, else 3.
  routine("__rt_num_truthy", (a) => {
    a.push([4, 14]);
    a.bl("__rt_todouble");
    a.movs(2, 0);
    a.movs(3, 0);
    a.bl(F.compare);
    // -1 and 1 (nonzero) are truthy; 0 (zero) and 2 (NaN) are not.
    a.movs(1, 1);
    a.ands(0, 1);
    a.lsls(0, 0, 1);
    a.adds(0, 0, { imm: 1 });
    a.pop([4, 15]);
  });

  // The double accumulator: a chain of operations on numbers (the lowering's doubleChain)
  // keeps its intermediate results here, unboxed. load(x) sets it to x's double; add(y),
  // sub(y), … set it to acc op y; result() boxes it (or makes it a small integer).
  chunks.push({ name: "__rt_dacc", section: ".bss", bytes: new Uint8Array(8), size: 8, align: 8, relocs: [], kind: "object", module: "rt:armv6m" });
  // An operand's double into r0:r1: a small integer converted, a boxed number loaded (the
  // lowering uses the accumulator for operands typed number only, so a pointer is a number).
  const operandDouble = (a: ThumbAssembler, bad: ReturnType<ThumbAssembler["newLabel"]>) => {
    const small = a.newLabel(), done = a.newLabel(), constant = a.newLabel();
    a.lsrs(2, 0, 1);
    a.bcond("cs", small);
    a.lsls(2, 0, 30);
    a.bcond("ne", constant);
    a.ldr(1, 0, { imm: NUMBER_HIGH });
    a.ldr(0, 0, { imm: NUMBER_LOW });
    a.b(done);
    a.bind(small);
    a.asrs(0, 0, 1);
    a.bl(F.fromInt32);
    a.b(done);
    // undefined (an element read past the end), …: ToNumber.
    a.bind(constant);
    toDouble(a, bad);
    a.bind(done);
  };
  routine(DOUBLE_ACCUMULATOR.load, (a) => {
    const bad = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    operandDouble(a, bad);
    a.ldrConst(2, { symbol: "__rt_dacc" });
    a.stm(2, [0, 1]);
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    a.movs(2, Panic.PANIC_NOT_A_NUMBER);
    panicAtCaller(a, 2);
  });
  for (const [name, soft] of [["add", F.add], ["sub", F.sub], ["mul", F.mul], ["div", F.div], ["mod", F.mod]] as const) {
    routine(DOUBLE_ACCUMULATOR[name], (a) => {
      const bad = a.newLabel();
      a.push([4, 5, 6, 7, 14]);
      operandDouble(a, bad);
      a.mov(2, 0);
      a.mov(3, 1);
      a.ldrConst(7, { symbol: "__rt_dacc" });
      a.ldr(0, 7, { imm: 0 });
      a.ldr(1, 7, { imm: 4 });
      a.bl(soft);
      a.stm(7, [0, 1]);
      a.pop([4, 5, 6, 7, 15]);
      a.bind(bad);
      a.movs(2, Panic.PANIC_NOT_A_NUMBER);
      panicAtCaller(a, 2);
    });
  }
  routine(DOUBLE_ACCUMULATOR.result, (a) => {
    a.push([4, 14]);
    a.ldrConst(2, { symbol: "__rt_dacc" });
    a.ldr(0, 2, { imm: 0 });
    a.ldr(1, 2, { imm: 4 });
    a.bl("__rt_dresult");
    a.pop([4, 15]);
  });

  // f64High(x), f64Low(x): a word of x's encoding, as an int32 value.
  for (const [name, word] of [[F64_WORDS.high, 1], [F64_WORDS.low, 0]] as const) {
    routine(name, (a) => {
      const bad = a.newLabel();
      a.push([4, 5, 6, 7, 14]);
      toDouble(a, bad);
      if (word === 1) a.mov(0, 1);
      a.bl("__rt_box");
      a.pop([4, 5, 6, 7, 15]);
      a.bind(bad);
      panicAtCaller(a, 2);
    });
  }

  // f64FromWords(high, low): the number with that encoding.
  routine(F64_WORDS.fromWords, (a) => {
    const bad = a.newLabel();
    a.push([4, 5, 6, 7, 14]);
    int32Operands(a, bad);
    a.mov(1, 4);
    a.bl("__rt_dresult");
    a.pop([4, 5, 6, 7, 15]);
    a.bind(bad);
    panicAtCaller(a, 1);
  });

  return chunks;
}
