// Lowering expressions: expr() is the dispatch for every expression kind and returns the
// register holding the value. Here too are identifiers (locals, cells, globals, folded
// constants), storing into an assignment's target (assign), logical assignment, template
// strings, ?: and the value of && and ||. Operators are in operators.ts, calls in calls.ts,
// and the other constructs in the files lower.ts lists.

import ts from "typescript";
import { type Block, type VReg, newBlock } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { FALSE, NULL, TRUE, UNDEFINED, CELL_VALUE } from "../values.ts";
import { constantNumber, constantValue } from "./constants.ts";
import { Lowerer } from "./lowerer.ts";
import { valueKind } from "./types.ts";
import { skipParens, syntaxName } from "./syntax.ts";
import { WRITE_LENGTH } from "./frozen.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    expr(node: ts.Expression, discard?: boolean): VReg;
    typeOf(node: ts.TypeOfExpression): VReg;
    exprList(nodes: readonly ts.Expression[], evaluatedAfter?: readonly ts.Expression[]): VReg[];
    stringLiteral(text: string): VReg;
    identifier(node: ts.Identifier, symbol?: ts.Symbol): VReg;
    deadZoneCheck(global: string, value: VReg, node: ts.Node): void;
    resolveAlias(sym: ts.Symbol): ts.Symbol;
    assign(target: ts.Expression, value: VReg, node: ts.Node): void;
    logicalAssignment(node: ts.BinaryExpression, op: ts.SyntaxKind): VReg;
    materialize(branch: (ifTrue: Block, ifFalse: Block) => void): VReg;
    logicalValue(node: ts.BinaryExpression, op: ts.SyntaxKind): VReg;
    shortCircuit(
      left: VReg,
      leftNode: ts.Expression,
      kind: "??" | "||" | "&&",
      node: ts.Node,
      right: () => VReg,
    ): VReg;
    template(node: ts.TemplateExpression): VReg;
    text(value: VReg, node: ts.Expression, at?: ts.Node): VReg;
    conditional(node: ts.ConditionalExpression): VReg;
    choose(
      branch: (ifTrue: Block, ifFalse: Block) => void,
      whenTrue: () => VReg,
      whenFalse: () => VReg,
    ): VReg;
  }
}

/** Lowers an expression to a register holding its value. `discard`: the value is unused. */
Lowerer.prototype.expr = function expr(this: Lowerer, node: ts.Expression, discard = false): VReg {
  const bound = this.bound.get(node);
  if (bound !== undefined) return bound;
  const checked = this.castCheckAt(node, discard);
  if (checked !== undefined) return checked;
  const c = constantValue(node, this.checker);
  if (c !== undefined) {
    if (typeof c === "string") return this.stringLiteral(c);
    if (typeof c === "number" && this.isBoxedConstant(c)) {
      const dst = this.temp();
      this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(c), addend: 0 });
      return dst;
    }
    return this.constant(this.wordForConstant(c, node), typeof c === "number");
  }
  switch (node.kind) {
    case ts.SyntaxKind.ParenthesizedExpression: return this.expr((node as ts.ParenthesizedExpression).expression, discard);
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return this.expr((node as ts.AsExpression).expression, discard);
    case ts.SyntaxKind.Identifier: return this.identifier(node as ts.Identifier);
    case ts.SyntaxKind.BinaryExpression: return this.binary(node as ts.BinaryExpression, discard);
    case ts.SyntaxKind.PrefixUnaryExpression: return this.prefix(node as ts.PrefixUnaryExpression, discard);
    case ts.SyntaxKind.PostfixUnaryExpression: return this.postfix(node as ts.PostfixUnaryExpression, discard);
    case ts.SyntaxKind.ConditionalExpression: return this.conditional(node as ts.ConditionalExpression);
    case ts.SyntaxKind.CallExpression: return this.callExpression(node as ts.CallExpression, discard);
    case ts.SyntaxKind.NewExpression: return this.newExpression(node as ts.NewExpression);
    case ts.SyntaxKind.ThisKeyword: return this.thisValue(node);
    case ts.SyntaxKind.ArrayLiteralExpression: return this.arrayLiteral(node as ts.ArrayLiteralExpression);
    case ts.SyntaxKind.ObjectLiteralExpression: return this.objectLiteral(node as ts.ObjectLiteralExpression);
    case ts.SyntaxKind.ElementAccessExpression: return this.elementGet(node as ts.ElementAccessExpression);
    case ts.SyntaxKind.PropertyAccessExpression: return this.propertyGet(node as ts.PropertyAccessExpression);
    case ts.SyntaxKind.TemplateExpression: return this.template(node as ts.TemplateExpression);
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return this.closure(node as ts.ArrowFunction | ts.FunctionExpression);
    case ts.SyntaxKind.VoidExpression:
      this.expr((node as ts.VoidExpression).expression, true);
      return this.constant(UNDEFINED);
    case ts.SyntaxKind.AwaitExpression: return this.awaitExpression(node as ts.AwaitExpression);
    case ts.SyntaxKind.YieldExpression: return this.yieldExpression(node as ts.YieldExpression);
    case ts.SyntaxKind.TypeOfExpression: return this.typeOf(node as ts.TypeOfExpression);
    case ts.SyntaxKind.RegularExpressionLiteral: return this.regexpLiteral(node as ts.RegularExpressionLiteral);
    case ts.SyntaxKind.TaggedTemplateExpression: return this.taggedTemplate(node as ts.TaggedTemplateExpression);
    default:
      return fail(node, Codes.UnsupportedSyntax, `${syntaxName(node)} is not supported on devices yet`);
  }
};

