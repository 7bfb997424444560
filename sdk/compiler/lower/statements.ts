// Lowering statements: each statement becomes blocks and branches in the current function.
// Loops record their break and continue targets (with the try depth, so that leaving a try
// block runs its finally); for-of over arrays, typed arrays and strings (and over what Map
// and Set give) and for-in share one loop, loopOver. try/catch/finally uses the runtime's
// handler records (THROW, RETHROW).

import ts from "typescript";
import { type Block, type VReg, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  ARRAY_LENGTH, STRING_LENGTH, UNDEFINED, tagInt, LENGTH_MAX, TYPED_LENGTH, CELL_VALUE,
} from "../values.ts";
import type { ValueKind } from "./types.ts";
import { constantValue } from "./constants.ts";
import { Lowerer } from "./lowerer.ts";
import { THROW } from "./runtime-symbols.ts";
import { syntaxName, isBindingPattern } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    statement(node: ts.Statement): void;
    localDeclaration(d: ts.VariableDeclaration): void;
    ifStatement(node: ts.IfStatement): void;
    tryStatement(node: ts.TryStatement): void;
    leaveTries(depth: number): void;
    takeLabel(): string | undefined;
    whileStatement(node: ts.WhileStatement): void;
    doStatement(node: ts.DoStatement): void;
    forOfStatement(node: ts.ForOfStatement): void;
    forInStatement(node: ts.ForInStatement): void;
    loopOver(
      node: ts.ForOfStatement | ts.ForInStatement,
      kind: ValueKind,
      fresh: boolean,
      collectionOf: () => VReg,
    ): void;
    forStatement(node: ts.ForStatement): void;
    loopVariable(node: ts.ForOfStatement | ts.ForInStatement): ts.VariableDeclaration;
    bindLoopVariable(declaration: ts.VariableDeclaration, element: VReg): void;
    labeled(node: ts.LabeledStatement): void;
    breakContinue(node: ts.BreakOrContinueStatement): void;
    switchStatement(node: ts.SwitchStatement): void;
  }
}

/** The same, for an exception passing on from a finally block: its origin stays the same. */
export const RETHROW = "__rt_rethrow";

