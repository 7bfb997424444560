// Checked casts. The lowering picks a value's representation from its static type (a string's
// length is a load at a fixed offset, a class's field another, a method a slot of its class's
// table), so a value whose static type the checker did not prove must not reach that code
// unchecked. The values in doubt come from the program's own modules (mote's library is
// trusted as written):
//
//   `x as T` / `<T>x` from unknown, any, or a type not assignable to T (a downcast)
//                                           any representation, or null or undefined
//   `x!` where x may be null or undefined    null or undefined
//   `o[k]` read through an index signature   undefined (a missing key): what JavaScript gives
//   a property or element read of a value in doubt (`(u as A).name`): any value
//
// and whatever carries them on within one expression (parentheses, `?:`, `??`, `||`, `&&`,
// comma). The rule is where the check goes:
//
// - Used on the spot (the receiver of a property read, a method call or an element read;
//   typeof, console.log, a template, an equality, a condition): the value's type counts as
//   unknown (kindOf says "any"), so the generic code runs, or the use tests the
//   representation first: the usual code when it matches, else what JavaScript does (a
//   generic property read, Node's TypeError) or, where the device cannot do that (a number's
//   own method called through a string type), a TypeError that says so.
// - Stored or passed on (a variable, a parameter, a field, a return value, an array element,
//   an operand of arithmetic): the value is tested where it leaves the expression, and a wrong
//   representation stops the program with a TypeError naming the cast. So every variable,
//   parameter and field holds what its type says, and the code that uses them stays as it is
//   (a loop over a number[] or a field read costs what it did), typeof of a parameter included.
//   A missing key read through an index signature passes as undefined, as a value read past
//   the end of an array does.

import ts from "typescript";
import { type Block, type VReg, newBlock } from "../ir/ir.ts";
import type { SourcePos } from "../asm/types.ts";
import { NULL, UNDEFINED, TRUE, tagInt } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { type ValueKind, valueKind } from "./types.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    /** Expressions being lowered inside their own leaving check (castCheckAt). */
    castChecking?: Set<ts.Node>;
    castDoubtCache?: Map<ts.Node, number>;
    castDoubt(node: ts.Expression): number;
    castDoubted(node: ts.Expression): boolean;
    castCheckAt(node: ts.Expression, discard: boolean): VReg | undefined;
    castExpected(node: ts.Expression): CastExpectation | undefined;
    checkedReceiver(receiver: ts.Expression, node: ts.Node, use: () => VReg, miss: (value: VReg) => VReg): VReg;
    checkedPropertyGet(node: ts.PropertyAccessExpression): VReg;
    checkedMethodCall(node: ts.CallExpression, callee: ts.PropertyAccessExpression, discard: boolean): VReg;
    checkedElementGet(node: ts.ElementAccessExpression): VReg;
    checkedFunctionCall(node: ts.CallExpression, discard: boolean): VReg;
    castMatches(value: VReg, expected: CastExpectation, node: ts.Node): VReg;
    nullishBranch(value: VReg, between: Block, nullish: Block, other: Block, pos: SourcePos | undefined): void;
    passedToBuiltin(node: ts.Expression): boolean;
    withBound<T>(nodes: readonly ts.Expression[], value: VReg, lower: () => T): T;
  }
}

// Doubts, as bits: the representation may be another type's; the value may be null or
// undefined; and a null or undefined value leaving the expression is an error (an assertion
// or a cast said it is not), not what JavaScript gives (a missing key).
const REPRESENTATION = 1;
const NULLISH = 2;
const NULLISH_FAILS = 4;
const CAST = REPRESENTATION | NULLISH | NULLISH_FAILS;
const ASSERTED = NULLISH | NULLISH_FAILS;
const READ = REPRESENTATION | NULLISH;

/** What the runtime's castMatches tests (sdk/lib/rt/casts.ts, CAST_*). */
const CAST_CODES: Partial<Record<ValueKind, number>> = { number: 1, string: 2, boolean: 3, array: 4, typed: 5 };
const CAST_INSTANCE = 6;
const CAST_FUNCTION = 7;