/** `typeof x`: from the static type when that decides it, else asked of the value. */
Lowerer.prototype.typeOf = function typeOf(this: Lowerer, node: ts.TypeOfExpression): VReg {
  const kind = this.kindOf(node.expression);
  const known = kind === "number" || kind === "string" || kind === "boolean" ? kind
    : kind === "array" || kind === "typed" ? "object" : kind === "void" ? "undefined" : undefined;
  if (known !== undefined && this.isAppModule(node.getSourceFile()) && !ts.isLiteralExpression(skipParens(node.expression))) {
    // A key missing from a record or an index past an array's end reads undefined whatever
    // the element type says (checked-casts.ts).
    const value = this.expr(node.expression);
    return this.choose((ifTrue, ifFalse) => this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: value, b: this.constant(UNDEFINED), then: ifTrue, else: ifFalse, pos: this.pos(node) }),
      () => this.stringLiteral("undefined"), () => this.stringLiteral(known));
  }
  if (known !== undefined) {
    this.expr(node.expression, true);
    return this.stringLiteral(known);
  }
  return this.call(this.runtime("typeOf"), [this.expr(node.expression)], node);
};

/** Evaluates expressions left to right. A variable's value is copied when an expression
 *  after it may assign to it (`f(i, i++)` passes the old value first). */
Lowerer.prototype.exprList = function exprList(this: Lowerer, nodes: readonly ts.Expression[], evaluatedAfter: readonly ts.Expression[] = []): VReg[] {
  return nodes.map((node, i) => {
    const v = this.expr(node);
    if (this.fn.vregs[v].name !== undefined && [...nodes.slice(i + 1), ...evaluatedAfter].some(mayAssign)) {
      const copy = this.temp();
      this.emit({ op: "move", dst: copy, src: v });
      return copy;
    }
    return v;
  });
};

Lowerer.prototype.stringLiteral = function stringLiteral(this: Lowerer, text: string): VReg {
  const dst = this.temp();
  this.emit({ op: "symbol", dst, symbol: this.stringSymbol(text), addend: 0 });
  return dst;
};

