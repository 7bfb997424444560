// Lowering operators: binary expressions (arithmetic, comparisons as values, in, instanceof,
// the comma, = with destructuring assignment, and the compound assignments), prefix and
// postfix operators, ++ and --, and string concatenation. Arithmetic becomes IR num
// instructions (the back end makes their small-integer fast paths); division and remainder
// call the port's routines, and with doubles a chain of + - * / on names and literals is
// computed in the port's double accumulator (doubleChain).

import ts from "typescript";
import type { NumOp, VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { tagInt } from "../values.ts";
import type { ValueKind } from "./types.ts";
import { DOUBLE_ACCUMULATOR, PORT_ARITHMETIC } from "../port.ts";
import { Lowerer } from "./lowerer.ts";
import { skipParens, comparisonOp } from "./syntax.ts";
import { TYPED_ELEMENT_NAMES } from "../../lib/rt/layout.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    numberOperands(node: ts.Node, ...operands: ts.Expression[]): void;
    requireSmall(node: ts.Node, ...values: VReg[]): void;
    binary(node: ts.BinaryExpression, discard: boolean): VReg;
    doubleChain(node: ts.BinaryExpression): VReg | undefined;
    arithmetic(
      op: ts.SyntaxKind,
      a: VReg,
      b: VReg,
      left: ts.Expression,
      right: ts.Expression,
      node: ts.Node,
    ): VReg;
    concat(a: VReg, b: VReg, ka: ValueKind, kb: ValueKind, node: ts.Node): VReg;
    prefix(node: ts.PrefixUnaryExpression, discard: boolean): VReg;
    postfix(node: ts.PostfixUnaryExpression, discard: boolean): VReg;
    increment(target: ts.Expression, up: boolean, returnNew: boolean, node: ts.Node): VReg;
  }
}

/** Operators a chain on the double accumulator applies (Lowerer.doubleChain). */
const DOUBLE_CHAIN_OPS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusToken]: DOUBLE_ACCUMULATOR.add, [ts.SyntaxKind.MinusToken]: DOUBLE_ACCUMULATOR.sub,
  [ts.SyntaxKind.AsteriskToken]: DOUBLE_ACCUMULATOR.mul, [ts.SyntaxKind.SlashToken]: DOUBLE_ACCUMULATOR.div,
  [ts.SyntaxKind.PercentToken]: DOUBLE_ACCUMULATOR.mod,
};

/** Operators that need numbers get numbers: JavaScript would convert a string or a boolean
 *  (NaN, 1, …), which this language step does not do, so such a use is an error here. The
 *  back end checks the representation (small or boxed) where ranges do not prove it. */
Lowerer.prototype.numberOperands = function numberOperands(this: Lowerer, node: ts.Node, ...operands: ts.Expression[]): void {
  for (const operand of operands) {
    const kind = this.kindOf(operand);
    if (kind === "number") continue;
    const type = this.checker.typeToString(this.checker.getTypeAtLocation(operand));
    const what = ts.isBinaryExpression(node) ? `operator '${ts.tokenToString(node.operatorToken.kind)}'`
      : ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node) ? `operator '${ts.tokenToString(node.operator)}'` : "an index";
    fail(operand, Codes.UnsupportedOperator, `${what} on a value of type '${type}' is not supported on devices yet`,
      "devices compute only with numbers here; convert explicitly");
  }
};

/** Operands of intrinsics (addresses, raw words) must be small integers. */
Lowerer.prototype.requireSmall = function requireSmall(this: Lowerer, node: ts.Node, ...values: VReg[]): void {
  for (const v of values) this.emit({ op: "check-int", src: v, pos: this.pos(node) });
};

