// The bare profile's check (build's `profile: "bare"`, used by mote-boot): a program that may
// not allocate once it runs, so that it needs no collector (the heap is heap.ts's bump
// allocator under the BARE flag) and cannot run out of memory part-way through its work.
//
// Start-up may allocate: the top-level code of the modules other than the entry (fixed
// buffers, tables, the objects a library keeps) and the functions only it calls. Everything
// the entry's top-level code reaches is run time: there, a call into the runtime that can
// allocate (a string built by `+` or a template, a new array, object or closure, an Error to
// throw) is a compile error at the call, naming what allocates, except in a throw statement:
// an uncaught throw ends a bare program (and bad input is worth a clear message), so the
// Error and its text may be made then. The runtime's own functions
// are not reported (their callers are); numbers boxed past 2^30 are not seen here (they are
// made by the code generator's slow paths: a bare program keeps its numbers small).

import ts from "typescript";
import type { MoteDiagnostic } from "../diagnostics.ts";
import type { IrFunction, IrProgram } from "../ir/ir.ts";
import type { SourcePos } from "../asm/types.ts";

/** The error code of an allocation at run time in the bare profile. */
export const BARE_ALLOCATION = 2004;

const INIT_SUFFIX = ".<init>";

function isRuntimeModule(module: string): boolean {
  return module.startsWith("sdk/lib/rt/");
}

/**
 * Run-time allocations of a bare program. `alloc`: the heap's alloc function's symbol (its
 * module's other functions, allocTraced, count too); `entryModule`: the module name of the
 * program's main file; `inThrow`: whether a position is inside a throw statement.
 */
export function bareAllocations(ir: IrProgram, alloc: string, entryModule: string, inThrow: (pos: SourcePos) => boolean): MoteDiagnostic[] {
  const bySymbol = new Map(ir.functions.map((fn) => [fn.symbol, fn]));
  const callees = (fn: IrFunction) => fn.blocks.flatMap((b) => b.insts.flatMap((i) => (i.op === "call" ? [i.callee] : [])));

  // Runtime functions that can reach an allocator (a fixpoint over the direct calls).
  const heap = bySymbol.get(alloc)?.module;
  const allocating = new Set(ir.functions.filter((fn) => fn.module === heap && /^alloc/.test(fn.displayName)).map((fn) => fn.symbol));
  allocating.add(alloc);
  for (let changed = true; changed;) {
    changed = false;
    for (const fn of ir.functions) {
      if (allocating.has(fn.symbol) || !isRuntimeModule(fn.module)) continue;
      if (callees(fn).some((c) => allocating.has(c))) {
        allocating.add(fn.symbol);
        changed = true;
      }
    }
  }

  // Run time: what the entry module's top-level code reaches, through direct calls, any
  // function whose address is taken there, every method of a name it calls through a method
  // table, and, once it makes a value call, every function whose address is taken anywhere
  // in code (a closure made at start-up may be called later). A method found by its name at
  // run time is found by the runtime's lookup, which is reported itself where it can allocate.
  const own = ir.functions.filter((fn) => !isRuntimeModule(fn.module));
  const addressed = new Set(ir.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts.flatMap((i) => (i.op === "symbol" ? [i.symbol] : [])))));
  const values = own.filter((fn) => addressed.has(fn.symbol));
  const entryInit = own.find((fn) => fn.module === entryModule && fn.symbol.endsWith(INIT_SUFFIX));
  const runTime = new Set<IrFunction>();
  const pending = entryInit ? [entryInit] : [];
  while (pending.length > 0) {
    const fn = pending.pop()!;
    if (runTime.has(fn)) continue;
    runTime.add(fn);
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op === "call-method") pending.push(...own.filter((f) => f.symbol.endsWith(`.${inst.name}`)));
        else if (inst.op === "call-indirect" || inst.op === "call-code") pending.push(...values);
        const target = inst.op === "call" ? bySymbol.get(inst.callee) : inst.op === "symbol" ? bySymbol.get(inst.symbol) : undefined;
        if (target && !isRuntimeModule(target.module)) pending.push(target);
      }
    }
  }

  const found: MoteDiagnostic[] = [];
  for (const fn of runTime) {
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op !== "call" || !allocating.has(inst.callee) || inThrow(inst.pos)) continue;
        const what = bySymbol.get(inst.callee)?.displayName ?? inst.callee;
        found.push({
          file: inst.pos.file, line: inst.pos.line, column: inst.pos.column, code: BARE_ALLOCATION,
          message: `this allocates at run time (it calls the runtime's ${what}), which the bare profile does not allow`,
          hint: "keep buffers and objects in module-level constants made at start-up, and print text and small integers as separate console.log arguments",
        });
      }
    }
  }
  // One diagnostic per position, in source order.
  const unique = new Map(found.map((d) => [`${d.file}:${d.line}:${d.column}`, d]));
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Whether a position lies in one of the throw statements of `files`. */
export function throwStatementTest(files: readonly ts.SourceFile[]): (pos: SourcePos) => boolean {
  const spans = new Map<string, Array<[number, number]>>();
  for (const sf of files) {
    const found: Array<[number, number]> = [];
    const visit = (node: ts.Node): void => {
      if (ts.isThrowStatement(node)) found.push([node.getStart(sf), node.getEnd()]);
      else ts.forEachChild(node, visit);
    };
    visit(sf);
    if (found.length > 0) spans.set(sf.fileName, found);
  }
  return (pos) => {
    const found = spans.get(pos.file);
    if (!found) return false;
    const sf = files.find((f) => f.fileName === pos.file)!;
    const at = sf.getPositionOfLineAndCharacter(pos.line - 1, pos.column - 1);
    return found.some(([start, end]) => at >= start && at < end);
  };
}
