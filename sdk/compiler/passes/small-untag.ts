// A number handed to peek/poke (lower/intrinsics.ts) outside the runtime may be boxed (a
// peripheral address, a register value with bit 31 set), so its untag has an out-of-line path
// to __rt_unbox, which stops the program on anything that is not a number. Where the value is
// a register known to hold a small integer whenever it is read (VRegInfo.smallInt: a
// parameter the range analysis proved small at every call site, as a console driver's byte),
// that path is dead, and with it the unboxing and the panic routines it links: hello's
// console write is one of them. A parameter counts only if the function never assigns it
// (the range analysis sets smallInt for a parameter from its call sites, its entry value).

import { def, type IrProgram, type VReg } from "../ir/ir.ts";

export function untagSmallWords(ir: IrProgram): void {
  for (const fn of ir.functions) {
    const assigned = new Set<VReg>();
    for (const block of fn.blocks) for (const inst of block.insts) { const d = def(inst); if (d !== undefined) assigned.add(d); }
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op === "untag" && inst.number && fn.params.includes(inst.src) && !assigned.has(inst.src) && fn.vregs[inst.src].smallInt) inst.number = undefined;
      }
    }
  }
}