Lowerer.prototype.binary = function binary(this: Lowerer, node: ts.BinaryExpression, discard: boolean): VReg {
  const op = node.operatorToken.kind;
  const isArrayElement = (e: ts.Expression) => ts.isElementAccessExpression(e) && this.kindOf(e.expression) !== "object";
  if (op === ts.SyntaxKind.EqualsToken) {
    if (isArrayElement(skipParens(node.left))) {
      // Evaluate the target's object and index before the value, as JS does.
      const target = skipParens(node.left) as ts.ElementAccessExpression;
      this.requireArray(target.expression);
      const [array, index, value] = this.exprList([target.expression, target.argumentExpression, node.right]);
      this.elementSet(target.expression, array, index, value, node);
      return value;
    }
    const value = this.expr(node.right);
    const pattern = skipParens(node.left);
    if (ts.isArrayLiteralExpression(pattern)) {
      // [a, b] = [b, a]: the right side first, then each target in order gets its element.
      // Anything but an array through the iteration protocol (iteration.ts): a step per
      // element, holes included, and the iterator closed after the last.
      const record = this.kindOf(node.right) === "array" ? undefined : this.iteratorOf(node.right, value);
      pattern.elements.forEach((element, i) => {
        if (ts.isOmittedExpression(element)) {
          if (record) this.call(this.runtime("iteratorStepValue"), [record], element, false);
          return;
        }
        if (ts.isSpreadElement(element) || ts.isBinaryExpression(element) || ts.isArrayLiteralExpression(element) || ts.isObjectLiteralExpression(element)) {
          fail(element, Codes.UnsupportedSyntax, "defaults, rest and nesting in destructuring assignments are not supported on devices yet");
        }
        let item = this.temp();
        if (record) item = this.call(this.runtime("iteratorStepValue"), [record], element);
        else this.emit({ op: "elem-get", dst: item, array: value, index: this.constant(tagInt(i), true), pos: this.pos(element) });
        this.assign(element, item, element);
      });
      if (record) this.call(this.runtime("iteratorClose"), [record], pattern, false);
      return value;
    }
    this.assign(node.left, value, node);
    return value;
  }
  if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) {
    return this.logicalAssignment(node, op);
  }
  const compound = compoundOperator(op);
  if (compound !== undefined) {
    const left = skipParens(node.left);
    if (ts.isElementAccessExpression(left) && isArrayElement(left)) {
      this.requireArray(left.expression);
      const [array, index] = this.exprList([left.expression, left.argumentExpression], [node.right]);
      const old = this.temp();
      this.elementGetInto(old, left.expression, array, index, left);
      const right = this.expr(node.right);
      const result = this.arithmetic(compound, old, right, left, node.right, node);
      this.elementSet(left.expression, array, index, result, node);
      return result;
    }
    const old = this.expr(node.left);
    const right = this.expr(node.right);
    const result = this.arithmetic(compound, old, right, node.left, node.right, node);
    this.assign(node.left, result, node);
    return result;
  }
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
    return this.logicalValue(node, op);
  }
  if (op === ts.SyntaxKind.CommaToken) {
    this.expr(node.left, true);
    return this.expr(node.right, discard);
  }
  const cmp = comparisonOp(op);
  if (cmp) return this.materialize((t, f) => this.condition(node, t, f));
  if (op === ts.SyntaxKind.InKeyword && this.kindOf(node.right) === "object" && this.kindOf(node.left) === "string") {
    const [key, object] = this.exprList([node.left, node.right]);
    return this.call(this.runtime("objHas"), [object, key], node);
  }
  if (op === ts.SyntaxKind.InstanceOfKeyword) {
    // `x instanceof Uint8Array` (or another typed array): the element type in its descriptor.
    const right = skipParens(node.right);
    const element = ts.isIdentifier(right) && this.isGlobal(right) ? TYPED_ELEMENT_NAMES.split(" ").indexOf(right.text) : -1;
    if (element >= 0) return this.call(this.runtime("typedInstanceOf"), [this.expr(node.left), this.constant(tagInt(element), true)], node);
    const decl = this.classDeclarationOf(node.right);
    if (!decl) fail(node.right, Codes.UnsupportedOperator, "instanceof works on devices with classes of the program");
    const value = this.expr(node.left);
    const descriptor = this.symbolAddress(this.classInfo(decl).descriptor);
    const descriptorNumber = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: descriptorNumber, src: descriptor });
    return this.call(this.runtime("instanceOf"), [value, descriptorNumber], node);
  }
  const masked = this.maskedPeek(node);
  if (masked !== undefined) return masked;
  const division = truncatedDivision(node);
  if (division) {
    // (a / b) | 0 is integer division (asm.js style): no fraction is ever materialised.
    const [a, b] = this.exprList([division.left, division.right]);
    this.numberOperands(node, division.left, division.right);
    return this.call(PORT_ARITHMETIC.idiv, [a, b], node, true, true);
  }
  const chain = this.doubles ? this.doubleChain(node) : undefined;
  if (chain !== undefined) return chain;
  const [left, right] = this.exprList([node.left, node.right]);
  return this.arithmetic(op, left, right, node.left, node.right, node);
};

/**
 * `x * 0.0625 + offset`, `(f - 32) * 5 / 9`: a chain of two or more arithmetic operators on
 * numbers, each applied to a variable or a literal, that likely computes with fractions (it
 * has a fractional literal or a `/`), is evaluated on the port's double accumulator: one
 * conversion in, one result boxed out, none in between. Each step rounds as JavaScript does,
 * so the result is the same double; the operands (names and literals) cannot run code that
 * would use the accumulator meanwhile.
 */
