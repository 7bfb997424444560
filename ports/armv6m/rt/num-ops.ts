// Names and codes of the port's number routines, shared by the lowering, the code generator
// and the port runtime.

/** Operation codes of __rt_num_binop. */
/** __rt_num_compare's r2 (the answer for an unordered pair) for === and !==: also asks that
 *  values that are not numbers compare by identity (double-ops.ts). */
export const EQUALITY_UNORDERED = 3;

export const NUM_OP = { add: 0, sub: 1, and: 2, or: 3, xor: 4, shl: 5, sar: 6, shr: 7, neg: 8, bitnot: 9 } as const;

// The routines the lowering calls by name are the port contract's (sdk/compiler/port.ts).
export { DOUBLE_ACCUMULATOR, DOUBLE_MATH, F64_WORDS } from "../../../sdk/compiler/port.ts";