interface CastExpectation { code: number; descriptor?: string; text: string }

function isAssignmentTarget(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p))
    && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return ts.isDeleteExpression(p);
}

/** The node whose parent receives the value of `node` (through parentheses, ?:, ??, ||, &&,
 *  the comma operator and type-only wrappers). */
function outermost(node: ts.Expression): ts.Expression {
  let n: ts.Expression = node;
  for (;;) {
    const p = n.parent;
    if (ts.isParenthesizedExpression(p) || ts.isSatisfiesExpression(p)) { n = p; continue; }
    if (ts.isConditionalExpression(p) && p.condition !== n) { n = p; continue; }
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken
        || (op === ts.SyntaxKind.CommaToken && p.right === n)) { n = p; continue; }
    }
    return n;
  }
}

/** Is the value of `outer` used on the spot, by code that handles any representation or
 *  tests it (see the file comment), rather than stored or passed on? */
function usedOnTheSpot(outer: ts.Expression): boolean {
  const p = outer.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === outer) return !isAssignmentTarget(p);
  if (ts.isTypeOfExpression(p) || ts.isTemplateSpan(p)) return true;
  if (ts.isCallExpression(p) && p.arguments.includes(outer)) return p.expression.getText() === "console.log";
  if (ts.isCallExpression(p) && p.expression === outer) return true;
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken
      || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  }
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === outer) return true;
  if (ts.isConditionalExpression(p) && p.condition === outer) return true;
  return false;
}

/** The doubts about an expression's value (bits above; 0 when its type is proven). */
Lowerer.prototype.castDoubt = function castDoubt(this: Lowerer, node: ts.Expression): number {
  const cache = this.castDoubtCache ??= new Map();
  const known = cache.get(node);
  if (known !== undefined) return known;
  let doubt = 0;
  if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) {
    doubt = this.castDoubt(node.expression);
  } else if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
    doubt = this.castDoubt(node.expression);
    if (!ts.isConstTypeReference(node.type) && this.isAppModule(node.getSourceFile())) {
      const from = this.checker.getTypeAtLocation(node.expression);
      const to = this.checker.getTypeAtLocation(node);
      if ((from.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || !this.checker.isTypeAssignableTo(from, to)) doubt = CAST;
    }
  } else if (ts.isNonNullExpression(node)) {
    doubt = this.castDoubt(node.expression);
    if (this.isAppModule(node.getSourceFile()) && this.isNullable(node.expression)) doubt |= ASSERTED;
  } else if (ts.isConditionalExpression(node)) {
    doubt = this.castDoubt(node.whenTrue) | this.castDoubt(node.whenFalse);
  } else if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      doubt = this.castDoubt(node.left) | this.castDoubt(node.right);
    } else if (op === ts.SyntaxKind.CommaToken) {
      doubt = this.castDoubt(node.right);
    }
  } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    if (this.castDoubt(node.expression) & REPRESENTATION) doubt = READ;
    else if (ts.isElementAccessExpression(node) && this.isAppModule(node.getSourceFile()) && isIndexSignatureRead(this.checker, node)) doubt = NULLISH;
  } else if (ts.isCallExpression(node) && node.questionDotToken && ts.isPropertyAccessExpression(node.expression)) {
    // (u as string).charCodeAt?.(0): undefined when the value lacks the method (castCallFailed),
    // whatever the method's type says.
    if (this.castDoubt(node.expression.expression) & REPRESENTATION) doubt = READ;
  }
  // A value of type any (JSON.parse's) given a type by where it goes (`const xs: number[] =
  // JSON.parse(text)`): a cast without the word.
  if (doubt === 0 && (this.checker.getTypeAtLocation(node).flags & ts.TypeFlags.Any) !== 0 && this.isAppModule(node.getSourceFile())) doubt = READ | NULLISH_FAILS;
  cache.set(node, doubt);
  return doubt;
};