Lowerer.prototype.doubleChain = function doubleChain(this: Lowerer, node: ts.BinaryExpression): VReg | undefined {
  const steps: Array<{ op: string; operand: ts.Expression }> = [];
  let fractional = false;
  let head: ts.Expression = node;
  for (;;) {
    const e = skipParens(head);
    if (!ts.isBinaryExpression(e)) break;
    const op = DOUBLE_CHAIN_OPS[e.operatorToken.kind];
    if (op === undefined || truncatedDivision(e) || this.kindOf(e.left) !== "number" || this.kindOf(e.right) !== "number") break;
    const operand = skipParens(e.right);
    if (!ts.isIdentifier(operand) && !ts.isNumericLiteral(operand)) break;
    if (ts.isNumericLiteral(operand) && !Number.isInteger(Number(operand.text))) fractional = true;
    if (e.operatorToken.kind === ts.SyntaxKind.SlashToken) fractional = true;
    steps.unshift({ op, operand });
    head = e.left;
  }
  const first = skipParens(head);
  if (ts.isNumericLiteral(first) && !Number.isInteger(Number(first.text))) fractional = true;
  if (steps.length < 2 || !fractional) return undefined;
  const pos = this.pos(node);
  this.emit({ op: "call", dst: undefined, callee: DOUBLE_ACCUMULATOR.load, args: [this.expr(head)], pos });
  for (const step of steps) {
    const operand = this.expr(step.operand);
    this.emit({ op: "call", dst: undefined, callee: step.op, args: [operand], pos });
  }
  return this.call(DOUBLE_ACCUMULATOR.result, [], node);
};

Lowerer.prototype.arithmetic = function arithmetic(this: Lowerer, op: ts.SyntaxKind, a: VReg, b: VReg, left: ts.Expression, right: ts.Expression, node: ts.Node): VReg {
  if (op === ts.SyntaxKind.PlusToken) {
    const ka = this.kindOf(left), kb = this.kindOf(right);
    if (ka === "string" || kb === "string") return this.concat(a, b, ka, kb, node);
    if (ka !== "number" || kb !== "number") {
      fail(node, Codes.UnsupportedOperator, "'+' is supported on devices between numbers, or with a string operand");
    }
  }
  if (op === ts.SyntaxKind.AsteriskAsteriskToken && this.doubles) {
    this.numberOperands(node, left, right);
    return this.call(this.runtime("mathPowDouble"), [a, b], node);
  }
  const kind = numOp(op);
  if (!kind) fail(node, Codes.UnsupportedOperator, `operator '${ts.tokenToString(op)}' is not supported on devices yet`);
  this.numberOperands(node, left, right);
  const pos = this.pos(node);
  if (kind === "div" || kind === "mod") {
    return this.call(PORT_ARITHMETIC[kind], [a, b], node, true, true);
  }
  const dst = this.temp({ smallInt: true });
  this.emit({ op: "num", kind, dst, a, b, pos });
  return dst;
};

Lowerer.prototype.concat = function concat(this: Lowerer, a: VReg, b: VReg, ka: ValueKind, kb: ValueKind, node: ts.Node): VReg {
  const operands = ts.isBinaryExpression(node) ? [node.left, node.right] : [];
  const isError = (e: ts.Expression | undefined) => e !== undefined && this.instanceClass(e) !== undefined
    && this.isErrorClass(this.instanceClass(e)!);
  if (ka !== "string" && isError(operands[0])) { a = this.call(this.runtime("errorToString"), [a], node); ka = "string"; }
  if (kb !== "string" && isError(operands[1])) { b = this.call(this.runtime("errorToString"), [b], node); kb = "string"; }
  for (const k of [ka, kb]) {
    if (k === "typed") fail(node, Codes.UnsupportedOperator, "joining a typed array to a string is not supported on devices yet", "convert it explicitly");
  }
  const toText = (v: VReg, k: ValueKind, operand: ts.Expression | undefined) =>
    k === "string" ? v : operand && this.kindOf(operand) === k ? this.text(v, operand, node) : this.call(this.runtime("toString"), [v], node);
  const sa = toText(a, ka, operands[0]);
  const sb = toText(b, kb, operands[1]);
  return this.call(this.runtime("concat"), [sa, sb], node);
};

