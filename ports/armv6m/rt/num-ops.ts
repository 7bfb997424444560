// Names and codes of the port's number routines, shared by the lowering, the code generator
// and the port runtime.

/** Operation codes of __rt_num_binop. */
/** __rt_num_compare's r2 (the answer for an unordered pair) for === and !==: also asks that
 *  values that are not numbers compare by identity (double-ops.ts). */
export const EQUALITY_UNORDERED = 3;

export const NUM_OP = { add: 0, sub: 1, and: 2, or: 3, xor: 4, shl: 5, sar: 6, shr: 7, neg: 8, bitnot: 9 } as const;

/** Value-level Math functions the lowering calls: (x) -> the function of x, a tagged value. */
export const DOUBLE_MATH = {
  floor: "__rt_math_floor", ceil: "__rt_math_ceil", round: "__rt_math_round", trunc: "__rt_math_trunc", sqrt: "__rt_math_sqrt",
} as const;

/** Intrinsics on a double's encoding (sdk/lib/intrinsics.ts). */
export const F64_WORDS = { high: "__rt_f64_high", low: "__rt_f64_low", fromWords: "__rt_f64_from_words" } as const;


/** The double accumulator (double-ops.ts): load(x), then add(y), sub(y), … for each step, then
 *  result(). */
export const DOUBLE_ACCUMULATOR = {
  load: "__rt_dacc_load", add: "__rt_dacc_add", sub: "__rt_dacc_sub", mul: "__rt_dacc_mul", div: "__rt_dacc_div", mod: "__rt_dacc_mod",
  result: "__rt_dacc_result",
} as const;