function isIndexSignatureRead(checker: ts.TypeChecker, node: ts.ElementAccessExpression): boolean {
  const type = checker.getNonNullableType(checker.getTypeAtLocation(node.expression));
  if (valueKind(checker, type) !== "object") return false;
  return checker.getIndexInfosOfType(type).length > 0 && !checker.getPropertyOfType(type, node.argumentExpression.getText().replace(/^["']|["']$/g, ""));
}

/** Is this expression's value in doubt where it is used, so that its type counts as unknown
 *  (kindOf) and a receiver's representation is tested (checkedReceiver)? */
Lowerer.prototype.castDoubted = function castDoubted(this: Lowerer, node: ts.Expression): boolean {
  if (this.bound.has(node) || this.castDoubt(node) === 0) return false;
  return usedOnTheSpot(outermost(node));
};

/** What a value of this expression's static type must be, or undefined when any value will
 *  do (the generic code handles it: unions, interfaces and plain object types, functions). */
Lowerer.prototype.castExpected = function castExpected(this: Lowerer, node: ts.Expression): CastExpectation | undefined {
  let type = this.checker.getTypeAtLocation(node);
  // A value of type any takes the type of where it goes.
  if (type.flags & ts.TypeFlags.Any) type = this.checker.getContextualType(node) ?? type;
  type = this.checker.getNonNullableType(type);
  const kind = valueKind(this.checker, type);
  const code = CAST_CODES[kind];
  const article = (word: string) => /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
  if (code !== undefined) return { code, text: kind === "typed" ? article(this.checker.typeToString(type)) : article(kind) };
  if (kind === "any" && type.getCallSignatures().length > 0 && !type.isUnion()) return { code: CAST_FUNCTION, text: "a function" };
  if (kind !== "object") return undefined;
  const cls = this.classOfType(type);
  // Objects of other shapes may have an inexact class's type (classes.ts, isExactClass):
  // its members are found by name then, as for interfaces.
  if (cls === undefined || !this.isExactClass(cls)) return undefined;
  return { code: CAST_INSTANCE, descriptor: this.classInfo(cls).descriptor, text: article(cls.name?.text ?? "class instance") };
};

/** Lowers with these expressions standing for a value already computed (and tested). */
Lowerer.prototype.withBound = function withBound<T>(this: Lowerer, nodes: readonly ts.Expression[], value: VReg, lower: () => T): T {
  for (const node of nodes) this.bound.set(node, value);
  try {
    return lower();
  } finally {
    for (const node of nodes) this.bound.delete(node);
  }
};

/** Branches to `nullish` when the value is undefined or null, else to `other`; `between` is
 *  the block for the second comparison (made by the caller, in running order). */
Lowerer.prototype.nullishBranch = function nullishBranch(this: Lowerer, value: VReg, between: Block, nullish: Block, other: Block, pos: SourcePos | undefined): void {
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: value, b: this.constant(UNDEFINED), then: nullish, else: between, pos });
  this.startBlock(between);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: value, b: this.constant(NULL), then: nullish, else: other, pos });
};

/** castMatches(value, …): true when the value has the expected representation. */
Lowerer.prototype.castMatches = function castMatches(this: Lowerer, value: VReg, expected: CastExpectation, node: ts.Node): VReg {
  let descriptor = this.constant(tagInt(0), true);
  if (expected.descriptor !== undefined) {
    descriptor = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: descriptor, src: this.symbolAddress(expected.descriptor) });
  }
  return this.call(this.runtime("castMatches"), [value, this.constant(tagInt(expected.code), true), descriptor], node);
};

/** An argument of a built-in function (JSON.parse's reviver): the runtime looks at what it
 *  gets, as JavaScript does (a reviver that is not a function is ignored). */
Lowerer.prototype.passedToBuiltin = function passedToBuiltin(this: Lowerer, node: ts.Expression): boolean {
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(node)) return false;
  const decl = this.checker.getResolvedSignature(call)?.getDeclaration();
  return decl !== undefined && decl.getSourceFile().isDeclarationFile;
};

