// Generator functions as state machines, as async functions are (async.ts), so they need no
// stacks of their own. A generator function, method or function expression becomes:
//
//   f(params…)                  the starter, under f's own symbol and calling convention:
//                               makes the frame (iteration.ts generatorFrame), puts the
//                               parameters into its slots, runs the body's prologue (binding
//                               the parameters, defaults included, as a call does) and returns
//                               a Generator object (generators.ts) holding the frame.
//   f<resume>(frame, value, mode)
//                               the body, resumed by iteration.ts generatorResume with what
//                               next(value), throw(value) or return(value) passed: mode FALSE,
//                               TRUE or NULL. It returns what it yields, or what it returns
//                               after setting the frame's state to done (-1).
//
// A yield is an await that returns its value: the values live across it go into the frame
// and the try blocks around it are left (async.ts adds the ways back in). Resumed by throw(),
// the exception is thrown at the yield, where the generator's own try/catch sees it; by
// return(), the generator returns there, through its finally blocks (which may yield again).
// yield* steps the inner iterator in a loop here, passing each mode on (iteration.ts
// delegateStep) and each of its results out as it is (the frame's DELEGATED flag).
// An exception leaving the body marks the generator done and passes on.

import ts from "typescript";
import { type IrFunction, type VReg, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { FALSE, NULL, TRUE, UNDEFINED, FRAME_GENERATOR_FLAGS, FRAME_STATE, tagInt } from "../values.ts";
import { type AsyncState, finishAsyncFunction } from "./async.ts";
import { Lowerer } from "./lowerer.ts";
import { THROW } from "./runtime-symbols.ts";
import { RETHROW } from "./statements.ts";

/** The frame's state once the generator has finished (iteration.ts GENERATOR_DONE). */
const DONE = -1;
/** The frame's flags while a yield* passes on an inner result: RUNNING | DELEGATED. */
const DELEGATING = 3;

declare module "./lowerer.ts" {
  interface Lowerer {
    generatorCode(
      symbol: string, displayName: string, sf: ts.SourceFile, node: ts.FunctionLikeDeclaration,
      lower: (fn: IrFunction) => void, async: boolean, valueCall: boolean,
    ): void;
    generatorPrologue(node: ts.Node): void;
    generatorReturn(value: VReg, node: ts.Node): void;
    yieldExpression(node: ts.YieldExpression): VReg;
    generatorSuspend(value: VReg, node: ts.Node, raw: boolean): VReg;
    returnThroughFinally(value: VReg, node: ts.Node): void;
  }
}

Lowerer.prototype.generatorCode = function generatorCode(this: Lowerer, symbol: string, displayName: string, sf: ts.SourceFile, node: ts.FunctionLikeDeclaration, lower: (fn: IrFunction) => void, async: boolean, valueCall: boolean): void {
  if (async) {
    fail(node, Codes.Generator, "async generators are not supported on devices yet",
      "make a generator of promises, or an async function that takes a callback for each value");
  }
  const resumeSymbol = this.uniqueName(`${symbol}<resume>`);
  const fn = this.beginFunction(resumeSymbol, displayName, sf, node);
  const dispatch = this.block;
  const start = newBlock(fn), body = newBlock(fn), handler = newBlock(fn);
  const state: AsyncState = {
    frame: newVReg(fn, { name: "<frame>" }), value: newVReg(fn, { name: "<received>" }), rejected: newVReg(fn, { name: "<mode>" }),
    outerRecord: (fn.tryRecords = (fn.tryRecords ?? 0) + 1) - 1, awaits: [], generator: { prologue: true },
  };
  start.term = { op: "try", record: state.outerRecord, body, handler, pos: this.pos(node) };
  this.startBlock(body);
  this.asyncState = state;
  lower(fn);
  if (state.generator!.prologue) throw new Error(`internal: the generator ${displayName} bound no parameters`);
  if (this.block.term.op === "unreachable") this.generatorReturn(this.constant(UNDEFINED), node);
  // An exception leaving the body: the generator is done and no longer running (what
  // generatorResume would otherwise need a handler of its own for), the exception passes on.
  this.startBlock(handler);
  const error = this.temp();
  this.emit({ op: "catch-value", dst: error });
  this.emit({ op: "store", base: state.frame, offset: FRAME_STATE, src: this.constant(tagInt(DONE), true), width: 32 });
  this.emit({ op: "store", base: state.frame, offset: FRAME_GENERATOR_FLAGS, src: this.constant(tagInt(0), true), width: 32 });
  this.emit({ op: "call", dst: undefined, callee: RETHROW, args: [error], pos: this.pos(node) });
  this.setTerm({ op: "unreachable" });
  const bodyParams = fn.params;
  const slots = finishAsyncFunction({ ...state, fn, dispatch, start, throwSymbol: THROW });
  this.finishFunction(fn);

  // The starter runs the body up to the prologue's suspension: the parameters are bound.
  const starter = this.beginFunction(symbol, displayName, sf, node);
  const frame = this.startFrame(starter, fn, bodyParams, node, valueCall, "generatorFrame", slots);
  this.setTerm({ op: "return", value: this.call(this.runtime("generatorObject"), [frame], node), pos: this.pos(node) });
  this.finishFunction(starter);
};

/** After the parameters are bound: the starter's call of the body returns here, and the
 *  first next() continues. */
Lowerer.prototype.generatorPrologue = function generatorPrologue(this: Lowerer, node: ts.Node): void {
  this.asyncState!.generator!.prologue = false;
  this.generatorSuspend(this.constant(UNDEFINED), node, true);
};

/** return from a generator (its finally blocks have run): done, with the value. */
Lowerer.prototype.generatorReturn = function generatorReturn(this: Lowerer, value: VReg, node: ts.Node): void {
  const state = this.asyncState!;
  this.emit({ op: "try-exit", record: state.outerRecord });
  this.emit({ op: "store", base: state.frame, offset: FRAME_STATE, src: this.constant(tagInt(DONE), true), width: 32 });
  this.setTerm({ op: "return", value, pos: this.pos(node) });
};

/** `return value` where the code stands: finally blocks run (the value kept while they do). */
Lowerer.prototype.returnThroughFinally = function returnThroughFinally(this: Lowerer, value: VReg, node: ts.Node): void {
  const kept = this.temp();
  this.emit({ op: "move", dst: kept, src: value });
  this.leaveTries(0);
  this.generatorReturn(kept, node);
};

/**
 * The body returns `value` to whoever resumed it and continues in a new block with what the
 * next resumption passes in (returned); async.ts saves and restores what is live across.
 * `raw`: the mode is left to the caller (yield*, the prologue); otherwise a throw() is thrown
 * here.
 */
Lowerer.prototype.generatorSuspend = function generatorSuspend(this: Lowerer, value: VReg, node: ts.Node, raw: boolean): VReg {
  const state = this.asyncState!;
  const saveAt = this.block.insts.length;
  const suspend = this.block;
  for (let i = this.tries.length - 1; i >= 0; i--) this.emit({ op: "try-exit", record: this.tries[i].record });
  this.emit({ op: "try-exit", record: state.outerRecord });
  this.setTerm({ op: "return", value, pos: this.pos(node) });
  const resume = newBlock(this.fn);
  const result = this.temp();
  state.awaits.push({ suspend, saveAt, resume, result, records: [state.outerRecord, ...this.tries.map((t) => t.record)], pos: this.pos(node), raw });
  this.startBlock(resume);
  return result;
};

Lowerer.prototype.yieldExpression = function yieldExpression(this: Lowerer, node: ts.YieldExpression): VReg {
  const state = this.asyncState;
  if (!state?.generator) fail(node, Codes.UnsupportedSyntax, "'yield' outside a generator function");
  if (node.asteriskToken) return yieldStar(this, node, state);
  const value = node.expression ? this.expr(node.expression) : this.constant(UNDEFINED);
  const received = this.generatorSuspend(value, node, false);
  // Resumed by return(): the generator returns here.
  const returning = newBlock(this.fn), resumed = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: state.rejected, b: this.constant(NULL), then: returning, else: resumed, pos: this.pos(node) });
  this.startBlock(returning);
  this.returnThroughFinally(received, node);
  this.startBlock(resumed);
  return received;
};

