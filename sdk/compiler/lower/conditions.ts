// Lowering conditions: the test of an if, a loop, ?: or ! becomes a branch to one of two blocks
// rather than a boolean value. Comparisons branch on the compare itself, && and || branch
// through their operands, and other values branch on their truthiness, tested only as far as
// the value's static type needs.

import ts from "typescript";
import { type Block, type Truthiness, type VReg, newBlock } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { NULL, UNDEFINED, isSmallIntValue, tagInt } from "../values.ts";
import type { ValueKind } from "./types.ts";
import { constantValue } from "./constants.ts";
import { Lowerer } from "./lowerer.ts";
import { skipParens, comparisonOp } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    condition(node: ts.Expression, ifTrue: Block, ifFalse: Block): void;
    truthyBranch(value: VReg, test: Truthiness, ifTrue: Block, ifFalse: Block, node: ts.Node): void;
    truthiness(node: ts.Expression): Truthiness;
    isMaybeHole(node: ts.Expression): boolean;
    equalityBranch(
      a: VReg,
      b: VReg,
      left: ts.Expression,
      right: ts.Expression,
      ifEqual: Block,
      ifNot: Block,
      node: ts.Node,
      loose?: boolean,
    ): void;
    needsDeepEquality(ka: ValueKind, kb: ValueKind, left: ts.Expression, right: ts.Expression): boolean;
  }
}

/** Lowers a condition straight into branches (no boolean is materialised). */
Lowerer.prototype.condition = function condition(this: Lowerer, node: ts.Expression, ifTrue: Block, ifFalse: Block): void {
  node = skipParens(node);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    return this.condition(node.operand, ifFalse, ifTrue);
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const mid = newBlock(this.fn);
      this.condition(node.left, mid, ifFalse);
      this.startBlock(mid);
      return this.condition(node.right, ifTrue, ifFalse);
    }
    if (op === ts.SyntaxKind.BarBarToken) {
      const mid = newBlock(this.fn);
      this.condition(node.left, ifTrue, mid);
      this.startBlock(mid);
      return this.condition(node.right, ifTrue, ifFalse);
    }
    const cmp = comparisonOp(op);
    if (cmp?.equality) {
      // (peekN(address) & MASK) === 0, a register's bits tested: on the raw word.
      for (const [masked, zero] of [[node.left, node.right], [node.right, node.left]]) {
        if (constantValue(zero, this.checker) !== 0) continue;
        const test = this.maskedPeekBits(masked, true);
        if (!test) continue;
        const none = this.temp({ raw: true });
        this.emit({ op: "const", dst: none, word: 0 });
        const [t, f] = cmp.op === "eq" ? [ifTrue, ifFalse] : [ifFalse, ifTrue];
        this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: test.bits, b: none, then: t, else: f, pos: this.pos(node) });
        return;
      }
    }
    if (cmp) {
      const [a, b] = this.exprList([node.left, node.right]);
      if (cmp.equality) {
        const [t, f] = cmp.op === "eq" ? [ifTrue, ifFalse] : [ifFalse, ifTrue];
        return this.equalityBranch(a, b, node.left, node.right, t, f, node, cmp.loose);
      }
      if (this.kindOf(node.left) === "string" && this.kindOf(node.right) === "string") {
        // Strings order by UTF-16 code units: compare the -1/0/1 of strCompare with 0.
        const order = this.call(this.runtime("strCompare"), [a, b], node, true, true);
        this.setTerm({ op: "branch", kind: "cmp", cmp: cmp.op, numeric: true, a: order, b: this.constant(tagInt(0), true), then: ifTrue, else: ifFalse, pos: this.pos(node) });
        return;
      }
      this.numberOperands(node, node.left, node.right);
      this.setTerm({ op: "branch", kind: "cmp", cmp: cmp.op, numeric: true, a, b, then: ifTrue, else: ifFalse, pos: this.pos(node) });
      return;
    }
  }
  const value = this.expr(node);
  this.truthyBranch(value, this.truthiness(node), ifTrue, ifFalse, node);
};