Lowerer.prototype.identifier = function identifier(this: Lowerer, node: ts.Identifier, symbol?: ts.Symbol): VReg {
  if (!symbol && node.text === "undefined" && !this.locals.has(this.symbolOf(node))) return this.constant(UNDEFINED);
  const sym = this.resolveAlias(symbol ?? this.symbolOf(node));
  const local = this.locals.get(sym);
  if (local !== undefined) return local;
  const cell = this.cells.get(sym);
  if (cell !== undefined) {
    const dst = this.temp();
    this.emit({ op: "load", dst, base: cell, offset: CELL_VALUE, width: 32, pos: this.pos(node) });
    return dst;
  }
  const global = this.globalSymbols.get(sym);
  if (global) {
    const addr = this.symbolAddress(global);
    const dst = this.temp();
    this.emit({ op: "load", dst, base: addr, offset: 0, width: 32, pos: this.pos(node) });
    this.deadZoneCheck(global, dst, node);
    return dst;
  }
  const decl = sym.valueDeclaration;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer && this.isFoldableConst(decl)) {
    // A folded constant reached without expr() (a shorthand property).
    return this.expr(decl.initializer);
  }
  if (decl?.getSourceFile().isDeclarationFile && (node.text === "String" || node.text === "Boolean" || node.text === "Number") && this.isGlobal(node)) {
    // String, Boolean and Number as values (xs.map(String), xs.filter(Boolean)): the runtime's
    // conversions, which take the first argument and ignore the rest, as the globals do.
    return this.functionValue(this.runtimeDeclaration(node.text === "String" ? "toString" : node.text === "Number" ? "numberOf" : "truthy"), node);
  }
  if (decl?.getSourceFile().isDeclarationFile) {
    fail(node, Codes.UnsupportedSyntax, `the global '${node.text}' is not supported on devices yet`);
  }
  if (decl && ts.isVariableDeclaration(decl) && ts.isSourceFile(decl.parent.parent.parent)) {
    // A module-level variable of a module not declared yet (used before its module's
    // declarations were lowered): declare it now.
    this.declareGlobal(decl, this.moduleInfo(decl.getSourceFile()));
    if (this.globalSymbols.has(sym)) return this.identifier(node);
  }
  const big = constantNumber(node, this.checker);
  if (big !== undefined) {
    if (this.isBoxedConstant(big)) {
      const dst = this.temp();
      this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(big), addend: 0 });
      return dst;
    }
    this.wordForConstant(big, node);
  }
  if (decl && ts.isFunctionDeclaration(decl) && ts.isSourceFile(decl.parent)) return this.functionValue(decl, node);
  return fail(node, Codes.UnsupportedSyntax, `'${node.text}' is not supported on devices`);
};

/** ReferenceError when a function touches a module variable before its declaration ran. */
Lowerer.prototype.deadZoneCheck = function deadZoneCheck(this: Lowerer, global: string, value: VReg, node: ts.Node): void {
  if (!this.deadZoneGlobals.has(global) || this.fn.symbol.endsWith(".<init>")) return;
  this.emit({ op: "check-initialized", src: value, pos: this.pos(node) });
};

Lowerer.prototype.resolveAlias = function resolveAlias(this: Lowerer, sym: ts.Symbol): ts.Symbol {
  return sym.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(sym) : sym;
};

