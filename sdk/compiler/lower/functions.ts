// Lowering functions: a function declaration, method or arrow function becomes one IR function,
// its parameters bound to registers (or cells, when a nested function captures them), then its
// body. An async function gets a frame and a promise, and each await becomes a block it
// resumes at (async.ts finishes them). Function values are closures: code plus the cells they
// capture; a top-level function used as a value gets a static closure.

import ts from "typescript";
import { type IrFunction, type VReg, MAX_PARAMETERS, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  FALSE, UNDEFINED, tagInt, CELL_VALUE, CLOSURE_CELLS, CLOSURE_CODE, DESCRIPTOR_CLOSURE,
} from "../values.ts";
import { capturedSymbols, freeSymbols } from "./captures.ts";
import { type AsyncState, finishAsyncFunction } from "./async.ts";
import { FRAME_PROMISE, FRAME_SLOTS } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { THROW, REGISTER_ARGUMENTS } from "./runtime-symbols.ts";
import { isBindingPattern, ownParameters } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    lowerFunction(decl: ts.FunctionDeclaration, symbol: string): void;
    functionCode(
      symbol: string,
      displayName: string,
      sf: ts.SourceFile,
      node: ts.Node,
      lower: (fn: IrFunction) => void,
      async?: boolean,
      valueCall?: boolean,
    ): void;
    framePromise(): VReg;
    asyncReturn(value: VReg, node: ts.Node): void;
    startFrame(starter: IrFunction, fn: IrFunction, bodyParams: VReg[], node: ts.Node, valueCall: boolean, make: "asyncFrame" | "generatorFrame", slots: number): VReg;
    awaitExpression(node: ts.AwaitExpression): VReg;
    parameters(decl: ts.SignatureDeclaration, valueCall?: boolean): void;
    valueCallParameters(decl: ts.SignatureDeclaration): VReg[];
    bindLocal(sym: ts.Symbol, value: VReg, node: ts.Node): void;
    isCaptured(sym: ts.Symbol, node: ts.Node): boolean;
    body(statements: readonly ts.Statement[]): void;
    beginFunction(symbol: string, displayName: string, sf: ts.SourceFile, node: ts.Node): IrFunction;
    finishFunction(fn: IrFunction): void;
    closure(node: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration): VReg;
    functionValue(decl: ts.FunctionDeclaration, node: ts.Node): VReg;
  }
}

Lowerer.prototype.lowerFunction = function lowerFunction(this: Lowerer, decl: ts.FunctionDeclaration, symbol: string): void {
  const sf = decl.getSourceFile();
  this.functionCode(symbol, decl.name!.text, sf, decl, (fn) => {
    this.parameters(decl);
    this.body(decl.body!.statements);
  });
};

/**
 * The code of a function under `symbol`: `lower` declares the parameters (fn.params) and
 * lowers the body. An async function becomes two functions (async.ts): `symbol` starts it
 * (a frame, the promise, the body up to its first await) and returns the promise;
 * `symbol<resume>` is the body, resumed after each await by a promise reaction. `valueCall`: the
 * function is reached by value calls (a closure, a method), so the one called (the starter of
 * an async function) reads the argument count when its parameters need it.
 */