Lowerer.prototype.prefix = function prefix(this: Lowerer, node: ts.PrefixUnaryExpression, discard: boolean): VReg {
  const pos = this.pos(node);
  switch (node.operator) {
    case ts.SyntaxKind.ExclamationToken:
      return this.materialize((t, f) => this.condition(node.operand, f, t));
    case ts.SyntaxKind.MinusToken: {
      const a = this.expr(node.operand);
      this.numberOperands(node, node.operand);
      const dst = this.temp({ smallInt: true });
      this.emit({ op: "neg", dst, a, pos });
      return dst;
    }
    case ts.SyntaxKind.PlusToken: {
      if (this.doubles) return this.toNumber(node.operand, node);
      if (this.kindOf(node.operand) !== "number") fail(node, Codes.UnsupportedOperator, "unary '+' is supported on devices only on numbers");
      const a = this.expr(node.operand);
      return a;
    }
    case ts.SyntaxKind.TildeToken: {
      const a = this.expr(node.operand);
      this.numberOperands(node, node.operand);
      const dst = this.temp({ smallInt: true });
      this.emit({ op: "bitnot", dst, a, pos });
      return dst;
    }
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken:
      return this.increment(node.operand, node.operator === ts.SyntaxKind.PlusPlusToken, true, node);
  }
  return fail(node, Codes.UnsupportedOperator, "this unary operator is not supported on devices");
};

Lowerer.prototype.postfix = function postfix(this: Lowerer, node: ts.PostfixUnaryExpression, discard: boolean): VReg {
  return this.increment(node.operand, node.operator === ts.SyntaxKind.PlusPlusToken, discard, node);
};

Lowerer.prototype.increment = function increment(this: Lowerer, target: ts.Expression, up: boolean, returnNew: boolean, node: ts.Node): VReg {
  const pos = this.pos(node);
  const one = this.constant(tagInt(1), true);
  target = skipParens(target);
  if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
    const array = this.arrayOperand(target.expression);
    const index = this.expr(target.argumentExpression);
    this.numberOperands(target.argumentExpression, target.argumentExpression);
    const old = this.temp();
    this.elementGetInto(old, target.expression, array, index, node);
    const result = this.temp({ smallInt: true });
    this.emit({ op: "num", kind: up ? "add" : "sub", dst: result, a: old, b: one, pos });
    this.elementSet(target.expression, array, index, result, node);
    return returnNew ? result : old;
  }
  const current = this.expr(target);
  this.numberOperands(node, target);
  // The old value must survive the assignment when it is the expression's value.
  const old = returnNew ? current : this.temp({ smallInt: true });
  if (!returnNew) this.emit({ op: "move", dst: old, src: current });
  const result = this.temp({ smallInt: true });
  this.emit({ op: "num", kind: up ? "add" : "sub", dst: result, a: current, b: one, pos });
  this.assign(target, result, node);
  return returnNew ? result : old;
};

function truncatedDivision(node: ts.BinaryExpression): ts.BinaryExpression | undefined {
  if (node.operatorToken.kind !== ts.SyntaxKind.BarToken) return undefined;
  const right = skipParens(node.right);
  if (!ts.isNumericLiteral(right) || right.text !== "0") return undefined;
  const left = skipParens(node.left);
  return ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.SlashToken ? left : undefined;
}

function compoundOperator(op: ts.SyntaxKind): ts.SyntaxKind | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusEqualsToken: return ts.SyntaxKind.PlusToken;
    case ts.SyntaxKind.MinusEqualsToken: return ts.SyntaxKind.MinusToken;
    case ts.SyntaxKind.AsteriskEqualsToken: return ts.SyntaxKind.AsteriskToken;
    case ts.SyntaxKind.SlashEqualsToken: return ts.SyntaxKind.SlashToken;
    case ts.SyntaxKind.PercentEqualsToken: return ts.SyntaxKind.PercentToken;
    case ts.SyntaxKind.AmpersandEqualsToken: return ts.SyntaxKind.AmpersandToken;
    case ts.SyntaxKind.BarEqualsToken: return ts.SyntaxKind.BarToken;
    case ts.SyntaxKind.CaretEqualsToken: return ts.SyntaxKind.CaretToken;
    case ts.SyntaxKind.LessThanLessThanEqualsToken: return ts.SyntaxKind.LessThanLessThanToken;
    case ts.SyntaxKind.GreaterThanGreaterThanEqualsToken: return ts.SyntaxKind.GreaterThanGreaterThanToken;
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken: return ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken;
    case ts.SyntaxKind.AsteriskAsteriskEqualsToken: return ts.SyntaxKind.AsteriskAsteriskToken;
  }
  return undefined;
}

function numOp(op: ts.SyntaxKind): NumOp | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusToken: return "add";
    case ts.SyntaxKind.MinusToken: return "sub";
    case ts.SyntaxKind.AsteriskToken: return "mul";
    case ts.SyntaxKind.SlashToken: return "div";
    case ts.SyntaxKind.PercentToken: return "mod";
    case ts.SyntaxKind.AmpersandToken: return "and";
    case ts.SyntaxKind.BarToken: return "or";
    case ts.SyntaxKind.CaretToken: return "xor";
    case ts.SyntaxKind.LessThanLessThanToken: return "shl";
    case ts.SyntaxKind.GreaterThanGreaterThanToken: return "sar";
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return "shr";
  }
  return undefined;
}