/** Where an assignment to `target` goes. */
Lowerer.prototype.assign = function assign(this: Lowerer, target: ts.Expression, value: VReg, node: ts.Node): void {
  target = skipParens(target);
  if (ts.isIdentifier(target)) {
    const sym = this.resolveAlias(this.symbolOf(target));
    const local = this.locals.get(sym);
    if (local !== undefined) {
      this.emit({ op: "move", dst: local, src: value, pos: this.pos(node) });
      return;
    }
    const cell = this.cells.get(sym);
    if (cell !== undefined) {
      this.emit({ op: "store", base: cell, offset: CELL_VALUE, src: value, width: 32, pos: this.pos(node) });
      return;
    }
    if (!this.globalSymbols.has(sym)) this.identifier(target);
    const global = this.globalSymbols.get(sym);
    if (global) {
      const addr = this.symbolAddress(global);
      if (this.deadZoneGlobals.has(global) && !this.fn.symbol.endsWith(".<init>")) {
        const old = this.temp();
        this.emit({ op: "load", dst: old, base: addr, offset: 0, width: 32, pos: this.pos(node) });
        this.deadZoneCheck(global, old, target);
      }
      this.emit({ op: "store", base: addr, offset: 0, src: value, width: 32, pos: this.pos(node) });
      return;
    }
  }
  if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
    const array = this.arrayOperand(target.expression);
    const index = this.expr(target.argumentExpression);
    this.numberOperands(target.argumentExpression, target.argumentExpression);
    this.elementSet(target.expression, array, index, value, node);
    return;
  }
  if (ts.isPropertyAccessExpression(target) && target.name.text === "length" && this.kindOf(target.expression) === "array") {
    // a.length = n: the array may get shorter, which the range analysis must know.
    this.arraysShrink = true;
    const array = this.expr(target.expression);
    this.frozenArrayCheck(array, WRITE_LENGTH, undefined, node);
    this.call(this.runtime("arraySetLength"), [array, value], node, false);
    return;
  }
  if (ts.isPropertyAccessExpression(target)) {
    const member = this.classMember(target);
    if (member?.kind === "field") {
      const object = this.expr(target.expression);
      this.byField(member, object, node,
        () => this.emit({ op: "store", base: object, offset: this.fieldOffset(member.info, member.name), src: value, width: 32, pos: this.pos(node) }),
        () => this.call(this.runtime("objSet"), [object, this.stringLiteral(member.name), value], node, false));
      return;
    }
    if (member?.kind === "static-field") {
      this.emit({ op: "store", base: this.symbolAddress(member.symbol), offset: 0, src: value, width: 32, pos: this.pos(node) });
      return;
    }
    if (member?.kind === "accessor") {
      const slot = member.info.slots.get(`set ${member.name}`);
      if (slot === undefined) fail(target, Codes.UnsupportedSyntax, `'${member.name}' has no setter`);
      this.methodCall(this.expr(target.expression), slot, [value], node, `set ${member.name}`);
      return;
    }
    if (!member && this.kindOf(target.expression) === "object") {
      this.call(this.runtime("objSet"), [this.expr(target.expression), this.stringLiteral(target.name.text), value], node, false);
      return;
    }
  }
  if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) === "object") {
    const [object, key] = this.exprList([target.expression, target.argumentExpression]);
    this.call(this.runtime("objSet"), [object, key, value], node, false);
    return;
  }
  fail(target, Codes.UnsupportedSyntax, `assignment to ${syntaxName(target)} is not supported on devices yet`);
};

/** a ??= b, a ||= b, a &&= b: b is evaluated and assigned only when a is nullish, falsy,
 *  truthy. The target is a variable, or a property or element of one (read, then written
 *  through the same path: so nothing in it may have effects). */
Lowerer.prototype.logicalAssignment = function logicalAssignment(this: Lowerer, node: ts.BinaryExpression, op: ts.SyntaxKind): VReg {
  const target = skipParens(node.left);
  const plain = (e: ts.Expression): boolean => ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword || ts.isLiteralExpression(e)
    || (ts.isPropertyAccessExpression(e) && plain(e.expression)) || (ts.isElementAccessExpression(e) && plain(e.expression) && plain(e.argumentExpression));
  if (!plain(target)) {
    fail(target, Codes.UnsupportedSyntax, `'${ts.tokenToString(op)}' on a target that calls or computes is not supported on devices yet`, "assign it to a variable first");
  }
  const kind = op === ts.SyntaxKind.QuestionQuestionEqualsToken ? "??" : op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? "&&" : "||";
  return this.shortCircuit(this.expr(target), target, kind, node, () => {
    const value = this.expr(node.right);
    if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
      this.requireArray(target.expression);
      const [array, index] = this.exprList([target.expression, target.argumentExpression]);
      this.elementSet(target.expression, array, index, value, node);
    } else {
      this.assign(target, value, node);
    }
    return value;
  });
};

/** A condition turned into a boolean value. */
Lowerer.prototype.materialize = function materialize(this: Lowerer, branch: (ifTrue: Block, ifFalse: Block) => void): VReg {
  const result = this.temp();
  const t = newBlock(this.fn), f = newBlock(this.fn), join = newBlock(this.fn);
  branch(t, f);
  this.startBlock(t);
  this.emit({ op: "const", dst: result, word: TRUE });
  this.jumpTo(join);
  this.startBlock(f);
  this.emit({ op: "const", dst: result, word: FALSE });
  this.jumpTo(join);
  this.startBlock(join);
  return result;
};