Lowerer.prototype.functionCode = function functionCode(this: Lowerer, symbol: string, displayName: string, sf: ts.SourceFile, node: ts.Node, lower: (fn: IrFunction) => void, async = isAsync(node), valueCall = false): void {
  if (isGenerator(node)) return this.generatorCode(symbol, displayName, sf, node as ts.FunctionLikeDeclaration, lower, async, valueCall);
  if (!async) {
    const fn = this.beginFunction(symbol, displayName, sf, node);
    lower(fn);
    this.finishFunction(fn);
    return;
  }
  this.usesPromises = true;
  const resumeSymbol = this.uniqueName(`${symbol}<resume>`);
  const fn = this.beginFunction(resumeSymbol, displayName, sf, node);
  const dispatch = this.block;
  const start = newBlock(fn), body = newBlock(fn), handler = newBlock(fn);
  const state: AsyncState = {
    frame: newVReg(fn, { name: "<frame>" }), value: newVReg(fn, { name: "<outcome>" }), rejected: newVReg(fn, { name: "<rejected>" }),
    outerRecord: (fn.tryRecords = (fn.tryRecords ?? 0) + 1) - 1, awaits: [],
  };
  start.term = { op: "try", record: state.outerRecord, body, handler, pos: this.pos(node) };
  this.startBlock(body);
  this.asyncState = state;
  lower(fn);
  // Falling off the end of the body (an expression body has returned already).
  if (this.block.term.op === "unreachable") this.asyncReturn(this.constant(UNDEFINED), node);
  // Whatever the body throws and does not catch rejects the promise.
  this.startBlock(handler);
  const error = this.temp();
  this.emit({ op: "catch-value", dst: error });
  this.call(this.runtime("asyncThrew"), [this.framePromise(), error], node, false);
  this.setTerm({ op: "return", value: undefined });
  const bodyParams = fn.params;
  const slots = finishAsyncFunction({ ...state, fn, dispatch, start, throwSymbol: THROW });
  this.finishFunction(fn);

  const starter = this.beginFunction(symbol, displayName, sf, node);
  const frame = this.startFrame(starter, fn, bodyParams, node, valueCall, "asyncFrame", slots);
  const promise = this.temp();
  this.emit({ op: "load", dst: promise, base: frame, offset: FRAME_PROMISE, width: 32 });
  this.setTerm({ op: "return", value: promise });
  this.finishFunction(starter);
};

/**
 * The start of an async function's or a generator's starter (being lowered): it takes the
 * parameters the body `fn` was lowered with (`bodyParams`; by the value-call convention with
 * the count when `valueCall` needs it), makes the frame (`make`, with `slots` words), puts the
 * parameters into it and runs the body once. Returns the frame.
 */
Lowerer.prototype.startFrame = function startFrame(this: Lowerer, starter: IrFunction, fn: IrFunction, bodyParams: VReg[], node: ts.Node, valueCall: boolean, make: "asyncFrame" | "generatorFrame", slots: number): VReg {
  let params: VReg[];
  if (valueCall && ts.isFunctionLike(node) && needsArgumentCount(node)) {
    // The starter receives the call: the receiver, then the parameters as the count says.
    const receiver = newVReg(starter, { name: fn.vregs[bodyParams[0]].name });
    starter.params.push(receiver);
    params = [receiver, ...this.valueCallParameters(node)];
  } else {
    params = bodyParams.map((p) => {
      const v = newVReg(starter, { name: fn.vregs[p].name });
      starter.params.push(v);
      return v;
    });
  }
  const resumeSymbol = fn.symbol;
  const code = this.temp({ raw: true });
  this.emit({ op: "symbol", dst: code, symbol: resumeSymbol, addend: 1 });
  const codeNumber = this.temp({ smallInt: true });
  this.emit({ op: "addr-of", dst: codeNumber, src: code });
  const frame = this.call(this.runtime(make), [codeNumber, this.constant(tagInt(slots), true)], node);
  params.forEach((p, i) => this.emit({ op: "store", base: frame, offset: FRAME_SLOTS + 4 * i, src: p, width: 32 }));
  this.emit({ op: "call", dst: undefined, callee: resumeSymbol, args: [frame, this.constant(UNDEFINED), this.constant(FALSE)], pos: this.pos(node) });
  return frame;
};

/** The promise of the async function being lowered. */
Lowerer.prototype.framePromise = function framePromise(this: Lowerer): VReg {
  const promise = this.temp();
  this.emit({ op: "load", dst: promise, base: this.asyncState!.frame, offset: FRAME_PROMISE, width: 32 });
  return promise;
};

/** return from an async function (its finally blocks have run): the promise resolves. */
Lowerer.prototype.asyncReturn = function asyncReturn(this: Lowerer, value: VReg, node: ts.Node): void {
  if (this.asyncState!.generator) return this.generatorReturn(value, node);
  this.emit({ op: "try-exit", record: this.asyncState!.outerRecord });
  this.call(this.runtime("resolvePromise"), [this.framePromise(), value], node, false);
  this.setTerm({ op: "return", value: undefined, pos: this.pos(node) });
};

