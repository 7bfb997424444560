// port.fieldMultiply25519(out, a, b): out = a * b (mod 2^255 - 19) on the 20-limb form of
// sdk/lib/crypto/field25519.ts (limbs of 13 bits, limb 19 of 9 bits, as Uint16Array data;
// the arguments are the three data addresses, tagged). mote-boot (the bare profile) links
// this instead of the generated straight-line code (field-multiply.ts, 11 KB on ARMv6-M):
// ~0.4 KB, and untagged 32-bit column sums need no splitting.
//
// 1. Schoolbook: 400 products of two 13-bit limbs into 39 columns on the stack; a column
//    holds at most 20 products below 2^26, so below 2^31.
// 2. Carries: each column to 13 bits, 40 limbs.
// 3. Fold: limb 20 + k weighs 2^260 = 608 (mod p) times limb k's weight.
// 4. Three passes: carries through limbs 0..18 into limb 19, whose bits from 9 up (2^256 =
//    38 mod p) go back into limb 0. After the first pass limb 19 is below 2^9 but for a
//    carry of at most 1; the second folds that (it can only come through limbs 1..18 all
//    0x1fff, which the carry leaves 0); the third carries limb 0 into limb 1, which then
//    cannot carry further.
// The result has the form the other field operations expect; every comparison goes through
// fieldToBytes, so it need not equal the generated code's limb for limb.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { chunk } from "./runtime.ts";
import { countedLoop } from "./loops.ts";

export const FIELD_MULTIPLY = "port.fieldMultiply25519";
const LIMBS = 20;
const COLUMNS = 2 * LIMBS;
const LIMB_MASK = 0x1fff;
const FOLD_260 = 608;
const FOLD_256 = 38;
const TOP_BITS = 9;

export function fieldMultiplyChunk(): Chunk {
  const a = createAssembler();
  // r0 out, r1 a, r2 b: tagged addresses.
  a.asrs(0, 0, 1);
  a.asrs(1, 1, 1);
  a.asrs(2, 2, 1);
  a.push([0, 4, 5, 6, 7, 14]);       // out, at [sp + the columns] until the end
  a.subSp(4 * COLUMNS);
  a.mov(7, 13);                      // r7: the columns
  // Zero the columns.
  a.movs(3, 0);
  a.mov(0, 7);
  countedLoop(a, 4, COLUMNS, () => a.stm(0, [3]));
  // 1. Products: for each limb of a (r5), 20 unrolled multiply-accumulates into columns
  //    i..i+19 (r0 = &columns[i]); r12 = the end of a.
  a.movs(3, 2 * LIMBS);
  a.adds(3, 3, 1);
  a.mov(12, 3);
  a.mov(0, 7);
  const row = a.newLabel();
  a.bind(row);
  a.ldrh(5, 1, { imm: 0 });
  a.adds(1, 1, { imm: 2 });
  for (let j = 0; j < LIMBS; j++) {
    a.ldrh(3, 2, { imm: 2 * j });
    a.muls(3, 5);
    a.ldr(4, 0, { imm: 4 * j });
    a.adds(4, 4, 3);
    a.str(4, 0, { imm: 4 * j });
  }
  a.adds(0, 0, { imm: 4 });
  a.cmp(1, 12);
  a.bcond("ne", row);
  // 2. Carries through the 40 columns (the product is below 2^512: none leaves the last).
  a.ldrConst(6, LIMB_MASK);
  carries(a, COLUMNS);
  // 3. Fold limbs 20..39 onto 0..19.
  a.ldrConst(5, FOLD_260);
  a.mov(0, 7);
  countedLoop(a, 2, LIMBS, () => {
    a.ldr(4, 0, { imm: 4 * LIMBS });
    a.muls(4, 5);
    a.ldr(3, 0, { imm: 0 });
    a.adds(3, 3, 4);
    a.stm(0, [3]);
  });
  // 4. Three passes of carries and the fold of bits 256 and up.
  countedLoop(a, 1, 3, () => {
    carries(a, LIMBS - 1);
    a.ldr(4, 0, { imm: 0 });         // limb 19
    a.adds(4, 4, 3);
    a.lsrs(3, 4, TOP_BITS);
    a.lsls(4, 4, 32 - TOP_BITS);
    a.lsrs(4, 4, 32 - TOP_BITS);
    a.str(4, 0, { imm: 0 });
    a.movs(4, FOLD_256);
    a.muls(3, 4);
    a.ldr(4, 7, { imm: 0 });
    a.adds(4, 4, 3);
    a.str(4, 7, { imm: 0 });
  });
  // Out, as halfwords.
  a.ldr(0, 13, { imm: 4 * COLUMNS });
  a.mov(1, 7);
  countedLoop(a, 5, LIMBS, () => {
    a.ldm(1, [4]);
    a.strh(4, 0, { imm: 0 });
    a.adds(0, 0, { imm: 2 });
  });
  a.addSp(4 * COLUMNS);
  a.pop([1, 4, 5, 6, 7, 15]);
  return chunk(FIELD_MULTIPLY, a);
}

/** Carries through `count` limbs from the columns' start (r7), each kept to 13 bits (r6 the
 *  mask): r0 ends at the next limb, r3 holds the carry out of the last. */
function carries(a: ThumbAssembler, count: number): void {
  a.mov(0, 7);
  a.movs(3, 0);
  countedLoop(a, 5, count, () => {
    a.ldr(4, 0, { imm: 0 });
    a.adds(4, 4, 3);
    a.lsrs(3, 4, 13);
    a.ands(4, 6);
    a.stm(0, [4]);
  });
}
