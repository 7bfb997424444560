// A number the range analysis proves a small integer is turned into text by the small-integer
// printer (strings.intToString, a few hundred bytes): a call of numberText (String(n) of a
// number) becomes a call of smallIntText, and console.log's printValue of such a value a call
// of printSmallInt. A range holds for the numbers a register holds; the one value of another
// kind it may hold is undefined, from a typed array read past the end, which both print as
// primitiveText does. When every number a program turns into text is proven so, the double
// printer (numconv.ts, and bignum.ts in programs with fractions: 8 to 17 KB) is not linked
// for it. A number not proven small keeps the general routine, which checks at run time; the
// output is Node's either way. Runs after passes/ranges.ts, which records the proofs on each
// call (smallArgs).

import type { IrProgram } from "../ir/ir.ts";

/** Each runtime function to replace, by the one that does its work for a small integer. */
export function smallIntegerText(program: IrProgram, replacements: ReadonlyMap<string, string>): void {
  for (const fn of program.functions) {
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op !== "call" || inst.smallArgs?.[0] !== true) continue;
        const replacement = replacements.get(inst.callee);
        if (replacement !== undefined) inst.callee = replacement;
      }
    }
  }
}