/** yield* iterable: the inner iterator's results go out as they are until it is done; its
 *  final value is the expression's (or, after a return() it honoured, the generator's). */
function yieldStar(lowerer: Lowerer, node: ts.YieldExpression, state: AsyncState): VReg {
  const record = lowerer.iteratorOf(node.expression!);
  const received = newVReg(lowerer.fn, { name: "<received>" });
  const mode = newVReg(lowerer.fn, { name: "<mode>" });
  lowerer.emit({ op: "move", dst: received, src: lowerer.constant(UNDEFINED) });
  lowerer.emit({ op: "move", dst: mode, src: lowerer.constant(FALSE) });
  const step = newBlock(lowerer.fn), pass = newBlock(lowerer.fn), finished = newBlock(lowerer.fn);
  lowerer.jumpTo(step);
  lowerer.startBlock(step);
  const result = lowerer.call(lowerer.runtime("delegateStep"), [record, received, mode], node);
  const done = lowerer.call(lowerer.runtime("resultDone"), [result], node);
  lowerer.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: done, b: lowerer.constant(TRUE), then: finished, else: pass, pos: lowerer.pos(node) });
  lowerer.startBlock(pass);
  lowerer.emit({ op: "store", base: state.frame, offset: FRAME_GENERATOR_FLAGS, src: lowerer.constant(tagInt(DELEGATING), true), width: 32 });
  const passedIn = lowerer.generatorSuspend(result, node, true);
  lowerer.emit({ op: "move", dst: received, src: passedIn });
  lowerer.emit({ op: "move", dst: mode, src: state.rejected });
  lowerer.jumpTo(step);
  lowerer.startBlock(finished);
  const value = lowerer.call(lowerer.runtime("resultValue"), [result], node);
  const returning = newBlock(lowerer.fn), resumed = newBlock(lowerer.fn);
  lowerer.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: mode, b: lowerer.constant(NULL), then: returning, else: resumed, pos: lowerer.pos(node) });
  lowerer.startBlock(returning);
  lowerer.returnThroughFinally(value, node);
  lowerer.startBlock(resumed);
  return value;
}
