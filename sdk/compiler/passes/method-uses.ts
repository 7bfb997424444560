// Which method names a function can call, so that the linker keeps a class's method only when
// a function it keeps may call it (link/reachable.ts). Using a class links its descriptor, and
// the descriptor's method table names every method; without this, each of them and all they
// call would be linked with it (Map's fourteen methods for one get and one set).
//
// A function calls method name N when it
// - calls through a method-table slot named N (call-method: a class member, a getter "get x",
//   a setter "set x", for-of over a Map or Set);
// - uses the string constant N: every lookup by name gets its name from one, the compiler's
//   (an interface call, a property of a union or of a structural class type) and the
//   runtime's own (objectToString's "toString", promise resolution's "then"). The constant
//   also counts as "get N" and "set N", which objGet and objSet look for;
// - or asks the runtime for a member by a name that is not a constant (o[k], Object.assign,
//   a JSON.parse reviver): then it may call any getter (objGet), any setter (objSet) or any
//   method at all (objMethodCode) of a kept class, and all of those are linked.
// A super call names its method's symbol directly, and calls it like any function.

import type { IrFunction, VReg } from "../ir/ir.ts";

export interface MethodUses {
  names: Set<string>;
  /** Every method-table name starting with one of these may be called ("get " for any getter,
   *  "" for anything): the function looks members up by names known only at run time. */
  prefixes: Set<string>;
}

/**
 * @param strings the text of each string constant, by symbol
 * @param lookups the runtime functions that find a member by the name in their second
 *   argument (objGet, objSet, objMethodCode), with the prefix of the method-table names
 *   they call ("get ", "set ", "")
 */
export function methodUses(fn: IrFunction, strings: ReadonlyMap<string, string>, lookups: ReadonlyMap<string, string>): MethodUses {
  const uses: MethodUses = { names: new Set(), prefixes: new Set() };
  const constantText = new Map<VReg, string>();
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      if (inst.op !== "symbol") continue;
      const text = strings.get(inst.symbol);
      if (text === undefined) continue;
      constantText.set(inst.dst, text);
      uses.names.add(text).add(`get ${text}`).add(`set ${text}`);
    }
  }
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      if (inst.op === "call-method") uses.names.add(inst.name);
      else if (inst.op === "call" && lookups.has(inst.callee)) {
        const key = inst.args[1];
        // A vreg assigned more than once is not a constant (constantText keeps the last).
        if (key === undefined || !constantText.has(key) || definitions(fn, key) !== 1) uses.prefixes.add(lookups.get(inst.callee)!);
      }
    }
  }
  return uses;
}

function definitions(fn: IrFunction, v: VReg): number {
  let count = 0;
  for (const block of fn.blocks) for (const inst of block.insts) if ("dst" in inst && inst.dst === v) count++;
  return count;
}
