// port.sha512Compress(state, block): one SHA-512 block (FIPS 180-4 §6.4.2) into the state of
// sdk/lib/crypto/sha512.ts (H0..H7 as 32 16-bit limbs, most significant first, Uint16Array
// data); `block` is the address of the block's 128 bytes (any alignment: read a byte at a
// time). Both arguments are tagged addresses. mote-boot (the bare profile) links this instead
// of the device-language compression (sha512.ts, ~5.8 KB on ARMv6-M). Ed25519 verification
// hashes one or two blocks, so this is written for size, not speed: every σ/Σ goes through
// one subroutine (`sigma`) that xors three 64-bit rotations or shifts, and the working
// variables a..h move down one place a round.
//
// A 64-bit word is two registers or two stack words, high word first ([hi, lo]: LDM gives
// the high half in the lower register). Frame: a..h at r7 + 0..63, the schedule W0..W79
// after them.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { chunk, data } from "./runtime.ts";
import { bigEndianWords, countedLoop } from "./loops.ts";

export const SHA512_COMPRESS = "port.sha512Compress";
/** K0..K79, each as its high word and then its low word (sha256-compress.ts reads the high
 *  words: SHA-256's constants). */
export const SHA512_ROUND_CONSTANTS = "__rt_sha512_k";
const ROUNDS = 80;
const VARS_BYTES = 64;
const W = VARS_BYTES;
const FRAME = VARS_BYTES + 8 * ROUNDS;
/** In `sigma`'s amounts: this bit makes the amount a shift right instead of a rotation. */
const SHIFT = 0x40;

/** σ0, σ1, Σ0, Σ1 (FIPS 180-4 §4.1.3) as `sigma`'s three packed amounts. */
const SMALL_SIGMA_0 = amounts(1, 8, 7 | SHIFT);
const SMALL_SIGMA_1 = amounts(19, 61, 6 | SHIFT);
const BIG_SIGMA_0 = amounts(28, 34, 39);
const BIG_SIGMA_1 = amounts(14, 18, 41);

function amounts(first: number, second: number, third: number): number {
  return first | (second << 8) | (third << 16);
}

/** K0..K79 (FIPS 180-4 §4.2.3): the first 64 bits of the fractional parts of the cube roots
 *  of the first 80 primes, computed here rather than copied (test/boards checks the digests
 *  against node:crypto). */
export function sha512RoundConstants(): bigint[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < ROUNDS; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes.map((p) => integerCubeRoot(BigInt(p) << 192n) & ((1n << 64n) - 1n));
}

/** floor(cbrt(x)), by Newton's method from above. */
function integerCubeRoot(x: bigint): bigint {
  let root = 1n << BigInt(Math.ceil(x.toString(2).length / 3) + 1);
  for (;;) {
    const next = (2n * root + x / (root * root)) / 3n;
    if (next >= root) return root;
    root = next;
  }
}

