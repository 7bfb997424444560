/** Operation codes of __rt_num_binop, shared by the code generator and the port runtime. */
export const NUM_OP = { add: 0, sub: 1, and: 2, or: 3, xor: 4, shl: 5, sar: 6, shr: 7, neg: 8, bitnot: 9 } as const;