Lowerer.prototype.statement = function statement(this: Lowerer, node: ts.Statement): void {
  switch (node.kind) {
    case ts.SyntaxKind.Block:
      this.body((node as ts.Block).statements);
      return;
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.ClassDeclaration: {
      if (!ts.isSourceFile(node.parent)) fail(node, Codes.UnsupportedSyntax, "classes declared inside functions or blocks are not supported on devices yet");
      // Static fields get their values, and static blocks run, where the class declaration
      // runs, in the order they are written.
      const info = this.classInfo(node as ts.ClassDeclaration);
      for (const m of info.decl.members) {
        if (ts.isClassStaticBlockDeclaration(m)) {
          this.statement(m.body);
          continue;
        }
        if (!ts.isPropertyDeclaration(m) || !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const field = this.staticFields.get(this.symbolOf(m.name))!;
        const value = m.initializer ? this.expr(m.initializer) : this.constant(UNDEFINED);
        this.emit({ op: "store", base: this.symbolAddress(field.symbol), offset: 0, src: value, width: 32, pos: this.pos(m) });
      }
      return;
    }
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.TypeAliasDeclaration:
      return;
    case ts.SyntaxKind.VariableStatement:
      for (const d of (node as ts.VariableStatement).declarationList.declarations) this.localDeclaration(d);
      return;
    case ts.SyntaxKind.ExpressionStatement:
      this.expr((node as ts.ExpressionStatement).expression, true);
      return;
    case ts.SyntaxKind.IfStatement: return this.ifStatement(node as ts.IfStatement);
    case ts.SyntaxKind.WhileStatement: return this.whileStatement(node as ts.WhileStatement);
    case ts.SyntaxKind.DoStatement: return this.doStatement(node as ts.DoStatement);
    case ts.SyntaxKind.ForStatement: return this.forStatement(node as ts.ForStatement);
    case ts.SyntaxKind.LabeledStatement: return this.labeled(node as ts.LabeledStatement);
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
      return this.breakContinue(node as ts.BreakOrContinueStatement);
    case ts.SyntaxKind.ReturnStatement: {
      const r = node as ts.ReturnStatement;
      let value = r.expression ? this.expr(r.expression) : undefined;
      if (value !== undefined && this.tries.some((t) => t.finallyBlock)) {
        // The value is kept while finally blocks run (they may change the variable).
        const kept = this.temp();
        this.emit({ op: "move", dst: kept, src: value });
        value = kept;
      }
      this.leaveTries(0);
      if (this.asyncState) this.asyncReturn(value ?? this.constant(UNDEFINED), r);
      else this.setTerm({ op: "return", value, pos: this.pos(r) });
      this.startBlock(newBlock(this.fn));
      return;
    }
    case ts.SyntaxKind.SwitchStatement: return this.switchStatement(node as ts.SwitchStatement);
    case ts.SyntaxKind.ThrowStatement: {
      const thrown = (node as ts.ThrowStatement).expression;
      this.noteThrown(thrown);
      const value = this.expr(thrown);
      this.emit({ op: "call", dst: undefined, callee: THROW, args: [value], pos: this.pos(node) });
      this.setTerm({ op: "unreachable" });
      this.startBlock(newBlock(this.fn));
      return;
    }
    case ts.SyntaxKind.TryStatement: return this.tryStatement(node as ts.TryStatement);
    case ts.SyntaxKind.ForOfStatement: return this.forOfStatement(node as ts.ForOfStatement);
    case ts.SyntaxKind.ForInStatement: return this.forInStatement(node as ts.ForInStatement);
    case ts.SyntaxKind.EnumDeclaration: return; // members are folded where they are used
    case ts.SyntaxKind.FunctionDeclaration:
      // Top-level ones are lowered when called; nested ones were created by body().
      return;
    default:
      fail(node, Codes.UnsupportedSyntax, `${syntaxName(node)} is not supported on devices yet`);
  }
};

Lowerer.prototype.localDeclaration = function localDeclaration(this: Lowerer, d: ts.VariableDeclaration): void {
  if (isBindingPattern(d.name) && d.initializer) return this.destructuring(d.name, d.initializer, d);
  if (!ts.isIdentifier(d.name)) fail(d.name, Codes.UnsupportedSyntax, "destructuring needs an initializer");
  const sym = this.symbolOf(d.name);
  if (this.isCaptured(sym, d)) {
    const value = d.initializer ? this.expr(d.initializer) : this.constant(UNDEFINED);
    this.bindLocal(sym, value, d);
    return;
  }
  const v = newVReg(this.fn, { name: d.name.text });
  this.locals.set(sym, v);
  const value = d.initializer ? this.expr(d.initializer) : this.constant(UNDEFINED);
  this.emit({ op: "move", dst: v, src: value, pos: this.pos(d) });
};

Lowerer.prototype.ifStatement = function ifStatement(this: Lowerer, node: ts.IfStatement): void {
  // A constant condition (a board fact, a build flavour) keeps only the branch it takes:
  // the other is never lowered, so nothing it calls is linked.
  const c = constantValue(node.expression, this.checker);
  if (typeof c === "boolean") {
    const taken = c ? node.thenStatement : node.elseStatement;
    if (taken) this.statement(taken);
    return;
  }
  const thenB = newBlock(this.fn), elseB = newBlock(this.fn), join = newBlock(this.fn);
  this.condition(node.expression, thenB, node.elseStatement ? elseB : join);
  this.startBlock(thenB);
  this.statement(node.thenStatement);
  this.jumpTo(join);
  if (node.elseStatement) {
    this.startBlock(elseB);
    this.statement(node.elseStatement);
    this.jumpTo(join);
  } else {
    elseB.term = { op: "jump", target: join };
  }
  this.startBlock(join);
};

/**
 * try/catch/finally. The try block runs under a handler record; leaving it normally takes
 * the record off and runs finally. A throw lands in the handler with the value: catch runs
 * (itself under a record when there is a finally, so that a throw from catch still runs
 * finally and goes on), then finally. return, break and continue out of a try leave through
 * every finally on the way (leaveTries).
 */
Lowerer.prototype.tryStatement = function tryStatement(this: Lowerer, node: ts.TryStatement): void {
  const after = newBlock(this.fn);
  const finallyBlock = node.finallyBlock;
  const guarded = (statements: () => void, onThrow: (value: VReg) => void) => {
    const record = this.fn.tryRecords = (this.fn.tryRecords ?? 0) + 1;
    const body = newBlock(this.fn), handler = newBlock(this.fn);
    this.setTerm({ op: "try", record: record - 1, body, handler, pos: this.pos(node) });
    this.startBlock(body);
    this.tries.push({ record: record - 1, finallyBlock });
    statements();
    this.tries.pop();
    this.emit({ op: "try-exit", record: record - 1 });
    if (finallyBlock) this.statement(finallyBlock);
    this.jumpTo(after);
    this.startBlock(handler);
    const value = this.temp();
    this.emit({ op: "catch-value", dst: value });
    onThrow(value);
  };
  const rethrow = (value: VReg) => {
    this.emit({ op: "call", dst: undefined, callee: RETHROW, args: [value], pos: this.pos(node) });
    this.setTerm({ op: "unreachable" });
  };
  guarded(() => this.statement(node.tryBlock), (value) => {
    const clause = node.catchClause;
    if (!clause) {
      this.statement(finallyBlock!);
      rethrow(value);
      return;
    }
    const bind = () => {
      const variable = clause.variableDeclaration;
      if (variable) {
        if (!ts.isIdentifier(variable.name)) fail(variable, Codes.UnsupportedSyntax, "destructuring a caught value is not supported on devices yet");
        this.bindLocal(this.symbolOf(variable.name), value, variable);
      }
      this.statement(clause.block);
    };
    if (!finallyBlock) {
      bind();
      this.jumpTo(after);
      return;
    }
    guarded(bind, (again) => {
      this.statement(finallyBlock);
      rethrow(again);
    });
  });
  this.startBlock(after);
};

/** Leaving try blocks down to `depth` (innermost first): each record comes off the chain
 *  and each finally block runs, outside its own try. */
Lowerer.prototype.leaveTries = function leaveTries(this: Lowerer, depth: number): void {
  const saved = this.tries;
  for (let i = saved.length - 1; i >= depth; i--) {
    const t = saved[i];
    this.emit({ op: "try-exit", record: t.record });
    if (t.close) this.call(this.runtime("iteratorClose"), [t.close.record], t.close.node, false);
    if (t.finallyBlock) {
      this.tries = saved.slice(0, i);
      this.statement(t.finallyBlock);
    }
  }
  this.tries = saved;
};

Lowerer.prototype.takeLabel = function takeLabel(this: Lowerer): string | undefined {
  const l = this.pendingLabel;
  this.pendingLabel = undefined;
  return l;
};

// Loops are inverted: the condition is tested once before the loop and again at the
// bottom, so each iteration ends in one conditional branch instead of a branch back to a
// test at the top.
Lowerer.prototype.whileStatement = function whileStatement(this: Lowerer, node: ts.WhileStatement): void {
  const label = this.takeLabel();
  const body = newBlock(this.fn), test = newBlock(this.fn), exit = newBlock(this.fn);
  this.condition(node.expression, body, exit);
  this.startBlock(body);
  this.loops.push({ breakTo: exit, continueTo: test, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(test);
  this.startBlock(test);
  this.condition(node.expression, body, exit);
  this.startBlock(exit);
};

Lowerer.prototype.doStatement = function doStatement(this: Lowerer, node: ts.DoStatement): void {
  const label = this.takeLabel();
  const body = newBlock(this.fn), test = newBlock(this.fn), exit = newBlock(this.fn);
  this.jumpTo(body);
  this.startBlock(body);
  this.loops.push({ breakTo: exit, continueTo: test, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(test);
  this.startBlock(test);
  this.condition(node.expression, body, exit);
  this.startBlock(exit);
};

/** for (const x of xs) over an array, a typed array or a string (by code units where no
 *  surrogate pairs occur: a pair is one iteration in JavaScript, which is checked). Arrays
 *  are iterated by index against the current length, as the array iterator does. */
Lowerer.prototype.forOfStatement = function forOfStatement(this: Lowerer, node: ts.ForOfStatement): void {
  if (node.awaitModifier) fail(node, Codes.UnsupportedSyntax, "'for await' is not supported on devices yet");
  if (this.collectionForOf(node)) return;
  let kind = this.kindOf(node.expression);
  const iterated = this.iterableArray(node.expression);
  if (iterated) kind = "array";
  // Anything else goes through the iteration protocol (iteration.ts).
  if (kind !== "array" && kind !== "typed" && kind !== "string") return this.forOfIterator(node);
  this.loopOver(node, kind, iterated !== undefined, () => (iterated ? iterated() : this.expr(node.expression)));
};

/** for (const key in object): the keys Object.keys gives (a plain object's, an array's
 *  indices), in a loop like for…of over them. */
Lowerer.prototype.forInStatement = function forInStatement(this: Lowerer, node: ts.ForInStatement): void {
  const kind = this.kindOf(node.expression);
  if ((kind !== "object" && kind !== "array") || this.instanceClass(node.expression) !== undefined) {
    fail(node.expression, Codes.UnsupportedSyntax, `for…in over a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.expression))}' is not supported on devices yet`);
  }
  this.loopOver(node, "array", true, () => this.call(this.runtime("objKeys"), [this.expr(node.expression)], node.expression));
};

/** The loop of for…of and for…in over an array, typed array or string made by `collectionOf`
 *  (`fresh`: an array nothing else holds, read without the checks of a user's array). */
Lowerer.prototype.loopOver = function loopOver(this: Lowerer, node: ts.ForOfStatement | ts.ForInStatement, kind: ValueKind, fresh: boolean, collectionOf: () => VReg): void {
  const label = this.takeLabel();
  const declaration = this.loopVariable(node);
  const collection = this.temp();
  this.emit({ op: "move", dst: collection, src: collectionOf() });
  const index = newVReg(this.fn, { name: "<index>" });
  this.emit({ op: "move", dst: index, src: this.constant(tagInt(0), true) });
  const test = newBlock(this.fn), body = newBlock(this.fn), update = newBlock(this.fn), exit = newBlock(this.fn);
  this.jumpTo(test);
  this.startBlock(test);
  const lengthRaw = this.temp({ raw: true });
  const lengthOffset = kind === "array" ? ARRAY_LENGTH : kind === "typed" ? TYPED_LENGTH : STRING_LENGTH;
  this.emit({ op: "load", dst: lengthRaw, base: collection, offset: lengthOffset, width: 32 });
  const length = this.temp({ smallInt: true });
  this.emit({ op: "tag", dst: length, src: lengthRaw, max: LENGTH_MAX });
  this.setTerm({ op: "branch", kind: "cmp", cmp: "lt", numeric: true, a: index, b: length, then: body, else: exit, pos: this.pos(node) });
  this.startBlock(body);
  const element = this.temp();
  if (kind === "string") {
    this.emit({ op: "call", dst: element, callee: this.runtime("strCodePointAt"), args: [collection, index], pos: this.pos(node) });
  } else if (fresh) {
    this.emit({ op: "elem-get", dst: element, array: collection, index, pos: this.pos(node) });
  } else {
    this.elementGetInto(element, node.expression, collection, index, node);
  }
  this.bindLoopVariable(declaration, element);
  this.loops.push({ breakTo: exit, continueTo: update, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(update);
  this.startBlock(update);
  const step = kind === "string" ? this.call(this.runtime("strLength"), [element], node, true, true) : this.constant(tagInt(1), true);
  const next = this.temp({ smallInt: true });
  this.emit({ op: "num", kind: "add", dst: next, a: index, b: step, pos: this.pos(node) });
  this.emit({ op: "move", dst: index, src: next });
  this.jumpTo(test);
  this.startBlock(exit);
};

/** The one variable (or pattern) a for…of or for…in declares. */
Lowerer.prototype.loopVariable = function loopVariable(this: Lowerer, node: ts.ForOfStatement | ts.ForInStatement): ts.VariableDeclaration {
  const init = node.initializer;
  if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1
    || !(ts.isIdentifier(init.declarations[0].name) || isBindingPattern(init.declarations[0].name))) {
    fail(init, Codes.UnsupportedSyntax, `${ts.isForInStatement(node) ? "for…in" : "for…of"} declares one variable or a destructuring pattern on devices`);
  }
  return init.declarations[0];
};

/** Each iteration's element into the loop's variable or pattern. */
Lowerer.prototype.bindLoopVariable = function bindLoopVariable(this: Lowerer, declaration: ts.VariableDeclaration, element: VReg): void {
  if (isBindingPattern(declaration.name)) this.destructure(declaration.name, element, declaration);
  else this.bindLocal(this.symbolOf(declaration.name), element, declaration);
};

Lowerer.prototype.forStatement = function forStatement(this: Lowerer, node: ts.ForStatement): void {
  const label = this.takeLabel();
  if (node.initializer) {
    if (ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) this.localDeclaration(d);
    } else {
      this.expr(node.initializer, true);
    }
  }
  const body = newBlock(this.fn), update = newBlock(this.fn), exit = newBlock(this.fn);
  if (node.condition) this.condition(node.condition, body, exit);
  else this.jumpTo(body);
  this.startBlock(body);
  this.loops.push({ breakTo: exit, continueTo: update, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(update);
  this.startBlock(update);
  // Each iteration has its own binding of the loop's let variables (§14.7.4.4,
  // CreatePerIterationEnvironment): a captured one moves to a fresh cell holding its value.
  if (node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    for (const d of node.initializer.declarations) {
      const cell = ts.isIdentifier(d.name) ? this.cells.get(this.symbolOf(d.name)) : undefined;
      if (cell === undefined) continue;
      const value = this.temp();
      this.emit({ op: "load", dst: value, base: cell, offset: CELL_VALUE, width: 32 });
      this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [value], d) });
    }
  }
  if (node.incrementor) this.expr(node.incrementor, true);
  if (node.condition) this.condition(node.condition, body, exit);
  else this.jumpTo(body);
  this.startBlock(exit);
};

Lowerer.prototype.labeled = function labeled(this: Lowerer, node: ts.LabeledStatement): void {
  const inner = node.statement;
  if (ts.isIterationStatement(inner, false)) {
    this.pendingLabel = node.label.text;
    this.statement(inner);
    return;
  }
  const exit = newBlock(this.fn);
  this.loops.push({ breakTo: exit, label: node.label.text, tryDepth: this.tries.length });
  this.statement(inner);
  this.loops.pop();
  this.jumpTo(exit);
  this.startBlock(exit);
};

Lowerer.prototype.breakContinue = function breakContinue(this: Lowerer, node: ts.BreakOrContinueStatement): void {
  const isBreak = node.kind === ts.SyntaxKind.BreakStatement;
  const label = node.label?.text;
  for (let i = this.loops.length - 1; i >= 0; i--) {
    const l = this.loops[i];
    if (label !== undefined ? l.label === label : (isBreak || l.continueTo)) {
      const target = isBreak ? l.breakTo : l.continueTo;
      if (!target) continue;
      this.leaveTries(l.tryDepth ?? 0);
      this.jumpTo(target);
      this.startBlock(newBlock(this.fn));
      return;
    }
  }
  fail(node, Codes.UnsupportedSyntax, `no enclosing target for '${node.getText()}'`);
};

Lowerer.prototype.switchStatement = function switchStatement(this: Lowerer, node: ts.SwitchStatement): void {
  const label = this.takeLabel();
  const value = this.expr(node.expression);
  const exit = newBlock(this.fn);
  const clauses = node.caseBlock.clauses;
  const bodies = clauses.map(() => newBlock(this.fn));
  let defaultBody: Block = exit;
  // Tests in source order, then the default; bodies fall through in source order.
  clauses.forEach((clause, i) => {
    if (ts.isDefaultClause(clause)) { defaultBody = bodies[i]; return; }
    const next = newBlock(this.fn);
    const caseValue = this.expr(clause.expression);
    this.equalityBranch(value, caseValue, node.expression, clause.expression, bodies[i], next, clause);
    this.startBlock(next);
  });
  this.jumpTo(defaultBody);
  this.loops.push({ breakTo: exit, label, tryDepth: this.tries.length });
  clauses.forEach((clause, i) => {
    this.startBlock(bodies[i]);
    for (const s of clause.statements) this.statement(s);
    this.jumpTo(i + 1 < bodies.length ? bodies[i + 1] : exit);
  });
  this.loops.pop();
  this.startBlock(exit);
};