/**
 * await: the value goes to asyncAwait (the frame resumes once it has settled), the try
 * blocks around are left and the function returns; it continues in a new block with the
 * outcome. async.ts adds the way back in and what is saved over the await.
 */
Lowerer.prototype.awaitExpression = function awaitExpression(this: Lowerer, node: ts.AwaitExpression): VReg {
  const state = this.asyncState;
  if (!state) fail(node, Codes.UnsupportedSyntax, "'await' outside an async function is not supported on devices yet", "put the code in an async function and call it");
  const value = this.expr(node.expression);
  const saveAt = this.block.insts.length;
  const suspend = this.block;
  this.call(this.runtime("asyncAwait"), [state.frame, value], node, false);
  for (let i = this.tries.length - 1; i >= 0; i--) this.emit({ op: "try-exit", record: this.tries[i].record });
  this.emit({ op: "try-exit", record: state.outerRecord });
  this.setTerm({ op: "return", value: undefined, pos: this.pos(node) });
  const resume = newBlock(this.fn);
  const result = this.temp();
  state.awaits.push({ suspend, saveAt, resume, result, records: [state.outerRecord, ...this.tries.map((t) => t.record)], pos: this.pos(node) });
  this.startBlock(resume);
  return result;
};

/**
 * Declares a function's parameters (a captured one moves into a cell). `valueCall`: the
 * function is reached by value calls; with more than three parameters or a rest parameter it
 * reads the argument count (in an async function, its starter has done that: the body takes
 * the values from the frame).
 */
Lowerer.prototype.parameters = function parameters(this: Lowerer, decl: ts.SignatureDeclaration, valueCall = false): void {
  const declared = ownParameters(decl);
  if (declared.length > MAX_PARAMETERS) {
    fail(declared[MAX_PARAMETERS], Codes.UnsupportedSyntax, `functions take at most ${MAX_PARAMETERS} parameters on devices`, "pass an object or an array instead");
  }
  declared.forEach((p, i) => {
    if (p.dotDotDotToken && !ts.isIdentifier(p.name)) fail(p, Codes.UnsupportedSyntax, "destructuring a rest parameter is not supported on devices yet");
    if (p.dotDotDotToken && i !== declared.length - 1) fail(p, Codes.UnsupportedSyntax, "a rest parameter must be the last");
  });
  const values = valueCall && !this.asyncState && needsArgumentCount(decl)
    ? this.valueCallParameters(decl)
    : declared.map((p, i) => {
      const v = newVReg(this.fn, { name: parameterName(p, i) });
      this.fn.params.push(v);
      return v;
    });
  const incoming: Array<[ts.Symbol | undefined, VReg, ts.ParameterDeclaration]> = [];
  declared.forEach((p, i) => {
    const v = values[i];
    if (isBindingPattern(p.name)) {
      incoming.push([undefined, v, p]);
      return;
    }
    // A parameter property names two symbols: the parameter (what the body reads) first.
    const sym = ts.isConstructorDeclaration(decl) && ts.isParameterPropertyDeclaration(p, decl)
      ? this.checker.getSymbolsOfParameterPropertyDeclaration(p, (p.name as ts.Identifier).text)[0]
      : this.symbolOf(p.name);
    incoming.push([sym, v, p]);
  });
  for (const [sym, v, p] of incoming) {
    if (p.initializer) {
      // A default applies when the argument is undefined (missing or passed as undefined).
      const given = newBlock(this.fn), missing = newBlock(this.fn), join = newBlock(this.fn);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: v, b: this.constant(UNDEFINED), then: missing, else: given, pos: this.pos(p) });
      this.startBlock(missing);
      this.emit({ op: "move", dst: v, src: this.expr(p.initializer) });
      this.jumpTo(join);
      this.startBlock(given);
      this.jumpTo(join);
      this.startBlock(join);
    }
    // A parameter nothing captures is its own variable: no copy.
    if (sym && this.fn.params.includes(v) && !this.locals.has(sym) && !this.cells.has(sym) && !this.isCaptured(sym, decl)) this.locals.set(sym, v);
    else if (sym) this.bindLocal(sym, v, decl);
    else this.destructure(p.name as ts.BindingPattern, v, p);
  }
  // A generator's parameters are bound when it is called; its body runs from the first next().
  if (this.asyncState?.generator?.prologue) this.generatorPrologue(decl);
};

