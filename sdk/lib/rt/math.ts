// Math functions on integers, for every number model: their results are integers (or the
// argument itself: -0, NaN). Math.pow, Math.sqrt and the rest bring doubles into a program
// (sdk/compiler/lower/doubles.ts): the soft-float and math-double.ts compute them.

export function abs(x: number): number {
  // -0 is not below 0, but its absolute value is 0; NaN stays NaN.
  if (x === 0) return 0;
  return x < 0 ? -x : x;
}

/** Math.sign: ±1, or the argument itself for ±0 and NaN. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x;
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
