// Int specialisation, whole program: which virtual registers always hold small integers.
// A register is a small int when every definition produces one; a parameter when every
// call site passes one; a call's result when every return of the callee gives one. The
// analysis starts optimistic and removes facts until nothing changes (a greatest fixed
// point, so recursion like fib(n - 1) + fib(n - 2) keeps its facts). The back end drops
// the checks the facts make redundant.

import type { Inst, IrFunction, IrProgram, VReg } from "../ir/ir.ts";

export function inferSmallInts(program: IrProgram): void {
  const bySymbol = new Map(program.functions.map((f) => [f.symbol, f]));
  // Call sites per callee: the argument registers (in the caller) for each parameter.
  const callSites = new Map<string, Array<{ caller: IrFunction; args: VReg[] }>>();
  for (const fn of program.functions) {
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op !== "call") continue;
        const list = callSites.get(inst.callee) ?? [];
        list.push({ caller: fn, args: inst.args });
        callSites.set(inst.callee, list);
      }
    }
  }
  const defs = new Map<IrFunction, Map<VReg, Inst[]>>();
  for (const fn of program.functions) {
    const m = new Map<VReg, Inst[]>();
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        const d = "dst" in inst ? inst.dst : undefined;
        if (d === undefined) continue;
        const list = m.get(d) ?? [];
        list.push(inst);
        m.set(d, list);
      }
    }
    defs.set(fn, m);
    for (const v of fn.vregs) if (!v.raw) v.smallInt = true;
    fn.returnsSmallInt = true;
  }

  const producesSmallInt = (fn: IrFunction, inst: Inst): boolean => {
    switch (inst.op) {
      case "const": return (inst.word & 1) === 1;
      case "move": return fn.vregs[inst.src].smallInt;
      case "num": case "neg": case "bitnot": case "tag": case "addr-of": return true;
      case "call": return bySymbol.get(inst.callee)?.returnsSmallInt ?? false;
      default: return false;
    }
  };

  for (let changed = true; changed;) {
    changed = false;
    for (const fn of program.functions) {
      const fnDefs = defs.get(fn)!;
      fn.vregs.forEach((info, v) => {
        if (!info.smallInt) return;
        let ok: boolean;
        const paramIndex = fn.params.indexOf(v);
        if (paramIndex >= 0) {
          const sites = callSites.get(fn.symbol) ?? [];
          ok = sites.length > 0 && sites.every((s) => s.args[paramIndex] !== undefined && s.caller.vregs[s.args[paramIndex]].smallInt);
          // A parameter may also be assigned in the body.
          ok &&= (fnDefs.get(v) ?? []).every((inst) => producesSmallInt(fn, inst));
        } else {
          const list = fnDefs.get(v) ?? [];
          ok = list.length > 0 && list.every((inst) => producesSmallInt(fn, inst));
        }
        if (!ok) { info.smallInt = false; changed = true; }
      });
      if (fn.returnsSmallInt) {
        const ok = fn.blocks.every((b) => b.term.op !== "return" || (b.term.value !== undefined && fn.vregs[b.term.value].smallInt));
        if (!ok) { fn.returnsSmallInt = false; changed = true; }
      }
    }
  }

  // Checks on registers now known to be small ints are redundant.
  for (const fn of program.functions) {
    for (const block of fn.blocks) {
      block.insts = block.insts.filter((inst) => inst.op !== "check-int" || !fn.vregs[inst.src].smallInt);
    }
  }
}
