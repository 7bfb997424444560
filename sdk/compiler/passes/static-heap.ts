// A program that allocates only a bounded number of times needs no collector: its heap can be
// heap.ts's bump allocator (staticAlloc), which never frees, and the collector (mark, sweep,
// free lists, the start bitmap: about 3.7 KB) is not linked. Blinky is such a program: its
// start-up makes the pins, a closure and one timer, and the event loop allocates nothing.
//
// Bounded means: every place that can allocate runs at most a fixed number of times, whatever
// the input and however long the program runs. A place is
// - a call of the heap's alloc or allocTraced;
// - an operation whose result the range analysis did not prove a small integer (its slow path
//   boxes the number), a 32-bit typed-array read (likewise), an element store not proven in
//   bounds (the array may grow);
// - a call of a port routine that boxes (`__rt_box…`, `__rt_num…`).
// It runs a bounded number of times when its block is on no cycle of its function's control
// flow, and its function is bounded: the program's entry, or a function reached only by direct
// calls, each from a bounded function and from a block on no cycle (a least fixpoint, so that
// recursion is never bounded). A function whose address is taken (a closure, a method in a
// class's table, an interrupt handler, a routine the port calls) can run any number of times.
//
// With doubles (lower/doubles.ts) an operation not proven small may box its result in the
// port's floating-point routines: the same operations count, and the same trust applies.

import { successors, type Block, type Inst, type IrFunction, type IrProgram } from "../ir/ir.ts";
import type { MethodUses } from "./method-uses.ts";
import type { SourcePos } from "../asm/types.ts";

export interface StaticHeapSymbols {
  /** The heap's allocation entry points, and the module they are in (heap.ts). */
  alloc: string;
  allocTraced: string;
  /** allocSized, whose blocks keep their size word (arrays read their room back). */
  allocSized: string;
  heapModule: string;
  /** Functions the port's runtime calls (the collector's collectFrom, consoleWrite, exit…):
   *  these can run any number of times. */
  calledByPort: readonly string[];
  /** The runtime functions element reads and stores call when not proven in bounds. */
  arrayGet?: string;
  arraySet: string;
  /** The method names each function may call (passes/method-uses.ts): the linker keeps a
   *  method-table slot only once a kept function may call its name, and so does this pass. */
  uses: ReadonlyMap<IrFunction, MethodUses>;
  /** Whether a position lies in a throw statement (bare-profile.ts, throwStatementTest). */
  inThrow: (pos: SourcePos) => boolean;
  /** The program uses promises (a rejection is caught by the promise). */
  usesPromises: boolean;
  /** Functions that run at most once because the program ends after them (the text of an
   *  uncaught exception). */
  runOnce: readonly string[];
}

/** The heap's symbols in `ir`: alloc's, and allocTraced beside it. */
export function staticHeapSymbols(ir: IrProgram, alloc: string, calledByPort: readonly string[], runOnce: readonly string[], arraySet: string, arrayGet: string | undefined, uses: ReadonlyMap<IrFunction, MethodUses>, inThrow: (pos: SourcePos) => boolean, usesPromises: boolean): StaticHeapSymbols {
  const heapModule = ir.functions.find((fn) => fn.symbol === alloc)?.module ?? "";
  const traced = ir.functions.find((fn) => fn.module === heapModule && fn.symbol.endsWith(".allocTraced"));
  const sized = ir.functions.find((fn) => fn.module === heapModule && fn.symbol.endsWith(".allocSized"));
  return { alloc, allocTraced: traced?.symbol ?? alloc, allocSized: sized?.symbol ?? alloc, heapModule, calledByPort: [alloc, ...calledByPort], runOnce, arraySet, arrayGet, uses, inThrow, usesPromises };
}

/** Port routines that can box a number. */
const BOXING_ROUTINE = /^__rt_(box|num_|alloc)/;