/**
 * The parameters of a function reached by value calls that reads the argument count (the
 * value-call convention, ir.ts): after the receiver (already a parameter), the three register
 * arguments, the count, the stack arguments. A parameter the call did not pass is undefined
 * (its stack word is the caller's other data); a rest parameter gets the arguments from its
 * position to the count. Returns the values of the declared parameters, in order.
 */
Lowerer.prototype.valueCallParameters = function valueCallParameters(this: Lowerer, decl: ts.SignatureDeclaration): VReg[] {
  const fn = this.fn;
  const declared = ownParameters(decl);
  const restAt = declared.at(-1)?.dotDotDotToken ? declared.length - 1 : -1;
  const fixed = restAt >= 0 ? restAt : declared.length;
  const incoming = (i: number): VReg => {
    const v = newVReg(fn, { name: i < fixed ? parameterName(declared[i], i) : `<argument ${i}>` });
    fn.params.push(v);
    return v;
  };
  const registers = Array.from({ length: REGISTER_ARGUMENTS }, (_, i) => incoming(i));
  const count = newVReg(fn, { name: "<argument count>", smallInt: true });
  fn.params.push(count);
  fn.argumentCount = count;
  this.countsArguments = true;
  const values = [...registers];
  for (let i = REGISTER_ARGUMENTS; i < fixed; i++) values.push(incoming(i));
  values.length = fixed;
  if (fixed > REGISTER_ARGUMENTS) {
    // Fewer arguments than fixed parameters: each one missing is undefined. The checks run
    // only then (a call passing them all costs one compare), and only for parameters the body
    // reads: the cleanup pass drops the others' with the dead definitions.
    const pos = this.pos(decl);
    const short = newBlock(fn), join = newBlock(fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "lt", numeric: true, a: count, b: this.constant(tagInt(fixed), true), then: short, else: join, pos });
    this.startBlock(short);
    for (let i = REGISTER_ARGUMENTS; i < fixed; i++) {
      const fill = newBlock(fn), next = newBlock(fn);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "gt", numeric: true, a: count, b: this.constant(tagInt(i), true), then: next, else: fill, pos });
      this.startBlock(fill);
      this.emit({ op: "move", dst: values[i], src: this.constant(UNDEFINED) });
      this.jumpTo(next);
      this.startBlock(next);
    }
    this.jumpTo(join);
    this.startBlock(join);
  }
  if (restAt >= 0) {
    const address = this.temp({ raw: true });
    this.emit({ op: "arguments-address", dst: address, pos: this.pos(declared[restAt]) });
    const addressNumber = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: addressNumber, src: address });
    values.push(this.call(this.runtime("restArguments"), [addressNumber, count, this.constant(tagInt(restAt), true), ...registers], declared[restAt]));
  }
  return values;
};

/** A function reached by value calls needs the argument count for these parameters. */
function needsArgumentCount(decl: ts.SignatureDeclaration): boolean {
  const declared = ownParameters(decl);
  return declared.length > REGISTER_ARGUMENTS || declared.some((p) => p.dotDotDotToken);
}

function parameterName(p: ts.ParameterDeclaration, i: number): string {
  return ts.isIdentifier(p.name) ? p.name.text : `<parameter ${i}>`;
}

/** A variable gets its value: in a register, or in a new cell when a closure captures it. */
Lowerer.prototype.bindLocal = function bindLocal(this: Lowerer, sym: ts.Symbol, value: VReg, node: ts.Node): void {
  const existing = this.cells.get(sym);
  if (existing !== undefined && this.fn.vregs[existing].name === `${sym.name}<cell>` && !this.fn.params.includes(existing)) {
    this.emit({ op: "store", base: existing, offset: CELL_VALUE, src: value, width: 32, pos: this.pos(node) });
    return;
  }
  if (this.isCaptured(sym, node)) {
    const cell = newVReg(this.fn, { name: `${sym.name}<cell>` });
    this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [value], node) });
    this.cells.set(sym, cell);
    return;
  }
  const v = this.locals.get(sym) ?? newVReg(this.fn, { name: sym.name });
  this.locals.set(sym, v);
  this.emit({ op: "move", dst: v, src: value });
};

