// Async functions as state machines (DESIGN.md: "async functions become state machines
// resumed by promise reactions, so they need no extra stacks").
//
// An async function is lowered to two IR functions:
//
//   f(params…)                 the starter, under f's own symbol and calling convention: makes
//                              the frame (promise.ts asyncFrame: a closure whose code is the
//                              resume function, holding the promise, a state and slots), puts
//                              the parameters into the slots, runs the body once and returns
//                              the promise.
//   f<resume>(frame, value, rejected)
//                              the body. Block 0 dispatches on the frame's state: 0 starts the
//                              body (the parameters come out of the slots), k resumes after
//                              the k-th await with the awaited outcome.
//
// Lowering (functions.ts) writes the body as one function, with every await as a block that calls
// promise.ts asyncAwait, leaves the try blocks around it (the handler records live on the
// stack) and returns, and a fresh block to continue in. Here, once the whole body is known,
// each await gets its way back in: the values live across it are stored into the frame's
// slots before it returns and loaded again on resumption, the try blocks around it are
// entered again (same records, same handlers), and a rejection is thrown at the await, where
// the function's own try/catch sees it. The body runs inside one more try block whose handler
// rejects the promise; `return` resolves it.
//
// Liveness decides what is saved, so temporaries live across an await (`a + await b`,
// `f(x, await y)`) are kept as well as variables; those registers become variables (several
// definitions) for the back end.

import {
  type Block, type Inst, type IrFunction, type VReg, newBlock, newVReg, def, successors, termUses, uses,
} from "../ir/ir.ts";
import type { SourcePos } from "../asm/types.ts";
import { FRAME_SLOTS, FRAME_STATE, TRUE, tagInt } from "../values.ts";

/** One await, as lowering left it. */
export interface AwaitPoint {
  /** The block that suspends: it calls asyncAwait, leaves the try blocks and returns. */
  suspend: Block;
  /** Where in `suspend` the frame is saved (before the call). */
  saveAt: number;
  /** The block the function continues in, with the outcome in `result`. */
  resume: Block;
  result: VReg;
  /** Handler records active at the await, outermost first (the function's own first). */
  records: number[];
  pos: SourcePos;
  /** A generator's yield* and its first suspension: the outcome goes to `result` whatever the
   *  mode (the lowering decides what a throw does), where an await throws a rejection. */
  raw?: boolean;
}

/** An async function's resume code while it is being lowered. */
export interface AsyncState {
  frame: VReg;
  value: VReg;
  rejected: VReg;
  /** The record of the try block around the whole body (its handler rejects the promise). */
  outerRecord: number;
  awaits: AwaitPoint[];
  /** Set for a generator (generators.ts): `value` is what next/throw/return passed in and
   *  `rejected` the mode (FALSE next, TRUE throw, NULL return); `prologue` until its
   *  parameters are bound, where it first suspends. */
  generator?: { prologue: boolean };
}

export interface AsyncShape extends AsyncState {
  fn: IrFunction;
  /** Block 0: empty, becomes the dispatch on the state. */
  dispatch: Block;
  /** Where the body starts (state 0): the parameters are loaded here. */
  start: Block;
  /** The port's throw (a rejection thrown at its await). */
  throwSymbol: string;
}

/**
 * Turns the lowered body into the resume function: the dispatch, the ways back in, the saves
 * and restores. The parameters the body was lowered with become frame slots; the function's
 * own become (frame, value, rejected). Returns the number of slots the frame needs.
 */