Lowerer.prototype.truthyBranch = function truthyBranch(this: Lowerer, value: VReg, test: Truthiness, ifTrue: Block, ifFalse: Block, node: ts.Node): void {
  if (test === "any") {
    const b = this.call(this.runtime("truthy"), [value], node);
    this.setTerm({ op: "branch", kind: "truthy", test: "boolean", value: b, then: ifTrue, else: ifFalse, pos: this.pos(node) });
    return;
  }
  this.setTerm({ op: "branch", kind: "truthy", test, value, then: ifTrue, else: ifFalse, pos: this.pos(node) });
};

Lowerer.prototype.truthiness = function truthiness(this: Lowerer, node: ts.Expression): Truthiness {
  const kind = this.kindOf(node);
  switch (kind) {
    case "boolean": return "boolean";
    case "number": return this.isMaybeHole(node) ? "any" : "number";
    case "string": return "string";
    case "nullish": case "void": return "nullish";
    case "array": case "typed": case "object": return "object";
    default: return "any";
  }
};

/** Array element reads can be holes (undefined) whatever the element type says. */
Lowerer.prototype.isMaybeHole = function isMaybeHole(this: Lowerer, node: ts.Expression): boolean {
  return ts.isElementAccessExpression(skipParens(node));
};

Lowerer.prototype.equalityBranch = function equalityBranch(this: Lowerer, a: VReg, b: VReg, left: ts.Expression, right: ts.Expression, ifEqual: Block, ifNot: Block, node: ts.Node, loose = false): void {
  const ka = this.kindOf(left), kb = this.kindOf(right);
  const pos = this.pos(node);
  if (loose && (ka === "nullish" || kb === "nullish")) {
    // x == null: true for undefined and null alike.
    const other = ka === "nullish" ? a : b;
    const second = newBlock(this.fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: other, b: this.constant(UNDEFINED), then: ifEqual, else: second, pos });
    this.startBlock(second);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: other, b: this.constant(NULL), then: ifEqual, else: ifNot, pos });
    return;
  }
  if (loose && ka !== kb) fail(node, Codes.UnsupportedOperator, "'==' between values of different types is not supported on devices", "use '===' or convert explicitly");
  if (ka === "number" && kb === "number") {
    // Equal numbers can be different words (a boxed number is not shared), except that a
    // small integer is never boxed: against one, comparing words is exact.
    // With doubles, 0 is the exception: -0 (boxed) === 0.
    const small = (e: ts.Expression) => { const c = constantValue(e, this.checker); return typeof c === "number" && isSmallIntValue(c) && !(this.doubles && c === 0); };
    const numeric = !(small(left) || small(right));
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric, a, b, then: ifEqual, else: ifNot, pos });
    return;
  }
  if (this.needsDeepEquality(ka, kb, left, right)) {
    const r = this.call(this.runtime("strictEquals"), [a, b], node);
    this.setTerm({ op: "branch", kind: "truthy", test: "boolean", value: r, then: ifEqual, else: ifNot, pos });
    return;
  }
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a, b, then: ifEqual, else: ifNot, pos });
};

/** Strings compare by content; everything else in this language step by identity (numbers
 *  are small integers, so equal numbers are equal words). */
Lowerer.prototype.needsDeepEquality = function needsDeepEquality(this: Lowerer, ka: ValueKind, kb: ValueKind, left: ts.Expression, right: ts.Expression): boolean {
  if (ka === "string" || kb === "string" || ka === "any" || kb === "any") {
    // A literal that is not a string is compared by identity with anything.
    const literal = (e: ts.Expression) => {
      const c = constantValue(e, this.checker);
      return isNullishLiteral(e) || (c !== undefined && typeof c !== "string");
    };
    return !(literal(left) || literal(right));
  }
  return false;
};

function isNullishLiteral(node: ts.Expression): boolean {
  node = skipParens(node);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === "undefined");
}
