// Number functions of programs with doubles (sdk/compiler/lower/doubles.ts): Math.min/max
// with NaN and signed zeros, Math.random, and the Number predicates.

import { f64FromWords, f64High } from "mote/intrinsics";

const MAX_SAFE_INTEGER = 9007199254740991;

/** Math.min of two numbers: NaN if either is; of 0 and -0, -0. */
export function min(first: number, second: number): number {
  // ToNumber: an argument that is undefined (an element read past the end) is NaN.
  const a = first - 0, b = second - 0;
  if (a !== a) return a;
  if (b !== b) return b;
  if (a < b) return a;
  if (b < a) return b;
  return f64High(a) < 0 ? a : b;
}

/** Math.max of two numbers: NaN if either is; of 0 and -0, 0. */
export function max(first: number, second: number): number {
  const a = first - 0, b = second - 0;
  if (a !== a) return a;
  if (b !== b) return b;
  if (a > b) return a;
  if (b > a) return b;
  return f64High(a) < 0 ? b : a;
}

/** Math.max(...values) and Math.min(...values): -Infinity and Infinity for none. */
export function minMaxOf(values: number[], isMax: boolean): number {
  let result = isMax ? -Infinity : Infinity;
  for (let i = 0; i < values.length; i++) result = isMax ? max(result, values[i]) : min(result, values[i]);
  return result;
}

// Math.random: xorshift32 over two words, 52 random fraction bits in [1, 2), minus 1.
let seedHigh = 0x2545f491;
let seedLow = 0x1b873593;

function xorshift(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x | 0;
}

export function random(): number {
  seedHigh = xorshift(seedHigh);
  seedLow = xorshift(seedLow);
  return f64FromWords(0x3ff00000 | (seedHigh & 0xfffff), seedLow) - 1;
}

/** Number.isFinite for a number: not NaN or ±Infinity (x - x is NaN for those). */
export function isFiniteNumber(x: number): boolean {
  return x - x === 0;
}

export function isNaNNumber(x: number): boolean {
  return x !== x;
}

export function isInteger(x: number): boolean {
  return x - x === 0 && Math.trunc(x) === x;
}

export function isSafeInteger(x: number): boolean {
  return isInteger(x) && Math.abs(x) <= MAX_SAFE_INTEGER;
}