export function finishAsyncFunction(shape: AsyncShape): number {
  const { fn, frame, value, rejected, awaits } = shape;
  const handlers = new Map<number, Block>();
  for (const b of fn.blocks) if (b.term.op === "try") handlers.set(b.term.record, b.term.handler);

  // The parameters the body expects come out of the frame when it starts.
  const bodyParams = fn.params;
  fn.params = [frame, value, rejected];
  shape.start.insts.unshift(...bodyParams.map((p, i): Inst => ({ op: "load", dst: p, base: frame, offset: FRAME_SLOTS + 4 * i, width: 32 })));

  // The way back in after each await: its try blocks entered again, then the outcome.
  const entries = awaits.map((point) => {
    const entry = newBlock(fn);
    let block = entry;
    for (const record of point.records) {
      const body = newBlock(fn);
      block.term = { op: "try", record, body, handler: handlers.get(record)!, pos: point.pos };
      block = body;
    }
    if (point.raw) {
      block.insts.push({ op: "move", dst: point.result, src: value, pos: point.pos });
      block.term = { op: "jump", target: point.resume };
      return entry;
    }
    const thrown = newBlock(fn), fulfilled = newBlock(fn);
    const yes = newVReg(fn);
    block.insts.push({ op: "const", dst: yes, word: TRUE });
    block.term = { op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: rejected, b: yes, then: thrown, else: fulfilled, pos: point.pos };
    thrown.insts.push({ op: "call", dst: undefined, callee: shape.throwSymbol, args: [value], pos: point.pos });
    fulfilled.insts.push({ op: "move", dst: point.result, src: value, pos: point.pos });
    fulfilled.term = { op: "jump", target: point.resume };
    return entry;
  });

  // Block 0: the state says where to go.
  const state = newVReg(fn);
  let test = shape.dispatch;
  test.insts.push({ op: "load", dst: state, base: frame, offset: FRAME_STATE, width: 32, pos: fn.pos });
  const targets = [shape.start, ...entries];
  targets.forEach((target, k) => {
    if (k === targets.length - 1) {
      test.term = { op: "jump", target };
      return;
    }
    const constant = newVReg(fn, { smallInt: true });
    test.insts.push({ op: "const", dst: constant, word: tagInt(k) });
    const next = newBlock(fn);
    test.term = { op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: state, b: constant, then: target, else: next, pos: fn.pos };
    test = next;
  });

  // What each await keeps: the registers live where its way back in starts. An await's
  // saves use them, as if the suspending block went on there (one await's saves are what the
  // previous one must have restored).
  const live = liveIn(fn, new Map(awaits.map((point, i) => [point.suspend, entries[i]])));
  const incoming = new Set(fn.params);
  let slots = bodyParams.length;
  awaits.forEach((point, i) => {
    const kept = [...live.get(entries[i])!].filter((v) => !incoming.has(v));
    slots = Math.max(slots, kept.length);
    const saves: Inst[] = kept.map((v, j) => ({ op: "store", base: frame, offset: FRAME_SLOTS + 4 * j, src: v, width: 32 }));
    const k = newVReg(fn, { smallInt: true });
    saves.push({ op: "const", dst: k, word: tagInt(i + 1) }, { op: "store", base: frame, offset: FRAME_STATE, src: k, width: 32 });
    point.suspend.insts.splice(point.saveAt, 0, ...saves);
    entries[i].insts.unshift(...kept.map((v, j): Inst => ({ op: "load", dst: v, base: frame, offset: FRAME_SLOTS + 4 * j, width: 32, pos: point.pos })));
    // Defined again here: a variable to the back end, whatever it was.
    for (const v of kept) fn.vregs[v].name ??= `<kept over await ${i + 1}>`;
  });
  return slots;
}

/** Registers live at the start of each block (backward dataflow to a fixed point), with an
 *  extra successor for some blocks. */
function liveIn(fn: IrFunction, extra: Map<Block, Block>): Map<Block, Set<VReg>> {
  const gen = new Map<Block, Set<VReg>>();
  const kill = new Map<Block, Set<VReg>>();
  for (const b of fn.blocks) {
    const g = new Set<VReg>(), k = new Set<VReg>();
    for (const inst of b.insts) {
      for (const u of uses(inst)) if (!k.has(u)) g.add(u);
      const d = def(inst);
      if (d !== undefined) k.add(d);
    }
    for (const u of termUses(b.term)) if (!k.has(u)) g.add(u);
    gen.set(b, g);
    kill.set(b, k);
  }
  const live = new Map<Block, Set<VReg>>(fn.blocks.map((b) => [b, new Set(gen.get(b))]));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = fn.blocks.length - 1; i >= 0; i--) {
      const b = fn.blocks[i];
      const set = live.get(b)!;
      const k = kill.get(b)!;
      const more = extra.get(b);
      for (const s of more ? [...successors(b.term), more] : successors(b.term)) {
        for (const v of live.get(s)!) {
          if (!k.has(v) && !set.has(v)) {
            set.add(v);
            changed = true;
          }
        }
      }
    }
  }
  return live;
}
