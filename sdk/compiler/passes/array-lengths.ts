// new Array(n) throws a RangeError for a negative n, so arrayNew links the error classes and
// the uncaught-error printer (about 2 KB). An array literal, and the runtime's own arrays of
// constant length, pass a constant that is never negative: those calls go to arrayWithLength,
// which has no check, and a program whose arrays are all such links no RangeError for them.

import type { IrProgram, VReg } from "../ir/ir.ts";

export function constantLengthArrays(ir: IrProgram, arrayNew: string, arrayWithLength: string): void {
  for (const fn of ir.functions) {
    const constants = new Map<VReg, number>();
    const definitions = new Map<VReg, number>();
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (!("dst" in inst) || inst.dst === undefined) continue;
        definitions.set(inst.dst, (definitions.get(inst.dst) ?? 0) + 1);
        // A tagged small integer n is the word (n << 1) | 1 (values.ts, tagInt).
        if (inst.op === "const" && !fn.vregs[inst.dst].raw && (inst.word & 1) === 1) constants.set(inst.dst, (inst.word | 0) >> 1);
      }
    }
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op !== "call" || inst.callee !== arrayNew) continue;
        const length = inst.args[0];
        if (definitions.get(length) === 1 && (constants.get(length) ?? -1) >= 0) inst.callee = arrayWithLength;
      }
    }
  }
}