Lowerer.prototype.isCaptured = function isCaptured(this: Lowerer, sym: ts.Symbol, node: ts.Node): boolean {
  return capturedSymbols(node.getSourceFile(), this.checker).has(sym);
};

/** Statements of a function body or block; nested function declarations are hoisted (created
 *  first, so calls before them work, as in JavaScript). */
Lowerer.prototype.body = function body(this: Lowerer, statements: readonly ts.Statement[]): void {
  // Captured let/const of this block get their cells first, so that functions hoisted above
  // their declarations capture them too.
  for (const stmt of statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      // The variables a destructuring declares too ([a, b] = …; patterns are one level deep).
      const names = ts.isIdentifier(d.name) ? [d.name]
        : d.name.elements.flatMap((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name] : []));
      for (const name of names) {
        const sym = this.symbolOf(name);
        if (this.isCaptured(sym, d) && !this.cells.has(sym) && !ts.isSourceFile(stmt.parent)) {
          const cell = newVReg(this.fn, { name: `${sym.name}<cell>` });
          this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [this.constant(UNDEFINED)], d) });
          this.cells.set(sym, cell);
        }
      }
    }
  }
  for (const stmt of statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.body && stmt.name) {
      this.bindLocal(this.symbolOf(stmt.name), this.closure(stmt), stmt);
    }
  }
  for (const stmt of statements) this.statement(stmt);
};

Lowerer.prototype.beginFunction = function beginFunction(this: Lowerer, symbol: string, displayName: string, sf: ts.SourceFile, node: ts.Node): IrFunction {
  const fn: IrFunction = {
    symbol, displayName, module: this.moduleName(sf), params: [], blocks: [], vregs: [],
    pos: this.pos(node), returnsSmallInt: false,
  };
  const stackFrame = this.stackFrameOf(symbol, sf, node);
  if (stackFrame) fn.stackFrame = stackFrame;
  this.fn = fn;
  this.block = newBlock(fn);
  this.locals = new Map();
  this.cells = new Map();
  this.loops = [];
  this.tries = [];
  this.thisVReg = undefined;
  this.thisCell = undefined;
  this.currentClass = undefined;
  this.afterSuper = undefined;
  this.asyncState = undefined;
  return fn;
};

Lowerer.prototype.finishFunction = function finishFunction(this: Lowerer, fn: IrFunction): void {
  if (this.block.term.op === "unreachable") this.block.term = { op: "return", value: undefined };
  this.functions.push(fn);
};

/**
 * A function value: [descriptor][code address | 1][cell, cell, …], the cells being those
 * of the variables it captures. Its code takes the closure itself as a hidden first
 * argument (the receiver of the value-call convention, ir.ts), then its parameters.
 */