/** A value in doubt that leaves its expression (stored, passed, returned, computed with) is
 *  tested here; undefined when `node` is not such a value. */
Lowerer.prototype.castCheckAt = function castCheckAt(this: Lowerer, node: ts.Expression, discard: boolean): VReg | undefined {
  if (discard || this.bound.has(node)) return undefined;
  const doubt = this.castDoubt(node);
  if (doubt === 0 || (doubt & (REPRESENTATION | NULLISH_FAILS)) === 0) return undefined;
  if (outermost(node) !== node || usedOnTheSpot(node)) return undefined;
  const checking = this.castChecking ??= new Set();
  if (checking.has(node)) return undefined;
  const expected = this.castExpected(node);
  // Plain objects and interfaces are read by name, which gives JavaScript's answers for any
  // value (undefined, or Node's TypeError for null and undefined).
  if (expected === undefined || (expected.code === CAST_FUNCTION && this.passedToBuiltin(node))) return undefined;
  checking.add(node);
  let value: VReg;
  try {
    value = this.expr(node);
  } finally {
    checking.delete(node);
  }
  const pos = this.pos(node);
  // Blocks in the order they run, so that the value's live range ends with the check.
  const firstTest = newBlock(this.fn);
  const notUndefined = newBlock(this.fn);
  const secondTest = newBlock(this.fn);
  const failed = newBlock(this.fn), join = newBlock(this.fn);
  const fail = () => {
    this.startBlock(failed);
    this.call(this.runtime("castFailed"), [value, this.stringLiteral(node.getText()), this.stringLiteral(expected.text)], node, false);
    this.jumpTo(join);
  };
  this.jumpTo(firstTest);
  this.startBlock(firstTest);
  if (doubt & REPRESENTATION) {
    if (doubt & NULLISH_FAILS) {
      this.jumpTo(secondTest);
    } else {
      // A missing property read through a value in doubt is undefined, as in JavaScript.
      this.nullishBranch(value, notUndefined, join, secondTest, pos);
    }
    this.startBlock(secondTest);
    const matches = this.castMatches(value, expected, node);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: matches, b: this.constant(TRUE), then: join, else: failed, pos });
  } else {
    this.nullishBranch(value, secondTest, failed, join, pos);
  }
  fail();
  this.startBlock(join);
  // A fresh register from here on: the value's own one ends with the check, so the checked
  // value is allocated as if no check had been there (a loop over it keeps its registers).
  const checked = this.temp();
  this.emit({ op: "move", dst: checked, src: value });
  return checked;
};

/**
 * A use of a receiver in doubt: its representation is tested, and `use` lowers the usual code
 * for its static type when it matches (the receiver bound to the tested value), `miss` what
 * happens otherwise.
 */
Lowerer.prototype.checkedReceiver = function checkedReceiver(this: Lowerer, receiver: ts.Expression, node: ts.Node, use: () => VReg, miss: (value: VReg) => VReg): VReg {
  const value = this.expr(receiver);
  const bindAndUse = (): VReg => this.withBound([receiver], value, use);
  const expected = this.castExpected(receiver);
  if (expected === undefined) return bindAndUse();
  const pos = this.pos(node);
  return this.choose((matched, missed) => {
    if (this.castDoubt(receiver) & REPRESENTATION) {
      const matches = this.castMatches(value, expected, node);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: matches, b: this.constant(TRUE), then: matched, else: missed, pos });
    } else {
      // Only null or undefined can be wrong: two comparisons.
      this.nullishBranch(value, newBlock(this.fn), missed, matched, pos);
    }
  }, bindAndUse, () => miss(value));
};