/** Whether every allocation of the program runs a bounded number of times. */
export function allocatesBoundedly(ir: IrProgram, symbols: StaticHeapSymbols): boolean {
  const bySymbol = new Map(ir.functions.map((fn) => [fn.symbol, fn]));
  const cyclic = new Map(ir.functions.map((fn) => [fn, blocksOnCycles(fn)]));

  // What can run, found as the linker finds what it keeps (link/reachable.ts): from the entry
  // and the port's calls, through calls, symbols and data, a method-table slot once a reached
  // function may call its name. A function reached other than by a direct call (by value) can
  // run any number of times.
  const dataBySymbol = new Map(ir.data.map((d) => [d.symbol, d]));
  const globalBySymbol = new Map(ir.globals.map((g) => [g.symbol, g]));
  const byValue = new Set<string>(symbols.calledByPort);
  const reached = new Set<IrFunction>();
  const seen = new Set<string>();
  const names = new Set<string>();
  const prefixes = new Set<string>();
  const waiting: Array<{ method: string; symbol: string }> = [];
  const work: Array<{ symbol: string; value: boolean }> = [ir.entry, ...symbols.runOnce].map((symbol) => ({ symbol, value: false }));
  for (const symbol of symbols.calledByPort) work.push({ symbol, value: true });
  const methodCalled = (method: string) => names.has(method) || [...prefixes].some((p) => method.startsWith(p));
  while (work.length > 0 || waiting.some((w) => methodCalled(w.method))) {
    if (work.length === 0) {
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (!methodCalled(waiting[i].method)) continue;
        work.push({ symbol: waiting[i].symbol, value: true });
        waiting.splice(i, 1);
      }
      continue;
    }
    const { symbol, value } = work.pop()!;
    if (value) byValue.add(symbol);
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    const fn = bySymbol.get(symbol);
    if (fn) {
      reached.add(fn);
      const used = symbols.uses.get(fn);
      for (const n of used?.names ?? []) names.add(n);
      for (const p of used?.prefixes ?? [""]) prefixes.add(p);
      for (const block of fn.blocks) {
        for (const inst of block.insts) {
          if (inst.op === "symbol") work.push({ symbol: inst.symbol, value: true });
          const callee = inst.op === "call" ? inst.callee : inst.op === "elem-set" ? symbols.arraySet : inst.op === "elem-get" ? symbols.arrayGet : undefined;
          if (callee !== undefined) work.push({ symbol: callee, value: false });
        }
      }
    }
    for (const r of dataBySymbol.get(symbol)?.relocs ?? []) {
      if (r.method === undefined) work.push({ symbol: r.symbol, value: true });
      else waiting.push({ method: r.method, symbol: r.symbol });
    }
    const initial = globalBySymbol.get(symbol)?.initialSymbol;
    if (initial) work.push({ symbol: initial, value: true });
  }

  // Direct call sites of each function: the caller, and whether the call is on a cycle.
  // A throw statement ends the program when nothing catches: what it allocates, it allocates
  // once. (A program with a try or with promises may catch, and throw again and again.)
  const catches = symbols.usesPromises || [...reached].some((fn) => fn.blocks.some((b) => b.term.op === "try"));
  const ending = (inst: Inst) => !catches && inst.pos !== undefined && symbols.inThrow(inst.pos);
  const sites = new Map<string, Array<{ caller: IrFunction; onCycle: boolean; ending: boolean }>>();
  for (const fn of reached) {
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        const callee = inst.op === "call" ? inst.callee
          : inst.op === "elem-set" && !inst.proof?.inBounds ? symbols.arraySet
          : inst.op === "elem-get" && !inst.proof?.inBounds ? symbols.arrayGet : undefined;
        if (callee === undefined) continue;
        const list = sites.get(callee) ?? [];
        list.push({ caller: fn, onCycle: cyclic.get(fn)!.has(block), ending: ending(inst) });
        sites.set(callee, list);
      }
    }
  }

  // What runs only as the program ends (and is called only from there) allocates at most once,
  // whatever its loops do: its calls do not count against the functions they call.
  const terminal = new Set(symbols.runOnce.flatMap((s) => bySymbol.get(s) ?? []));
  for (let changed = true; changed;) {
    changed = false;
    for (const fn of ir.functions) {
      if (terminal.has(fn) || byValue.has(fn.symbol)) continue;
      const calls = sites.get(fn.symbol) ?? [];
      if (calls.length > 0 && calls.every((s) => s.ending || terminal.has(s.caller))) {
        terminal.add(fn);
        changed = true;
      }
    }
  }
  const bounded = new Set<IrFunction>(bySymbol.has(ir.entry) ? [bySymbol.get(ir.entry)!] : []);
  for (let changed = true; changed;) {
    changed = false;
    for (const fn of ir.functions) {
      if (bounded.has(fn) || terminal.has(fn) || byValue.has(fn.symbol)) continue;
      const calls = (sites.get(fn.symbol) ?? []).filter((s) => !s.ending && !terminal.has(s.caller));
      if (calls.length > 0 && calls.every((s) => !s.onCycle && bounded.has(s.caller))) {
        bounded.add(fn);
        changed = true;
      }
    }
  }

  for (const fn of reached) {
    if (fn.module === symbols.heapModule || terminal.has(fn)) continue;
    for (const block of fn.blocks) {
      const strict = checksNumbers(fn.module);
      if (!block.insts.some((inst) => mayAllocate(inst, symbols, strict) && !ending(inst))) continue;
      if (!bounded.has(fn) || cyclic.get(fn)!.has(block)) return false;
    }
  }
  return true;
}

