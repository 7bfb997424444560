// The soft-float routines (ports/armv6m/rt/softfloat.ts) against Node, bit for bit, on the
// simulated boards: QEMU mps2-an385 (Cortex-M3) and microbit (Cortex-M0).
//
// One image per board holds the routines and a small harness. The harness reads operand
// records from a host file through semihosting (SYS_OPEN/SYS_READ), calls the routine each
// record names with the AEABI register convention, checks that r4-r11 and sp came back
// unchanged, and writes the results to another host file (SYS_WRITE). The host computes
// the expected values with JS's own operators: the records come from a fixed-seed PRNG with
// a large share of edge cases (zeros, subnormals, infinities, NaNs, powers of two, values
// around 2^31, 2^32, 2^52, 2^53, cancellations, overflow and underflow, rounding ties and
// near-ties), at least 10,000 per operation.
//
// A second part counts the instructions of one call of each routine with QEMU's counting
// plugin (a run of N identical calls minus a run of N calls to an empty routine), dmul and
// dadd also over the operands of the float bench (x = x * 1.0000001 + 0.5).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { board as microbit } from "../../boards/microbit/board.ts";
import { board as mps2 } from "../../boards/mps2-an385/board.ts";
import type { Board } from "../../boards/types.ts";
import { SOFT_FLOAT, softFloatChunks } from "../../ports/armv6m/rt/softfloat.ts";
import { GENERIC_MULTIPLY, doubleMultiply } from "../../ports/armv7m/rt/double-multiply.ts";
import { createAssembler } from "../../sdk/compiler/asm/thumb.ts";
import { LR, type ThumbAssembler } from "../../sdk/compiler/asm/types.ts";
import { writeElf } from "../../sdk/compiler/emit/elf.ts";
import { link } from "../../sdk/compiler/link/link.ts";
import type { Chunk } from "../../sdk/compiler/link/types.ts";
import { bootImageOf, qemuAvailable, qemuTarget } from "../../sdk/sim/index.ts";

const SEED = 0x5eed_f10a;
const PER_OPERATION = 12_000;
const CANONICAL_NAN = 0x7ff8000000000000n;

const hasQemu = qemuAvailable();
if (!hasQemu) console.warn("NOTICE: qemu-system-arm is not installed; the soft-float board tests are skipped");

