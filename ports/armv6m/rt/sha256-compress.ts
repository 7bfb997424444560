// port.sha256Compress(state, block): one SHA-256 block (FIPS 180-4 §6.2.2) into the state of
// sdk/lib/crypto/sha256.ts (H0..H7 as 16 halves, high first, Uint16Array data); `block` is the
// address of the block's 64 bytes (any alignment: read a byte at a time). Both arguments are
// tagged addresses. mote-boot (the bare profile) links this instead of the device-language
// compression (sha256.ts and block-hash.ts, ~6.8 KB on ARMv6-M, ~41,000 instructions a block
// on the micro:bit, where a 64 KB image is 1,000 blocks): the words are whole 32-bit
// registers here, with RORS for the rotations.
//
// Frame: the working variables a..h at sp (8 words), the schedule W0..W63 after them.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { chunk } from "./runtime.ts";
import { bigEndianWords, countedLoop } from "./loops.ts";
import { SHA512_ROUND_CONSTANTS } from "./sha512-compress.ts";

export const SHA256_COMPRESS = "port.sha256Compress";
const VARS = 8;
const ROUNDS = 64;
const FRAME = 4 * (VARS + ROUNDS);
const W = 4 * VARS;

export function sha256CompressChunks(): Chunk[] {
  const a = createAssembler();
  /** rd = ROTR^n(rm), with r6 for the amount. */
  const rotr = (rd: number, rm: number, n: number) => {
    a.mov(rd, rm);
    a.movs(6, n);
    a.rors(rd, 6);
  };
  a.asrs(0, 0, 1);
  a.asrs(1, 1, 1);
  a.push([0, 4, 5, 6, 7, 14]);       // the state's address, at [sp + FRAME] until the end
  a.subSp(FRAME);
  a.mov(7, 13);
  // W0..W15: the block's words, big-endian.
  a.mov(2, 7);
  a.adds(2, 2, { imm: W });
  bigEndianWords(a, 16);
  // W16..W63 = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; r2 = &W[t-16], r12 = &W[48].
  a.mov(2, 7);
  a.adds(2, 2, { imm: W });
  a.movs(3, 4 * 48);
  a.adds(3, 3, 2);
  a.mov(12, 3);
  const expand = a.newLabel();
  a.bind(expand);
  /** rd = ROTR^m(r3) ^ ROTR^n(r3) ^ SHR^shift(r3), with `spare` for the parts. */
  const sigma = (rd: number, spare: number, m: number, n: number, shift: number) => {
    rotr(rd, 3, m);
    rotr(spare, 3, n);
    a.eors(rd, spare);
    a.lsrs(spare, 3, shift);
    a.eors(rd, spare);
  };
  a.ldr(3, 2, { imm: 4 });           // W[t-15]: σ0 = ROTR7 ^ ROTR18 ^ SHR3
  sigma(4, 5, 7, 18, 3);
  a.ldr(3, 2, { imm: 56 });          // W[t-2]: σ1 = ROTR17 ^ ROTR19 ^ SHR10
  sigma(5, 1, 17, 19, 10);
  a.adds(4, 4, 5);
  a.ldr(3, 2, { imm: 36 });          // W[t-7]
  a.adds(4, 4, 3);
  a.ldr(3, 2, { imm: 0 });           // W[t-16]
  a.adds(4, 4, 3);
  a.str(4, 2, { imm: 64 });
  a.adds(2, 2, { imm: 4 });
  a.cmp(2, 12);
  a.bcond("ne", expand);
  // a..h from the state's halves.
  overStateWords(a, () => a.stm(1, [3]));
  // 64 rounds: r1 = &K[t], r2 = &W[t], r12 = the end of W; a..h at [r7 + 0..28]. SHA-256's
  // K[t] is the high word of SHA-512's (FIPS 180-4 §4.2.2, §4.2.3: the same cube roots, to
  // 32 and 64 bits), so it reads sha512-compress.ts's table, 8 bytes a constant.
  a.ldrConst(1, { symbol: SHA512_ROUND_CONSTANTS });
  a.mov(2, 7);
  a.adds(2, 2, { imm: W });
  a.movs(3, FRAME / 4);
  a.lsls(3, 3, 2);
  a.adds(3, 3, 7);                   // the frame's end: W64
  a.mov(12, 3);
  /** rd = the xor of r3's rotations by `by`, with `spare` for the parts. */
  const bigSigma = (rd: number, spare: number, by: number[]) => {
    rotr(rd, 3, by[0]);
    for (const n of by.slice(1)) {
      rotr(spare, 3, n);
      a.eors(rd, spare);
    }
  };
  const round = a.newLabel();
  a.bind(round);
  a.ldr(3, 7, { imm: 16 });          // e: Σ1 = ROTR6 ^ ROTR11 ^ ROTR25
  bigSigma(4, 5, [6, 11, 25]);
  a.ldr(5, 7, { imm: 20 });          // Ch = g ^ (e & (f ^ g))
  a.ldr(6, 7, { imm: 24 });
  a.eors(5, 6);
  a.ands(5, 3);
  a.eors(5, 6);
  a.adds(4, 4, 5);
  a.ldr(5, 7, { imm: 28 });          // + h
  a.adds(4, 4, 5);
  a.ldr(5, 1, { imm: 0 });           // + K[t]
  a.adds(1, 1, { imm: 8 });
  a.adds(4, 4, 5);
  a.ldm(2, [5]);                     // + W[t]: T1
  a.adds(4, 4, 5);
  a.ldr(5, 7, { imm: 24 });          // h = g, g = f, f = e, e = d + T1
  a.str(5, 7, { imm: 28 });
  a.ldr(5, 7, { imm: 20 });
  a.str(5, 7, { imm: 24 });
  a.str(3, 7, { imm: 20 });
  a.ldr(5, 7, { imm: 12 });
  a.adds(5, 5, 4);
  a.str(5, 7, { imm: 16 });
  a.ldr(3, 7, { imm: 0 });           // a: Σ0 = ROTR2 ^ ROTR13 ^ ROTR22
  bigSigma(5, 0, [2, 13, 22]);
  a.adds(4, 4, 5);
  a.ldr(5, 7, { imm: 4 });           // b
  a.ldr(6, 7, { imm: 8 });           // c
  a.str(6, 7, { imm: 12 });          // d = c, c = b, b = a
  a.str(5, 7, { imm: 8 });
  a.str(3, 7, { imm: 4 });
  a.mov(0, 3);                       // Maj = (a & b) | (c & (a | b))
  a.ands(0, 5);
  a.orrs(3, 5);
  a.ands(3, 6);
  a.orrs(3, 0);
  a.adds(4, 4, 3);
  a.str(4, 7, { imm: 0 });           // a = T1 + T2
  a.cmp(2, 12);
  a.bcond("ne", round);
  // H += a..h, back into the halves.
  overStateWords(a, () => {
    a.ldm(1, [4]);
    a.adds(3, 3, 4);
    a.strh(3, 0, { imm: 2 });
    a.lsrs(3, 3, 16);
    a.strh(3, 0, { imm: 0 });
  });
  a.addSp(FRAME);
  a.pop([1, 4, 5, 6, 7, 15]);
  return [chunk(SHA256_COMPRESS, a)];
}

/** For H0..H7: r0 at the word's two halves, r3 the word, r1 stepping through a..h (r7);
 *  `body` does the rest. */
function overStateWords(a: ThumbAssembler, body: () => void): void {
  a.ldr(0, 13, { imm: FRAME });
  a.mov(1, 7);
  countedLoop(a, 5, VARS, () => {
    a.ldrh(3, 0, { imm: 0 });
    a.lsls(3, 3, 16);
    a.ldrh(4, 0, { imm: 2 });
    a.orrs(3, 4);
    body();
    a.adds(0, 0, { imm: 4 });
  });
}
