// Returns before the frame: a function whose first block only compares its parameters (or
// constants) and branches to a block that only returns a parameter, a constant or undefined
// (a recursion's base case, a guard clause) tests and returns on entry, with the arguments
// still in r0-r3, before it pushes anything. The prologue then runs only on the other path.
//
// For `if (n < 2) return n;` that is CMP, B<cond>, BX LR (three instructions) where the
// frame costs PUSH, MOV, CMP, B<cond>, MOV, POP (six). The test must have no slow path: a
// slow path calls out, which needs the saved LR, so a numeric compare needs both operands
// proven small integers (passes/ranges.ts). emit/debug-frame.ts describes such code: before
// the first push the frame is the entry's.

import type { Block, IrFunction, Terminator, VReg } from "../../../sdk/compiler/ir/ir.ts";
import { successors } from "../../../sdk/compiler/ir/ir.ts";
import type { Allocation } from "./regalloc.ts";

export interface EarlyExit {
  /** The entry block's test. */
  test: Extract<Terminator, { op: "branch"; kind: "cmp" }>;
  /** The block that returns (reached only from the entry when `exitOnly`). */
  exit: Block;
  /** The other successor: where the body starts after the prologue. */
  body: Block;
  /** No other block jumps to `exit`: it is not emitted after the prologue. */
  exitOnly: boolean;
}

/** The parameters that arrive in r0-r3 (index = register). */
const REGISTER_PARAMETERS = 4;

export function findEarlyExit(fn: IrFunction, alloc: Allocation): EarlyExit | undefined {
  if ((fn.tryRecords ?? 0) > 0 || (fn.doubleCells ?? 0) > 0) return undefined;
  // The test may need a scratch register for a constant: one argument register must be free.
  if (fn.params.length >= REGISTER_PARAMETERS) return undefined;
  const entry = alloc.order[0];
  if (!entry) return undefined;
  const rebuilt = (v: VReg) => alloc.locations[v].kind === "const";
  const entryValue = (v: VReg) => fn.params.includes(v) || rebuilt(v);
  const onlyConstants = (b: Block) => b.insts.every((inst) => inst.op === "const" && rebuilt(inst.dst));
  if (!onlyConstants(entry)) return undefined;
  // Nothing may come back to the entry: its test runs only before the prologue.
  if (alloc.order.some((b) => successors(b.term).includes(entry))) return undefined;
  const test = entry.term;
  if (test.op !== "branch" || test.kind !== "cmp") return undefined;
  if (!entryValue(test.a) || !entryValue(test.b)) return undefined;
  if (test.numeric && !(test.proof?.smallA && test.proof.smallB)) return undefined;
  if (test.then === test.else) return undefined;
  const returnsAtOnce = (b: Block) => b !== entry && onlyConstants(b) && b.term.op === "return"
    && (b.term.value === undefined || entryValue(b.term.value));
  const exit = returnsAtOnce(test.then) ? test.then : returnsAtOnce(test.else) ? test.else : undefined;
  if (!exit) return undefined;
  const body = exit === test.then ? test.else : test.then;
  const exitOnly = alloc.order.every((b) => b === entry || !successors(b.term).includes(exit));
  return { test, exit, body, exitOnly };
}