Lowerer.prototype.logicalValue = function logicalValue(this: Lowerer, node: ts.BinaryExpression, op: ts.SyntaxKind): VReg {
  const kind = op === ts.SyntaxKind.QuestionQuestionToken ? "??" : op === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "||";
  return this.shortCircuit(this.expr(node.left), node.left, kind, node, () => this.expr(node.right));
};

/** left ?? right, left || right, left && right, with `left` already evaluated: `right()`
 *  runs only when left is nullish, falsy, truthy; the value is left's or right's. */
Lowerer.prototype.shortCircuit = function shortCircuit(this: Lowerer, left: VReg, leftNode: ts.Expression, kind: "??" | "||" | "&&", node: ts.Node, right: () => VReg): VReg {
  const result = this.temp();
  this.emit({ op: "move", dst: result, src: left });
  const evalRight = newBlock(this.fn), join = newBlock(this.fn);
  const pos = this.pos(node);
  if (kind === "??") {
    const second = newBlock(this.fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: left, b: this.constant(UNDEFINED), then: evalRight, else: second, pos });
    this.startBlock(second);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: left, b: this.constant(NULL), then: evalRight, else: join, pos });
  } else {
    const [t, f] = kind === "&&" ? [evalRight, join] : [join, evalRight];
    this.truthyBranch(left, this.truthiness(leftNode), t, f, leftNode);
  }
  this.startBlock(evalRight);
  this.emit({ op: "move", dst: result, src: right() });
  this.jumpTo(join);
  this.startBlock(join);
  return result;
};

Lowerer.prototype.template = function template(this: Lowerer, node: ts.TemplateExpression): VReg {
  let acc = this.stringLiteral(node.head.text);
  for (const span of node.templateSpans) {
    const v = this.expr(span.expression);
    const s = this.text(v, span.expression);
    acc = this.call(this.runtime("concat"), [acc, s], span);
    if (span.literal.text.length > 0) acc = this.call(this.runtime("concat"), [acc, this.stringLiteral(span.literal.text)], span);
  }
  return acc;
};

/**
 * String(value) of `node`'s value, by the conversion its type needs: none for a string; for a
 * number, numberText (a small integer's digits once the range analysis proves it one:
 * passes/number-text.ts); for strings, booleans, null and undefined, primitiveText; else the
 * general toString, which converts numbers, arrays and objects (calling a class's toString).
 */
Lowerer.prototype.text = function text(this: Lowerer, value: VReg, node: ts.Expression, at: ts.Node = node): VReg {
  const kind = this.kindOf(node);
  if (kind === "string") return value;
  if (kind === "number") return this.call(this.runtime("numberText"), [value], at);
  const type = this.typeAt(node);
  const parts = type.isUnion() ? type.types : [type];
  const primitive = !this.castDoubted(node) && parts.every((t) => ["string", "boolean", "nullish", "void"].includes(valueKind(this.checker, t)));
  return this.call(this.runtime(primitive ? "primitiveText" : "toString"), [value], at);
};

Lowerer.prototype.conditional = function conditional(this: Lowerer, node: ts.ConditionalExpression): VReg {
  return this.choose((t, f) => this.condition(node.condition, t, f), () => this.expr(node.whenTrue), () => this.expr(node.whenFalse));
};

/** One of two values: `branch` jumps to the first block or the second, each arm computes
 *  its value there, and the arms join in the result. */
Lowerer.prototype.choose = function choose(this: Lowerer, branch: (ifTrue: Block, ifFalse: Block) => void, whenTrue: () => VReg, whenFalse: () => VReg): VReg {
  const result = this.temp();
  const t = newBlock(this.fn), f = newBlock(this.fn), join = newBlock(this.fn);
  branch(t, f);
  this.startBlock(t);
  this.emit({ op: "move", dst: result, src: whenTrue() });
  this.jumpTo(join);
  this.startBlock(f);
  this.emit({ op: "move", dst: result, src: whenFalse() });
  this.jumpTo(join);
  this.startBlock(join);
  return result;
};

/** Can evaluating this expression assign to a variable (assignment, ++/--, or a call)? */
function mayAssign(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
    && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
    && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  return ts.forEachChild(node, mayAssign) ?? false;
}