Lowerer.prototype.closure = function closure(this: Lowerer, node: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration): VReg {
  const captures = freeSymbols(node, this.checker).filter((sym) => this.cells.has(sym));
  const cellValues = captures.map((sym) => this.cells.get(sym)!);
  // An arrow function's `this` is its creator's: captured, after the variables, in a cell of
  // its own (`this` never changes, so a copy is as good as sharing).
  const capturesThis = ts.isArrowFunction(node) && usesThis(node.body);
  if (capturesThis) cellValues.push(this.call(this.runtime("cellNew"), [this.thisValue(node)], node));
  const name = node.name && ts.isIdentifier(node.name) ? node.name.text : `<anonymous>`;
  const symbol = this.uniqueName(`${this.fn.symbol}.${node.name && ts.isIdentifier(node.name) ? node.name.text : "lambda"}${this.closureCount++}`);
  // The closure's code, lowered now (it sees the cells of this function).
  const saved = this.saveState();
  this.functionCode(symbol, name, node.getSourceFile(), node, (fn) => {
    const env = newVReg(fn, { name: "<closure>" });
    fn.params.push(env);
    captures.forEach((sym, i) => {
      const cell = newVReg(fn, { name: `${sym.name}<cell>` });
      this.emit({ op: "load", dst: cell, base: env, offset: CLOSURE_CELLS + 4 * i, width: 32 });
      this.cells.set(sym, cell);
    });
    if (capturesThis) {
      this.thisCell = newVReg(fn, { name: "this<cell>" });
      this.emit({ op: "load", dst: this.thisCell, base: env, offset: CLOSURE_CELLS + 4 * captures.length, width: 32 });
    }
    this.objectMethodPrologue(node, fn);
    this.parameters(node, true);
    if (node.body && ts.isBlock(node.body)) {
      this.body(node.body.statements);
    } else if (node.body) {
      const value = this.expr(node.body as ts.Expression);
      if (this.asyncState) this.asyncReturn(value, node.body);
      else this.setTerm({ op: "return", value, pos: this.pos(node.body) });
    }
  }, isAsync(node), true);
  this.restoreState(saved);
  // The closure object, here.
  const code = this.temp({ raw: true });
  this.emit({ op: "symbol", dst: code, symbol, addend: 1 });
  const codeNumber = this.temp({ smallInt: true });
  this.emit({ op: "addr-of", dst: codeNumber, src: code });
  const closure = this.call(this.runtime("closureNew"), [codeNumber, this.constant(tagInt(cellValues.length), true)], node);
  cellValues.forEach((cell, i) => this.emit({ op: "store", base: closure, offset: CLOSURE_CELLS + 4 * i, src: cell, width: 32 }));
  this.nameClosure(node, closure);
  return closure;
};

/** A top-level function (or a static method) used as a value: a closure in flash whose code
 *  calls the function. */
Lowerer.prototype.functionValue = function functionValue(this: Lowerer, decl: ts.FunctionDeclaration, node: ts.Node): VReg {
  let symbol = this.functionValues.get(decl);
  if (!symbol) {
    // A static method's adapter is the same (classes.ts, memberGet): it calls the method directly.
    const method = decl as ts.Node;
    const target = ts.isMethodDeclaration(method) ? this.staticMethodSymbol(method) : this.functionSymbol(decl);
    const code = this.uniqueName(`${target}<value>`);
    const saved = this.saveState();
    const fn = this.beginFunction(code, decl.name!.text, decl.getSourceFile(), decl);
    fn.params.push(newVReg(fn, { name: "<closure>" }));
    // Called as a value, it calls the function directly (which takes its rest as an array).
    const args = needsArgumentCount(decl) ? this.valueCallParameters(decl) : ownParameters(decl).map((p, i) => {
      const v = newVReg(fn, { name: parameterName(p, i) });
      fn.params.push(v);
      return v;
    });
    const result = this.temp();
    this.emit({ op: "call", dst: result, callee: target, args, pos: this.pos(decl) });
    this.setTerm({ op: "return", value: result });
    this.finishFunction(fn);
    this.restoreState(saved);
    symbol = `${code}<closure>`;
    const bytes = new Uint8Array(CLOSURE_CELLS);
    this.data.push({
      symbol, bytes, align: 4, module: this.moduleName(decl.getSourceFile()),
      relocs: [{ offset: 0, symbol: this.functionValueDescriptor(decl), addend: 0 }, { offset: CLOSURE_CODE, symbol: code, addend: 1 }],
    });
    this.functionValues.set(decl, symbol);
  }
  const dst = this.temp();
  this.emit({ op: "symbol", dst, symbol, addend: 0, pos: this.pos(node) });
  return dst;
};

function isGenerator(node: ts.Node): boolean {
  return (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken !== undefined;
}

export function isAsync(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/** Does this arrow function body use `this` (its own or that of an arrow function inside;
 *  `super.m()` calls m on it)? */
export function usesThis(node: ts.Node): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) return true;
  if ((ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, usesThis) ?? false;
}