/** The library and the drivers keep their own numbers small (addresses, lengths, register
 *  fields: what the bare profile relies on too), except where they compute numbers the
 *  program gives them or sees (the modules below), and the program's own code may do anything. */
const NUMBER_MODULES = /^sdk\/lib\/rt\/(timers|math|math-double|numbers|numconv|conversions|json-parse|date|typed-arrays|dataview|string-methods|collections)\.ts$/;

/** The boards' clocks count time, which grows without end. */
const CLOCKS = /^boards\/chips\/.*clock\.ts$/;

function checksNumbers(module: string): boolean {
  return !(module.startsWith("sdk/lib/") || module.startsWith("boards/")) || NUMBER_MODULES.test(module) || CLOCKS.test(module);
}

function mayAllocate(inst: Inst, symbols: StaticHeapSymbols, strict: boolean): boolean {
  if (inst.op === "call") return inst.callee === symbols.alloc || inst.callee === symbols.allocTraced || inst.callee === symbols.allocSized || (strict && BOXING_ROUTINE.test(inst.callee));
  if (!strict) return false;
  switch (inst.op) {
    case "num": case "neg": case "bitnot": return !inst.proof?.smallResult;
    case "tag": return inst.max === undefined && !inst.proof?.smallResult;
    case "typed-get": return inst.element === "u32" || inst.element === "i32";
    case "elem-set": return !inst.proof?.inBounds;
    default: return false;
  }
}

/** The blocks of `fn` that lie on a cycle of its control flow (Tarjan's strongly connected
 *  components: a component of several blocks, or a block that jumps to itself). */
function blocksOnCycles(fn: IrFunction): Set<Block> {
  const index = new Map<Block, number>();
  const low = new Map<Block, number>();
  const stack: Block[] = [];
  const onStack = new Set<Block>();
  const result = new Set<Block>();
  let next = 0;
  const visit = (b: Block): void => {
    index.set(b, next);
    low.set(b, next);
    next++;
    stack.push(b);
    onStack.add(b);
    for (const s of successors(b.term)) {
      if (!index.has(s)) {
        visit(s);
        low.set(b, Math.min(low.get(b)!, low.get(s)!));
      } else if (onStack.has(s)) {
        low.set(b, Math.min(low.get(b)!, index.get(s)!));
      }
    }
    if (low.get(b) !== index.get(b)) return;
    const component: Block[] = [];
    for (;;) {
      const m = stack.pop()!;
      onStack.delete(m);
      component.push(m);
      if (m === b) break;
    }
    if (component.length > 1 || successors(b.term).includes(b)) for (const m of component) result.add(m);
  };
  for (const b of fn.blocks) if (!index.has(b)) visit(b);
  return result;
}

/** Makes alloc and allocTraced hand out bump-allocated blocks (heap.ts's staticAlloc), and
 *  allocSized ones with their size word (staticAllocSized): the collector they would call is
 *  then linked by nothing. */
export function useStaticHeap(ir: IrProgram, symbols: StaticHeapSymbols, staticAlloc: string, staticAllocSized: string): void {
  for (const fn of ir.functions) {
    const to = fn.symbol === symbols.allocSized ? staticAllocSized
      : fn.symbol === symbols.alloc || fn.symbol === symbols.allocTraced ? staticAlloc : undefined;
    if (to === undefined) continue;
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op === "call" && inst.callee !== to) {
          inst.callee = to;
          inst.args = [inst.args[0]];
          inst.smallArgs = undefined;
        }
      }
    }
  }
}