const workDir = mkdtempSync(path.join(tmpdir(), "mote-softfloat-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------
// Doubles as bits.

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bitsOf = (x: number): bigint => { f64[0] = x; return u64[0]; };
const valueOf = (bits: bigint): number => { u64[0] = BigInt.asUintN(64, bits); return f64[0]; };
const hex64 = (bits: bigint) => `0x${bits.toString(16).padStart(16, "0")}`;
const hex32 = (word: number) => `0x${(word >>> 0).toString(16).padStart(8, "0")}`;

/** sfc32: a small fast PRNG with a 128-bit state, fine for test data. */
class Random {
  private a: number; private b: number; private c: number; private d = 1;
  constructor(seed: number) {
    this.a = seed >>> 0; this.b = 0x9e3779b9; this.c = 0x243f6a88;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  below(n: number): number { return Math.floor((this.u32() / 2 ** 32) * n); }
  between(lo: number, hi: number): number { return lo + this.below(hi - lo + 1); }
  chance(p: number): boolean { return this.u32() / 2 ** 32 < p; }
  pick<T>(items: readonly T[]): T { return items[this.below(items.length)]; }
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
  /** A random significand fraction (52 bits). */
  fraction(): bigint { return this.u64() & ((1n << 52n) - 1n); }
}

const makeDouble = (sign: number, exponent: number, fraction: bigint): bigint =>
  (BigInt(sign) << 63n) | (BigInt(exponent) << 52n) | fraction;

const SPECIAL_BITS: bigint[] = [
  0n, 1n, 2n, 3n, 0x000fffffffffffffn, 0x000ffffffffffffen, 0x0008000000000000n, 0x0010000000000000n,
  0x0010000000000001n, 0x001fffffffffffffn, 0x7fefffffffffffffn, 0x7feffffffffffffen, 0x7fe0000000000000n,
  0x7ff0000000000000n, CANONICAL_NAN, 0x7ff0000000000001n, 0x7fffffffffffffffn, 0x7ff8000000001234n,
  0x3ff0000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn, 0x3fe0000000000000n, 0x4000000000000000n,
].flatMap((bits) => [bits, bits | (1n << 63n)]);

const SPECIAL_VALUES: number[] = [
  0.5, 1.5, 2.5, 3, 10, 0.1, 1 / 3, Math.PI, Math.E, 0.49999999999999994, 1.0000001, 0.3,
  2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1, 2 ** 31 - 0.5, 2 ** 31 + 0.5, 2 ** 32, 2 ** 32 - 1, 2 ** 32 + 1, 2 ** 32 - 0.5,
  2 ** 52, 2 ** 52 - 1, 2 ** 52 + 1, 2 ** 52 - 0.5, 2 ** 52 + 0.5, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 54,
  2 ** 63, 2 ** 64, 2 ** 84, 2 ** 85, 2 ** 84 + 2 ** 33, 1e300, 1e-300, 1e308, 2 ** -1022, 2 ** -1074, 2 ** 1023,
  4503599627370495.5, 0.7, 123456789.123,
].flatMap((x) => [x, -x]);

const ALL_SPECIALS: bigint[] = [...SPECIAL_BITS, ...SPECIAL_VALUES.map(bitsOf)];

/** Any double, weighted towards the interesting ones. */
function anyDouble(rng: Random): bigint {
  const sign = rng.below(2);
  switch (rng.below(10)) {
    case 0: return rng.u64();                                             // anything, NaNs included
    case 1: return makeDouble(sign, 0, rng.fraction() >> BigInt(rng.below(52)));  // subnormal
    case 2: case 3: return rng.pick(ALL_SPECIALS);
    case 4: return makeDouble(sign, rng.between(1, 2046), 0n);            // a power of two
    case 5: return shortSignificand(rng, rng.between(1, 2046));
    case 6: return neighbour(rng, rng.pick(ALL_SPECIALS));
    default: return makeDouble(sign, rng.between(1, 2046), rng.fraction());
  }
}

/** A double with few significand bits (products and sums of those are often exact or ties). */
function shortSignificand(rng: Random, exponent: number): bigint {
  const bits = rng.between(1, 30);
  const fraction = (rng.fraction() >> BigInt(52 - bits)) << BigInt(52 - bits);
  return makeDouble(rng.below(2), Math.max(0, Math.min(2046, exponent)), fraction);
}

/** The same double a few units in the last place away (same sign, may cross binades). */
function neighbour(rng: Random, bits: bigint): bigint {
  const step = BigInt(rng.between(-3, 3));
  const magnitude = (bits & ((1n << 63n) - 1n)) + step;
  if (magnitude < 0n || magnitude >= 0x7ff0000000000000n) return bits;
  return (bits & (1n << 63n)) | magnitude;
}

/** A normal double with its exponent in [lo, hi] (clamped to the normal range). */
function normalIn(rng: Random, lo: number, hi: number): bigint {
  const exponent = Math.max(1, Math.min(2046, rng.between(lo, hi)));
  return makeDouble(rng.below(2), exponent, rng.fraction());
}

const exponentOf = (bits: bigint) => Number((bits >> 52n) & 0x7ffn);
const negate = (bits: bigint) => bits ^ (1n << 63n);
const withSign = (bits: bigint, sign: number) => (bits & ((1n << 63n) - 1n)) | (BigInt(sign) << 63n);

/** x^-1 modulo 2^bits for odd x (Newton's iteration doubles the correct low bits each step). */
function inverseModPowerOfTwo(x: bigint, bits: bigint): bigint {
  const modulus = 1n << bits;
  let inverse = x;                        // correct to 3 bits for odd x
  for (let i = 0; i < 6; i++) inverse = (inverse * (2n - x * inverse)) % modulus;
  return (inverse + modulus) % modulus;
}

/**
 * Significands A (odd) and B whose exact product lies at a chosen small distance from a
 * rounding boundary: B = t / A modulo 2^s makes A*B's low s bits equal t = half + offset.
 * The offsets reach a few units of dmul's 64-bit estimate (2^42 here) on both sides of the
 * half, and include exact ties.
 */
function nearTieProduct(rng: Random): [bigint, bigint] {
  const FRACTION = (1n << 52n) - 1n, ESTIMATE_UNIT = 1n << 42n;
  for (;;) {
    let a = (1n << 52n) | rng.fraction() | 1n;
    if (rng.chance(0.5)) a |= rng.fraction();                 // dense ones: the estimate errs most
    const s = rng.chance(0.5) ? 53n : 52n;                     // 53: the product is in [2, 4)
    const modulus = 1n << s;
    const offset = rng.chance(0.1) ? 0n : BigInt(rng.between(-24, 24)) * ESTIMATE_UNIT + BigInt(rng.between(-3, 3)) * BigInt(rng.u32());
    const t = (((1n << (s - 1n)) + offset) % modulus + modulus) % modulus;
    let b = (t * inverseModPowerOfTwo(a, s)) % modulus;
    if (s === 52n) b |= 1n << 52n;
    if (b < 1n << 52n) continue;
    if ((a * b >= 1n << 105n) !== (s === 53n)) continue;
    const ea = rng.between(900, 1100), eb = rng.between(900, 1100);
    return [makeDouble(rng.below(2), ea, a & FRACTION), makeDouble(rng.below(2), eb, b & FRACTION)];
  }
}

/** Odd 27-bit integers times powers of two: products with 54 significant bits, exact ties. */
function tieProduct(rng: Random): [bigint, bigint] {
  const odd = () => BigInt((rng.u32() & 0x3ffffff) | 0x4000001);
  const scale = (m: bigint, exponent: number) => {
    const value = Number(m) * 2 ** exponent;
    return bitsOf(rng.chance(0.5) ? value : -value);
  };
  const low = rng.chance(0.3);    // sometimes into the subnormal range
  return [scale(odd(), low ? rng.between(-560, -520) : rng.between(-60, 60)),
    scale(odd(), low ? rng.between(-560, -520) : rng.between(-60, 60))];
}

// ---------------------------------------------------------------------------------------
// The operations: what the board runs and what Node says.

interface Operation {
  name: string;
  symbol: string;
  /** Whether b (r2:r3) is an operand. */
  binary: boolean;
  /** "double": r0:r1 is a double; "word": r0 is an int32/uint32. */
  input: "double" | "int32" | "uint32";
  output: "double" | "int32";
  expected(a: number, b: number): number;
  pairs(rng: Random): [bigint, bigint];
}

function binaryPairs(rng: Random, specific: (rng: Random) => [bigint, bigint]): [bigint, bigint] {
  const r = rng.below(10);
  if (r < 4) return [anyDouble(rng), anyDouble(rng)];
  return specific(rng);
}

function addPairs(rng: Random): [bigint, bigint] {
  const a = rng.chance(0.8) ? normalIn(rng, 1, 2046) : anyDouble(rng);
  const ea = exponentOf(a);
  switch (rng.below(9)) {
    case 0: return [a, negate(neighbour(rng, a))];                               // cancellation
    case 8: { const s = rng.pick(ALL_SPECIALS); return [s, negate(neighbour(rng, s))]; }
    case 1: return [a, withSign(neighbour(rng, a), rng.below(2))];
    case 2: return [a, normalIn(rng, ea - rng.between(0, 70), ea - rng.between(0, 3))]; // alignment
    case 3: return [a, makeDouble(rng.below(2), ea, rng.fraction())];            // same exponent
    case 4: return [normalIn(rng, 2040, 2046), normalIn(rng, 2040, 2046)];     // overflow
    case 5: return [anyDouble(rng), makeDouble(rng.below(2), rng.below(2), rng.fraction())]; // subnormals
    case 6: return [shortSignificand(rng, ea), shortSignificand(rng, ea - rng.between(0, 60))];
    default: return [normalIn(rng, 1, 60), normalIn(rng, 1, 60)];
  }
}

function mulPairs(rng: Random): [bigint, bigint] {
  switch (rng.below(8)) {
    case 0: return nearTieProduct(rng);
    case 1: return tieProduct(rng);
    case 2: { const ea = rng.between(1, 2046); return [normalIn(rng, ea, ea), normalIn(rng, 3069 - ea - 4, 3069 - ea + 4)]; } // overflow edge
    case 3: { const ea = rng.between(1, 2046); return [normalIn(rng, ea, ea), normalIn(rng, 1023 - ea - 60, 1023 - ea + 3)]; } // underflow
    case 4: return [anyDouble(rng), makeDouble(rng.below(2), 0, rng.fraction() >> BigInt(rng.below(52)))];
    case 5: return [shortSignificand(rng, rng.between(900, 1100)), shortSignificand(rng, rng.between(900, 1100))];
    default: return [normalIn(rng, 500, 1500), normalIn(rng, 500, 1500)];
  }
}

function divPairs(rng: Random): [bigint, bigint] {
  switch (rng.below(7)) {
    case 0: {  // exact quotients
      const b = shortSignificand(rng, rng.between(900, 1100));
      const q = rng.between(1, 1 << 20) * (rng.chance(0.5) ? 1 : -1);
      return [bitsOf(valueOf(b) * q), b];
    }
    case 1: {  // subnormal quotients with few bits: ties at the subnormal rounding point
      const a = bitsOf(rng.between(1, 1 << 12) * 2 ** rng.between(-1090, -1060));
      return [a, bitsOf(2 ** rng.between(0, 20) * (rng.chance(0.5) ? 1 : -1))];
    }
    case 2: { const ea = rng.between(1, 2046); return [normalIn(rng, ea, ea), normalIn(rng, ea - 1023 - 3, ea - 1023 + 60)]; } // underflow
    case 3: { const ea = rng.between(1, 2046); return [normalIn(rng, ea, ea), normalIn(rng, ea - 1023 - 60, ea - 1023 + 3)]; } // overflow
    case 4: return [anyDouble(rng), makeDouble(rng.below(2), 0, rng.fraction() >> BigInt(rng.below(52)))];
    default: return [normalIn(rng, 700, 1300), normalIn(rng, 700, 1300)];
  }
}

function modPairs(rng: Random): [bigint, bigint] {
  switch (rng.below(8)) {
    case 0: return [bitsOf(rng.between(-1000, 1000) + (rng.chance(0.3) ? 0.5 : 0)), bitsOf(rng.between(-50, 50) || 7)];
    case 1: { const b = normalIn(rng, 900, 1100); return [bitsOf(valueOf(b) * rng.between(-99, 99)), b]; } // exact multiples
    case 2: { const b = anyDouble(rng); return [b, rng.pick([0x7ff0000000000000n, 0xfff0000000000000n, 0n, 1n << 63n])]; }
    case 3: return [normalIn(rng, 1, 2046), normalIn(rng, 1, 2046)];                      // gaps up to 2045
    case 4: return [anyDouble(rng), makeDouble(rng.below(2), rng.below(2), rng.fraction() >> BigInt(rng.below(52)))];
    default: { const ea = rng.between(40, 2000); return [normalIn(rng, ea, ea), normalIn(rng, ea - rng.between(0, 60), ea)]; }
  }
}

function comparePairs(rng: Random): [bigint, bigint] {
  const a = anyDouble(rng);
  switch (rng.below(5)) {
    case 0: return [a, a];
    case 1: return [a, neighbour(rng, a)];
    case 2: return [a, negate(a)];
    default: return [a, anyDouble(rng)];
  }
}

function sqrtInput(rng: Random): bigint {
  switch (rng.below(6)) {
    case 0: { const root = rng.between(1, 1 << 26) * 2 ** rng.between(-500, 400); return bitsOf(root * root); } // perfect squares
    case 1: return anyDouble(rng);
    case 2: return makeDouble(0, 0, rng.fraction() >> BigInt(rng.below(52)));
    case 3: return neighbour(rng, bitsOf(rng.pick([1, 2, 4, 0.25, 9, 2 ** 1022, 2 ** -1022])));
    default: return normalIn(rng, 1, 2046) & ~(1n << 63n);
  }
}

function toInt32Input(rng: Random): bigint {
  switch (rng.below(6)) {
    case 0: return anyDouble(rng);
    case 1: return normalIn(rng, 1023 + 28, 1023 + 90);
    case 2: return neighbour(rng, bitsOf(rng.pick([2 ** 31, -(2 ** 31), 2 ** 32, -(2 ** 32), 2 ** 52, 2 ** 53, 2 ** 84, -(2 ** 84), 2 ** 85, 0.5, 1])));
    case 3: return bitsOf((rng.u32() | 0) + (rng.chance(0.5) ? rng.u32() / 2 ** 32 : 0));
    default: return normalIn(rng, 1000, 1023 + 60);
  }
}

function roundingInput(rng: Random): bigint {
  switch (rng.below(7)) {
    case 0: return anyDouble(rng);
    case 1: return bitsOf((rng.between(-1e6, 1e6) + 0.5) * 2 ** -rng.between(0, 3)); // halves, quarters
    case 2: return neighbour(rng, bitsOf(rng.pick([0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1, -1, 2 ** 52, -(2 ** 52), 2 ** 53, 0.49999999999999994])));
    case 3: return makeDouble(rng.below(2), rng.between(1000, 1022), rng.fraction());   // |x| < 1
    case 4: return makeDouble(rng.below(2), 0, rng.fraction());
    default: return normalIn(rng, 1023, 1023 + 55);
  }
}

const toInt32 = (x: number) => x | 0;
const compare = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : a === b ? 0 : 2);

const OPERATIONS: Operation[] = [
  { name: "dadd", binary: true, symbol: SOFT_FLOAT.add, input: "double", output: "double", expected: (a, b) => a + b, pairs: (r) => binaryPairs(r, addPairs) },
  { name: "dsub", binary: true, symbol: SOFT_FLOAT.sub, input: "double", output: "double", expected: (a, b) => a - b, pairs: (r) => binaryPairs(r, addPairs) },
  { name: "dmul", binary: true, symbol: SOFT_FLOAT.mul, input: "double", output: "double", expected: (a, b) => a * b, pairs: (r) => binaryPairs(r, mulPairs) },
  { name: "ddiv", binary: true, symbol: SOFT_FLOAT.div, input: "double", output: "double", expected: (a, b) => a / b, pairs: (r) => binaryPairs(r, divPairs) },
  { name: "dmod", binary: true, symbol: SOFT_FLOAT.mod, input: "double", output: "double", expected: (a, b) => a % b, pairs: (r) => binaryPairs(r, modPairs) },
  { name: "dcmp", binary: true, symbol: SOFT_FLOAT.compare, input: "double", output: "int32", expected: compare, pairs: comparePairs },
  { name: "dsqrt", binary: false, symbol: SOFT_FLOAT.sqrt, input: "double", output: "double", expected: (a) => Math.sqrt(a), pairs: (r) => [sqrtInput(r), 0n] },
  { name: "i2d", binary: false, symbol: SOFT_FLOAT.fromInt32, input: "int32", output: "double", expected: (a) => a, pairs: (r) => [BigInt(wordInput(r)), 0n] },
  { name: "u2d", binary: false, symbol: SOFT_FLOAT.fromUint32, input: "uint32", output: "double", expected: (a) => a, pairs: (r) => [BigInt(wordInput(r)), 0n] },
  { name: "d2i", binary: false, symbol: SOFT_FLOAT.toInt32, input: "double", output: "int32", expected: toInt32, pairs: (r) => [toInt32Input(r), 0n] },
  { name: "dfloor", binary: false, symbol: SOFT_FLOAT.floor, input: "double", output: "double", expected: Math.floor, pairs: (r) => [roundingInput(r), 0n] },
  { name: "dceil", binary: false, symbol: SOFT_FLOAT.ceil, input: "double", output: "double", expected: Math.ceil, pairs: (r) => [roundingInput(r), 0n] },
  { name: "dtrunc", binary: false, symbol: SOFT_FLOAT.trunc, input: "double", output: "double", expected: Math.trunc, pairs: (r) => [roundingInput(r), 0n] },
  { name: "dround", binary: false, symbol: SOFT_FLOAT.round, input: "double", output: "double", expected: Math.round, pairs: (r) => [roundingInput(r), 0n] },
];

/** A 32-bit word (as an unsigned number) for the integer conversions. */
function wordInput(rng: Random): number {
  switch (rng.below(5)) {
    case 0: return rng.pick([0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x40000000, 0x00100000]);
    case 1: return ((1 << rng.below(32)) + rng.between(-2, 2)) >>> 0;
    case 2: return rng.u32() >>> rng.below(32);
    default: return rng.u32();
  }
}

// ---------------------------------------------------------------------------------------
// The board harness.

/** Arm "Semihosting for AArch32 and AArch64": operation numbers, open modes, exit reason. */
const SYS_OPEN = 0x01, SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_EXIT_EXTENDED = 0x20;
const OPEN_READ_BINARY = 1, OPEN_WRITE_BINARY = 5;
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
const SEMIHOSTING_BKPT = 0xab;

/** Record: routine index, a.lo, a.hi, b.lo, b.hi. Result: r0, r1, callee-saved damage bits. */
const RECORD_WORDS = 5, RESULT_WORDS = 3;
const RECORDS_PER_BLOCK = 128;
const EXIT_FAULT = 3, EXIT_OPEN_FAILED = 4;
/** Values r4-r11 hold across each call; a routine must give them back. */
const CANARIES = [0x44444444, 0x55555555, 0x66666666, 0x77777777, 0x88888888, 0x99999999, 0xaaaaaaaa, 0xbbbbbbbb];
const DAMAGED_SP = 0x100;

/** Harness state in .bss: handles, the semihosting parameter block, saved loop registers. */
const STATE = { inHandle: 0, outHandle: 4, params: 16, record: 32, result: 36, left: 40, sp: 44, size: 64 };

/** The routines a record can name: the soft-float ones, then `nop` (for padding and counting). */
const ROUTINES = [...OPERATIONS.map((op) => op.symbol), "harness.nop"];
const NOP_INDEX = ROUTINES.length - 1;

function object(name: string, section: Chunk["section"], bytes: Uint8Array, relocs: Chunk["relocs"] = []): Chunk {
  return { name, section, bytes, size: bytes.length, align: 4, relocs, kind: "object", module: "test:harness" };
}

function words(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(bytes.buffer).setUint32(i * 4, v >>> 0, true));
  return bytes;
}

function harnessChunks(inputPath: string, outputPath: string): Chunk[] {
  const func = (name: string, emit: (a: ThumbAssembler) => void): Chunk => {
    const a = createAssembler();
    emit(a);
    const code = a.finish();
    return { name, section: ".text", bytes: code.bytes, size: code.bytes.length, align: 4, relocs: code.relocs, kind: "func", module: "test:harness" };
  };
  const cString = (text: string) => new Uint8Array([...Buffer.from(text, "utf8"), 0]);
  const openArgs = (name: string, mode: number, file: string) =>
    object(name, ".rodata", words(0, mode, Buffer.byteLength(file)), [{ offset: 0, kind: "abs32", symbol: `${name}.path`, addend: 0 }]);
  const exit = (a: ThumbAssembler, args: string) => {
    a.movs(0, SYS_EXIT_EXTENDED);
    a.ldrConst(1, { symbol: args });
    a.bkpt(SEMIHOSTING_BKPT);
    const hang = a.newLabel();
    a.bind(hang);
    a.b(hang);
  };
  // Semihosting call with the parameter block at state.params: words p0, p1, p2.
  const call = (a: ThumbAssembler, operation: number, p0: (reg: number) => void, p1: number | string, p2: number) => {
    a.ldrConst(7, { symbol: "harness.state" });
    p0(0);
    a.str(0, 7, { imm: STATE.params });
    a.ldrConst(0, typeof p1 === "number" ? p1 : { symbol: p1 });
    a.str(0, 7, { imm: STATE.params + 4 });
    a.ldrConst(0, p2);
    a.str(0, 7, { imm: STATE.params + 8 });
    a.movs(0, operation);
    a.movsReg(1, 7);
    a.adds(1, 1, { imm: STATE.params });
    a.bkpt(SEMIHOSTING_BKPT);
  };

  const reset = func("harness.reset", (a) => {
    const failed = a.newLabel(), block = a.newLabel(), record = a.newLabel(), finish = a.newLabel();
    for (const [args, slot] of [["harness.openIn", STATE.inHandle], ["harness.openOut", STATE.outHandle]] as const) {
      a.movs(0, SYS_OPEN);
      a.ldrConst(1, { symbol: args });
      a.bkpt(SEMIHOSTING_BKPT);
      a.cmp(0, { imm: 0 });
      a.bcond("lt", failed);
      a.ldrConst(7, { symbol: "harness.state" });
      a.str(0, 7, { imm: slot });
    }
    a.bind(block);
    call(a, SYS_READ, (reg) => a.ldr(reg, 7, { imm: STATE.inHandle }), "harness.in", RECORDS_PER_BLOCK * RECORD_WORDS * 4);
    a.cmp(0, { imm: 0 });
    a.bcond("ne", finish);        // end of the input (it is padded to whole blocks)
    a.ldrConst(4, { symbol: "harness.in" });
    a.ldrConst(5, { symbol: "harness.out" });
    a.movs(6, RECORDS_PER_BLOCK);
    a.bind(record);
    a.ldrConst(7, { symbol: "harness.state" });
    a.str(4, 7, { imm: STATE.record });
    a.str(5, 7, { imm: STATE.result });
    a.str(6, 7, { imm: STATE.left });
    a.mov(0, 13);
    a.str(0, 7, { imm: STATE.sp });
    a.ldr(0, 4, { imm: 0 });
    a.lsls(0, 0, 2);
    a.ldrConst(1, { symbol: "harness.routines" });
    a.ldr(0, 1, 0);
    a.mov(12, 0);
    for (let i = 4; i < 8; i++) {
      a.ldrConst(0, CANARIES[i]);
      a.mov(4 + i, 0);            // r8-r11
    }
    a.ldr(0, 4, { imm: 4 });
    a.ldr(1, 4, { imm: 8 });
    a.ldr(2, 4, { imm: 12 });
    a.ldr(3, 4, { imm: 16 });
    for (let i = 0; i < 4; i++) a.ldrConst(4 + i, CANARIES[i]);
    a.blx(12);
    // r2 = damage bits: bit i for r(4+i), DAMAGED_SP for sp.
    a.movs(2, 0);
    for (let i = 0; i < 8; i++) {
      const same = a.newLabel();
      if (i >= 4) a.mov(4, 4 + i);  // r4 is checked already: it carries r8-r11 to the compare
      a.ldrConst(3, CANARIES[i]);
      a.cmp(i >= 4 ? 4 : 4 + i, 3);
      a.bcond("eq", same);
      a.adds(2, 2, { imm: 1 << i });
      a.bind(same);
    }
    {
      const same = a.newLabel();
      a.ldrConst(7, { symbol: "harness.state" });
      a.ldr(3, 7, { imm: STATE.sp });
      a.mov(4, 13);
      a.cmp(3, 4);
      a.bcond("eq", same);
      a.ldrConst(3, DAMAGED_SP);
      a.orrs(2, 3);
      a.bind(same);
    }
    a.ldr(4, 7, { imm: STATE.record });
    a.ldr(5, 7, { imm: STATE.result });
    a.ldr(6, 7, { imm: STATE.left });
    a.str(0, 5, { imm: 0 });
    a.str(1, 5, { imm: 4 });
    a.str(2, 5, { imm: 8 });
    a.adds(4, 4, { imm: RECORD_WORDS * 4 });
    a.adds(5, 5, { imm: RESULT_WORDS * 4 });
    a.subs(6, 6, { imm: 1 });
    a.bcond("ne", record);
    call(a, SYS_WRITE, (reg) => a.ldr(reg, 7, { imm: STATE.outHandle }), "harness.out", RECORDS_PER_BLOCK * RESULT_WORDS * 4);
    a.b(block);
    a.bind(finish);
    exit(a, "harness.exitOk");
    a.bind(failed);
    exit(a, "harness.exitOpenFailed");
  });
  const fault = func("harness.fault", (a) => exit(a, "harness.exitFault"));
  const nop = func("harness.nop", (a) => a.bx(LR));

  const vectors = new Uint8Array(16 * 4);
  const vectorRelocs: Chunk["relocs"] = [{ offset: 0, kind: "abs32", symbol: "__stack_top", addend: 0 }];
  for (let i = 1; i < 16; i++) vectorRelocs.push({ offset: 4 * i, kind: "abs32", symbol: i === 1 ? "harness.reset" : "harness.fault", addend: 1 });
  return [
    object("__vectors", ".vectors", vectors, vectorRelocs),
    reset, fault, nop,
    object("harness.routines", ".rodata", new Uint8Array(ROUTINES.length * 4),
      ROUTINES.map((symbol, i) => ({ offset: 4 * i, kind: "abs32" as const, symbol, addend: 1 }))),
    openArgs("harness.openIn", OPEN_READ_BINARY, inputPath),
    object("harness.openIn.path", ".rodata", cString(inputPath)),
    openArgs("harness.openOut", OPEN_WRITE_BINARY, outputPath),
    object("harness.openOut.path", ".rodata", cString(outputPath)),
    object("harness.exitOk", ".rodata", words(ADP_STOPPED_APPLICATION_EXIT, 0)),
    object("harness.exitFault", ".rodata", words(ADP_STOPPED_APPLICATION_EXIT, EXIT_FAULT)),
    object("harness.exitOpenFailed", ".rodata", words(ADP_STOPPED_APPLICATION_EXIT, EXIT_OPEN_FAILED)),
    { ...object("harness.state", ".bss", new Uint8Array(0)), size: STATE.size },
    { ...object("harness.in", ".bss", new Uint8Array(0)), size: RECORDS_PER_BLOCK * RECORD_WORDS * 4 },
    { ...object("harness.out", ".bss", new Uint8Array(0)), size: RECORDS_PER_BLOCK * RESULT_WORDS * 4 },
  ];
}

interface Call { routine: number; a: bigint; b: bigint }
interface Outcome { r0: number; r1: number; damage: number }

/** The routines as the board's port links them: on Cortex-M3/M4 the ARMv7-M multiply
 *  (ports/armv7m/rt/double-multiply.ts) in front of the ARMv6-M one. */
function routinesFor(board: Board): Chunk[] {
  const chunks = softFloatChunks();
  if (board.chip.cpu !== "cortex-m3" && board.chip.cpu !== "cortex-m4") return chunks;
  return [...chunks.map((c) => (c.name === SOFT_FLOAT.mul ? { ...c, name: GENERIC_MULTIPLY } : c)), doubleMultiply()];
}

/** Runs the calls on the board; returns their results and the instruction count if asked. */
async function runOnBoard(board: Board, name: string, calls: Call[], countInstructions = false) {
  const inputPath = path.join(workDir, `${board.id}-${name}.in`);
  const outputPath = path.join(workDir, `${board.id}-${name}.out`);
  const elfPath = path.join(workDir, `${board.id}-${name}.elf`);
  const padded = Math.ceil(calls.length / RECORDS_PER_BLOCK) * RECORDS_PER_BLOCK;
  const input = new DataView(new ArrayBuffer(padded * RECORD_WORDS * 4));
  for (let i = 0; i < padded; i++) {
    const call = calls[i] ?? { routine: NOP_INDEX, a: 0n, b: 0n };
    const at = i * RECORD_WORDS * 4;
    input.setUint32(at, call.routine, true);
    input.setBigUint64(at + 4, BigInt.asUintN(64, call.a), true);
    input.setBigUint64(at + 12, BigInt.asUintN(64, call.b), true);
  }
  writeFileSync(inputPath, new Uint8Array(input.buffer));
  writeFileSync(outputPath, "");
  const image = link([...harnessChunks(inputPath, outputPath), ...routinesFor(board)], {
    flash: board.chip.flash, ram: board.chip.ram, vectorTableOffset: board.chip.vectorTableOffset, stackSize: 1024,
  }, { entry: "harness.reset" });
  writeFileSync(elfPath, writeElf(image, { cpu: board.chip.cpu }));
  const result = await qemuTarget.run({ board, image: bootImageOf(image, elfPath), timeoutMs: 100_000, countInstructions });
  expect(result.simulatorLog, `${board.id}: QEMU said`).toBe("");
  expect(result.reason, `${board.id}: the run ended by ${result.reason}`).toBe("exit");
  expect(result.exitCode, `${board.id}: exit code (${EXIT_FAULT}: a fault, ${EXIT_OPEN_FAILED}: a file did not open)`).toBe(0);
  const output = new DataView(readFileSync(outputPath).buffer.slice(0));
  expect(output.byteLength).toBe(padded * RESULT_WORDS * 4);
  const outcomes: Outcome[] = [];
  for (let i = 0; i < calls.length; i++) {
    const at = i * RESULT_WORDS * 4;
    outcomes.push({ r0: output.getUint32(at, true), r1: output.getUint32(at + 4, true), damage: output.getUint32(at + 8, true) });
  }
  return { outcomes, instructions: result.instructions };
}

// ---------------------------------------------------------------------------------------
// Expected results.

interface Vector { operation: Operation; routine: number; a: bigint; b: bigint; random?: boolean }

/** Every special value against every other (binary operations) or on its own (unary), then
 *  the random cases. */
function buildVectors(): Vector[] {
  const rng = new Random(SEED);
  const vectors: Vector[] = [];
  OPERATIONS.forEach((operation, routine) => {
    if (operation.input === "double") {
      for (const a of ALL_SPECIALS) {
        for (const b of operation.binary ? ALL_SPECIALS : [0n]) vectors.push({ operation, routine, a, b });
      }
    }
    for (let i = 0; i < PER_OPERATION; i++) {
      const [a, b] = operation.pairs(rng);
      vectors.push({ operation, routine, a, b, random: true });
    }
  });
  return vectors;
}

function argument(vector: Vector, which: "a" | "b"): number {
  const bits = vector[which];
  if (which === "a" && vector.operation.input === "int32") return Number(BigInt.asIntN(32, bits));
  if (which === "a" && vector.operation.input === "uint32") return Number(BigInt.asUintN(32, bits));
  return valueOf(bits);
}

/** Node's NaN results are whatever the x86 hardware made (a payload, 0xfff8…); the device
 *  returns the canonical quiet NaN for all of them. */
function expectedBits(vector: Vector): { bits: bigint; nodeBits: bigint } {
  const value = vector.operation.expected(argument(vector, "a"), argument(vector, "b"));
  if (vector.operation.output === "int32") return { bits: BigInt.asUintN(32, BigInt(value)), nodeBits: 0n };
  const nodeBits = bitsOf(value);
  return { bits: Number.isNaN(value) ? CANONICAL_NAN : nodeBits, nodeBits };
}

function describeOperand(vector: Vector, which: "a" | "b"): string {
  const bits = vector[which];
  if (which === "a" && vector.operation.input !== "double") return `${hex32(Number(BigInt.asUintN(32, bits)))} (${argument(vector, "a")})`;
  return `${hex64(BigInt.asUintN(64, bits))} (${valueOf(bits)})`;
}

const vectors = buildVectors();

describe.each([[mps2.id, mps2], [microbit.id, microbit]] as const)("soft-float on %s", (_id, board) => {
  it.runIf(hasQemu)(`matches Node bit for bit (seed ${hex32(SEED)}, ${PER_OPERATION} cases per operation)`, async () => {
    const { outcomes } = await runOnBoard(board, "diff", vectors.map((v) => ({ routine: v.routine, a: v.a, b: v.b })));
    const mismatches: string[] = [];
    const perOperation = new Map<string, number>();
    vectors.forEach((vector, i) => {
      const outcome = outcomes[i];
      const { bits } = expectedBits(vector);
      const actual = vector.operation.output === "int32"
        ? BigInt(outcome.r0)
        : (BigInt(outcome.r1) << 32n) | BigInt(outcome.r0);
      const wrong = actual !== bits || outcome.damage !== 0;
      if (!wrong) return;
      perOperation.set(vector.operation.name, (perOperation.get(vector.operation.name) ?? 0) + 1);
      if (mismatches.length >= 40) return;
      const show = (value: bigint) => vector.operation.output === "int32"
        ? `${hex32(Number(value))} (${Number(BigInt.asIntN(32, value))})`
        : `${hex64(value)} (${valueOf(value)})`;
      mismatches.push(
        `${vector.operation.name}(${describeOperand(vector, "a")}${vector.operation.binary ? `, ${describeOperand(vector, "b")}` : ""}): ` +
        `expected ${show(bits)}, board ${show(actual)}` +
        (outcome.damage ? `, callee-saved registers damaged: ${hex32(outcome.damage)}` : ""));
    });
    const summary = [...perOperation].map(([name, count]) => `${name}: ${count}`).join(", ");
    expect(mismatches, `${board.id}, seed ${hex32(SEED)}: mismatches (${summary})\n${mismatches.join("\n")}`).toEqual([]);
  });
});

describe("the expected values", () => {
  it("use the canonical NaN wherever Node's result is NaN, whatever bits Node had", () => {
    let nodeNaNs = 0, nonCanonical = 0;
    for (const vector of vectors) {
      if (vector.operation.output !== "double") continue;
      const { bits, nodeBits } = expectedBits(vector);
      if (!Number.isNaN(valueOf(nodeBits))) continue;
      nodeNaNs++;
      expect(bits).toBe(CANONICAL_NAN);
      if (nodeBits !== CANONICAL_NAN) nonCanonical++;
    }
    expect(nodeNaNs).toBeGreaterThan(1000);
    console.log(`Node produced ${nodeNaNs} NaN results, ${nonCanonical} of them not 0x7ff8000000000000 (payloads or 0xfff8…); the device must give the canonical one`);
  });

  it("cover every operation with at least 10,000 random cases besides the special values", () => {
    for (const operation of OPERATIONS) {
      expect(vectors.filter((v) => v.operation === operation && v.random).length).toBeGreaterThanOrEqual(10_000);
    }
  });
});

describe("instruction counts", () => {
  it.runIf(hasQemu)("of one call on normal operands (mps2-an385), and the routine sizes", async () => {
    const N = 1024;
    const index = (symbol: string) => ROUTINES.indexOf(symbol);
    const repeat = (routine: number, a: bigint, b: bigint): Call[] => Array.from({ length: N }, () => ({ routine, a, b }));
    const count = async (name: string, calls: Call[]) => (await runOnBoard(mps2, name, calls, true)).instructions!;
    const base = await count("count-nop", repeat(NOP_INDEX, 0n, 0n));
    // The nop routine is one instruction (BX LR); each routine's own count includes its return.
    const perCall = async (name: string, calls: Call[]) => (await count(name, calls) - base) / N + 1;
    const one = (symbol: string, a: number, b = 0) => perCall(symbol, repeat(index(symbol), bitsOf(a), bitsOf(b)));
    // The float bench: x = x * 1.0000001 + 0.5, 100,000 times from 1; N of its steps, spread out.
    const xs: number[] = [];
    for (let i = 0, x = 1; i < 100_000; i++) {
      if (i % 97 === 0 && xs.length < N) xs.push(x);
      x = x * 1.0000001 + 0.5;
    }
    const bench = (symbol: string, make: (x: number) => [number, number]) =>
      perCall(`${symbol}-bench`, xs.map((x) => { const [a, b] = make(x); return { routine: index(symbol), a: bitsOf(a), b: bitsOf(b) }; }));
    const counts: Array<[string, number]> = [
      ["dmul 1234.5678 * 1.0000001", await one(SOFT_FLOAT.mul, 1234.5678, 1.0000001)],
      ["dadd 1234.5678 + 0.5", await one(SOFT_FLOAT.add, 1234.5678, 0.5)],
      ["dmul over the bench's operands (mean)", await bench(SOFT_FLOAT.mul, (x) => [x, 1.0000001])],
      ["dadd over the bench's operands (mean)", await bench(SOFT_FLOAT.add, (x) => [x * 1.0000001, 0.5])],
      ["dsub 1234.5678 - 0.3", await one(SOFT_FLOAT.sub, 1234.5678, 0.3)],
      ["ddiv 1234.5678 / 0.3", await one(SOFT_FLOAT.div, 1234.5678, 0.3)],
      ["dmod 1234.5678 % 0.3", await one(SOFT_FLOAT.mod, 1234.5678, 0.3)],
      ["dsqrt 1234.5678", await one(SOFT_FLOAT.sqrt, 1234.5678)],
      ["dcmp 1234.5678 ? 0.3", await one(SOFT_FLOAT.compare, 1234.5678, 0.3)],
      ["i2d -123456", await perCall("i2d", repeat(index(SOFT_FLOAT.fromInt32), BigInt(-123456 >>> 0), 0n))],
      ["d2i 1234.5678", await one(SOFT_FLOAT.toInt32, 1234.5678)],
      ["dfloor -1234.5678", await one(SOFT_FLOAT.floor, -1234.5678)],
      ["dround 1234.5678", await one(SOFT_FLOAT.round, 1234.5678)],
    ];
    const sizes = softFloatChunks().map((chunk) => `${chunk.name} ${chunk.size}`).join(", ");
    console.log(`instructions per call:\n${counts.map(([what, n]) => `  ${what}: ${Number(n.toFixed(2))}`).join("\n")}\nbytes: ${sizes}`);
    const [mul, add] = [counts[0][1], counts[1][1]];
    expect(mul).toBeLessThanOrEqual(100);
    expect(add).toBeLessThanOrEqual(44);
  });
});