export function sha512CompressChunks(): Chunk[] {
  const a = createAssembler();
  const sigma = a.newLabel();
  a.asrs(0, 0, 1);
  a.asrs(1, 1, 1);
  a.push([0, 4, 5, 6, 7, 14]);       // the state's address, at [sp + FRAME] until the end
  a.subSp(FRAME / 2);
  a.subSp(FRAME / 2);
  a.mov(7, 13);
  // W0..W15: the block's 32 words, big-endian, in order (so each 64-bit word is [hi, lo]).
  a.mov(2, 7);
  a.adds(2, 2, { imm: W });
  bigEndianWords(a, 32);
  // W16..W79 = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; r6 = &W[t-16], r4 = &W[64].
  a.mov(6, 7);
  a.adds(6, 6, { imm: W });
  a.movs(4, 64);
  a.lsls(4, 4, 3);
  a.adds(4, 4, 6);
  const expand = a.newLabel();
  a.bind(expand);
  a.ldr(2, 6, { imm: 8 });           // σ0(W[t-15])
  a.ldr(3, 6, { imm: 12 });
  a.ldrConst(1, SMALL_SIGMA_0);
  a.bl(sigma);
  a.ldm(6, [2, 3]);                  // + W[t-16]; r6 = &W[t-15] from here
  add64(a);
  a.ldr(2, 6, { imm: 64 });          // + W[t-7]
  a.ldr(3, 6, { imm: 68 });
  add64(a);
  a.str(0, 6, { imm: 120 });         // W[t] holds the sum so far
  a.str(1, 6, { imm: 124 });
  a.ldr(2, 6, { imm: 104 });         // σ1(W[t-2])
  a.ldr(3, 6, { imm: 108 });
  a.ldrConst(1, SMALL_SIGMA_1);
  a.bl(sigma);
  a.ldr(2, 6, { imm: 120 });
  a.ldr(3, 6, { imm: 124 });
  add64(a);
  a.str(0, 6, { imm: 120 });
  a.str(1, 6, { imm: 124 });
  a.cmp(6, 4);
  a.bcond("ne", expand);
  // a..h from the state.
  overStateWords(a, () => a.stm(1, [2, 3]));
  // 80 rounds; r5 = 8t.
  a.movs(5, 0);
  const round = a.newLabel();
  a.bind(round);
  a.ldr(2, 7, { imm: 32 });          // Σ1(e)
  a.ldr(3, 7, { imm: 36 });
  a.ldrConst(1, BIG_SIGMA_1);
  a.bl(sigma);
  a.ldr(4, 7, { imm: 40 });          // + Ch(e, f, g) = g ^ (e & (f ^ g)), high then low
  a.ldr(6, 7, { imm: 48 });
  a.eors(4, 6);
  a.ands(4, 2);
  a.eors(4, 6);
  a.ldr(6, 7, { imm: 44 });
  a.ldr(2, 7, { imm: 52 });
  a.eors(6, 2);
  a.ands(6, 3);
  a.eors(6, 2);
  a.adds(1, 1, 6);
  a.adcs(0, 4);
  a.ldr(2, 7, { imm: 56 });          // + h
  a.ldr(3, 7, { imm: 60 });
  add64(a);
  a.ldrConst(6, { symbol: SHA512_ROUND_CONSTANTS }); // + K[t]
  a.adds(6, 6, 5);
  a.ldm(6, [2, 3]);
  add64(a);
  a.mov(6, 7);                       // + W[t]: T1, kept in h's place
  a.adds(6, 6, { imm: W });
  a.adds(6, 6, 5);
  a.ldm(6, [2, 3]);
  add64(a);
  a.str(0, 7, { imm: 56 });
  a.str(1, 7, { imm: 60 });
  a.ldr(2, 7, { imm: 0 });           // Σ0(a)
  a.ldr(3, 7, { imm: 4 });
  a.ldrConst(1, BIG_SIGMA_0);
  a.bl(sigma);
  // + Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), high then low: T2.
  for (const half of [0, 4]) {
    const x = half === 0 ? 2 : 3;
    a.ldr(4, 7, { imm: 8 + half });
    a.ldr(6, 7, { imm: 16 + half });
    a.eors(6, 4);
    a.eors(x, 4);
    a.ands(x, 6);
    a.eors(x, 4);
  }
  add64(a);
  a.ldr(2, 7, { imm: 56 });          // T1
  a.ldr(3, 7, { imm: 60 });
  // b..h = a..g: the words move up 8 bytes, last first.
  a.mov(6, 7);
  a.adds(6, 6, { imm: 56 });
  const move = a.newLabel();
  a.bind(move);
  a.subs(6, 6, { imm: 4 });
  a.ldr(4, 6, { imm: 0 });
  a.str(4, 6, { imm: 8 });
  a.cmp(6, 7);
  a.bcond("ne", move);
  add64(a);                          // a = T1 + T2
  a.str(0, 7, { imm: 0 });
  a.str(1, 7, { imm: 4 });
  a.ldr(4, 7, { imm: 32 });          // e = d + T1 (d is in e's place now)
  a.ldr(6, 7, { imm: 36 });
  a.adds(6, 6, 3);
  a.adcs(4, 2);
  a.str(4, 7, { imm: 32 });
  a.str(6, 7, { imm: 36 });
  a.adds(5, 5, { imm: 8 });
  a.movs(6, ROUNDS);
  a.lsls(6, 6, 3);
  a.cmp(5, 6);
  a.bcond("ne", round);
  // H += a..h, back into the limbs.
  overStateWords(a, () => {
    a.ldm(1, [4, 5]);
    a.adds(3, 3, 5);
    a.adcs(2, 4);
    for (const [x, at] of [[2, 0], [3, 4]]) {
      a.strh(x, 0, { imm: at + 2 });
      a.lsrs(x, x, 16);
      a.strh(x, 0, { imm: at });
    }
  });
  a.addSp(FRAME / 2);
  a.addSp(FRAME / 2);
  a.pop([1, 4, 5, 6, 7, 15]);

  // sigma: r0:r1 (high:low) = the xor of three rotations right (or a shift right, with
  // SHIFT) of r2:r3 by the amounts packed in r1's bytes (low byte first). Keeps r2..r7.
  a.bind(sigma);
  a.push([4, 5, 6, 7, 14]);
  a.mov(12, 1);
  a.movs(0, 0);
  a.movs(1, 0);
  const next = a.newLabel(), swapped = a.newLabel(), rotation = a.newLabel();
  a.bind(next);
  a.mov(4, 12);                      // n, the amount's low 6 bits
  a.lsls(4, 4, 26);
  a.lsrs(4, 4, 26);
  a.mov(5, 2);
  a.mov(6, 3);
  a.cmp(4, { imm: 32 });
  a.bcond("cc", swapped);            // ROTR^n = ROTR^(n-32) of the halves swapped
  a.mov(5, 3);
  a.mov(6, 2);
  a.subs(4, 4, { imm: 32 });
  a.bind(swapped);
  a.rors(5, 4);                      // each half rotated on its own; the top n bits of each
  a.rors(6, 4);                      // belong to the other: swapped under the mask ~m
  a.movs(7, 0);
  a.mvns(7, 7);
  a.lsrsReg(7, 4);                   // m = ~0 >>> n
  a.mov(4, 5);
  a.eors(4, 6);
  a.bics(4, 7);
  a.eors(5, 4);
  a.eors(6, 4);
  a.mov(4, 12);
  a.lsls(4, 4, 25);                  // SHIFT: the high half's top n bits are zeros
  a.bcond("pl", rotation);
  a.ands(5, 7);
  a.bind(rotation);
  a.eors(0, 5);
  a.eors(1, 6);
  a.mov(4, 12);
  a.lsrs(4, 4, 8);
  a.mov(12, 4);
  a.bcond("ne", next);
  a.pop([4, 5, 6, 7, 15]);

  const table = new Uint8Array(8 * ROUNDS);
  const view = new DataView(table.buffer);
  sha512RoundConstants().forEach((k, i) => {
    view.setUint32(8 * i, Number(k >> 32n), true);
    view.setUint32(8 * i + 4, Number(k & 0xffffffffn), true);
  });
  return [chunk(SHA512_COMPRESS, a), data(SHA512_ROUND_CONSTANTS, table)];
}

/** r0:r1 += r2:r3 (64 bits, high:low). */
function add64(a: ThumbAssembler): void {
  a.adds(1, 1, 3);
  a.adcs(0, 2);
}

/** For H0..H7: r0 at the word's four limbs, r2:r3 the word, r1 stepping through a..h (r7);
 *  `body` does the rest. */
function overStateWords(a: ThumbAssembler, body: () => void): void {
  a.ldr(0, 13, { imm: FRAME });
  a.mov(1, 7);
  countedLoop(a, 6, 8, () => {
    for (const [x, at] of [[2, 0], [3, 4]]) {
      a.ldrh(x, 0, { imm: at });
      a.lsls(x, x, 16);
      a.ldrh(4, 0, { imm: at + 2 });
      a.orrs(x, 4);
    }
    body();
    a.adds(0, 0, { imm: 8 });
  });
}