/** (u as () => number)(): Node's TypeError when the value is not a function. */
Lowerer.prototype.checkedFunctionCall = function checkedFunctionCall(this: Lowerer, node: ts.CallExpression, discard: boolean): VReg {
  const callee = node.expression;
  const value = this.call(this.runtime("callableProperty"), [this.expr(callee), this.stringLiteral(calleeText(callee))], node);
  // The call looks through parentheses and casts (syntax.ts, skipParens): each level is the
  // checked value.
  const levels: ts.Expression[] = [];
  for (let e: ts.Expression = callee; ; e = (e as ts.ParenthesizedExpression).expression) {
    levels.push(e);
    if (!ts.isParenthesizedExpression(e) && !ts.isAsExpression(e) && !ts.isNonNullExpression(e)) break;
  }
  return this.withBound(levels, value, () => this.callExpression(node, discard));
};

/** (u as string).length, x!.field, record[key].length */
Lowerer.prototype.checkedPropertyGet = function checkedPropertyGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg {
  const read = (value: VReg) => this.call(this.runtime("castGet"), [value, this.stringLiteral(node.name.text)], node);
  if (node.questionDotToken) return this.optionalChain(node, node.expression, (object) => this.withBound([node.expression], object, () => this.propertyGet(node)));
  return this.checkedReceiver(node.expression, node, () => this.propertyGet(node), read);
};

/** (u as string).toUpperCase(), x!.method(…) */
Lowerer.prototype.checkedMethodCall = function checkedMethodCall(this: Lowerer, node: ts.CallExpression, callee: ts.PropertyAccessExpression, discard: boolean): VReg {
  const name = callee.name.text;
  const failed = (value: VReg) => this.call(this.runtime("castCallFailed"),
    [value, this.stringLiteral(name), this.stringLiteral(calleeText(callee)), this.constant((methodOwners(name) | (node.questionDotToken ? OPTIONAL_CALL : 0)) << 1 | 1)], node);
  return this.checkedReceiver(callee.expression, node, () => this.callExpression(node, discard), failed);
};

/** (u as number[])[i], record[key][0] */
Lowerer.prototype.checkedElementGet = function checkedElementGet(this: Lowerer, node: ts.ElementAccessExpression): VReg {
  const expected = this.castExpected(node.expression);
  return this.checkedReceiver(node.expression, node, () => this.elementGet(node), (value) => {
    const key = skipParens(node.argumentExpression);
    const text = ts.isStringLiteral(key) || ts.isNumericLiteral(key) ? key.text : key.getText();
    // Node's TypeError for null and undefined; an element of another kind of value is not
    // read on the device.
    this.call(this.runtime("castGet"), [value, this.stringLiteral(text)], node, false);
    return this.call(this.runtime("castFailed"), [value, this.stringLiteral(node.expression.getText()), this.stringLiteral(expected?.text ?? "")], node);
  });
};

/** The callee as Node names it in "x.f is not a function": the JavaScript source (casts and
 *  assertions dropped), calls as `f(...)`, anything else "(intermediate value)". */
export function calleeText(node: ts.Expression): string {
  const e = skipTypeOnly(node);
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return e.getText();
  if (ts.isPropertyAccessExpression(e)) return `${calleeText(e.expression)}.${e.name.text}`;
  if (ts.isElementAccessExpression(e)) return `${calleeText(e.expression)}[${skipTypeOnly(e.argumentExpression).getText()}]`;
  if (ts.isCallExpression(e)) return `${calleeText(e.expression)}(...)`;
  return "(intermediate value)";
}

function skipTypeOnly(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** castCallFailed's flag for `x.m?.()` (casts.ts, OPTIONAL_CALL). */
const OPTIONAL_CALL = 64;

/** Which kinds of values have a method of this name (casts.ts, HAS_*): a number, a string, a
 *  boolean, an array, a typed array, a function. */
function methodOwners(name: string): number {
  const owners: Array<[object, number]> = [
    [Number.prototype, 1], [String.prototype, 2], [Boolean.prototype, 4], [Array.prototype, 8], [Uint8Array.prototype, 16], [Function.prototype, 32],
  ];
  return owners.reduce((mask, [prototype, bit]) => (name in prototype ? mask | bit : mask), 0);
}
