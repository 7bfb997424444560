// Which values a program can throw, or reject a promise with: what an uncaught exception or an
// unhandled rejection prints is that value as text (errors.ts, uncaughtText), and for values
// other than Errors and strings that links the conversions of numbers and objects (the double
// printer alone is 8 to 17 KB). passes/thrown-values.ts leaves them out when nothing else can
// be thrown. Judged by static types, as each throw or rejection is lowered:
// - `throw x`: x is a string or an instance of an Error class, or the value a catch clause
//   caught (never assigned), which is one of the values thrown or rejected elsewhere, or the
//   runtime's throw of such a value, marked `// @rethrow` (an unhandled rejection's reason);
// - `Promise.reject(x)`: the same for x;
// - `new Promise((resolve, reject) => …)`: every use of `reject` is a call with such a value,
//   or hands it to a place whose type takes only such values (a field typed
//   `(error: Error) => void`); an executor that is not a function literal rejects anything.

import ts from "typescript";
import { Lowerer } from "./lowerer.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    /** A throw statement's or a rejection's value: notes when it may be something else. */
    noteThrown(value: ts.Expression | undefined): void;
    /** `new Promise(executor)`: notes when its reject function may get something else. */
    notePromiseExecutor(executor: ts.Expression | undefined): void;
  }
}

Lowerer.prototype.noteThrown = function noteThrown(this: Lowerer, value: ts.Expression | undefined): void {
  if (value === undefined || !isErrorOrString(this, value) && !isCaughtValue(this.checker, value) && !isMarkedRethrow(value)) this.throwsOtherValues = true;
};

Lowerer.prototype.notePromiseExecutor = function notePromiseExecutor(this: Lowerer, executor: ts.Expression | undefined): void {
  const fn = executor === undefined ? undefined : skipParens(executor);
  if (fn === undefined || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
    this.throwsOtherValues = true;
    return;
  }
  const reject = fn.parameters[1];
  if (reject === undefined) return;
  if (!ts.isIdentifier(reject.name)) {
    this.throwsOtherValues = true;
    return;
  }
  const symbol = this.checker.getSymbolAtLocation(reject.name);
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== reject.name && this.checker.getSymbolAtLocation(n) === symbol) {
      const p = skipParentParens(n);
      if (ts.isCallExpression(p.parent) && p.parent.expression === p) this.noteThrown(p.parent.arguments[0]);
      else if (!takesOnlyErrorsOrStrings(this, n)) this.throwsOtherValues = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
};

function isErrorOrString(lowerer: Lowerer, value: ts.Expression): boolean {
  if (lowerer.kindOf(value) === "string") return true;
  const cls = lowerer.instanceClass(value);
  return cls !== undefined && lowerer.isErrorClass(cls) && lowerer.isExactClass(cls);
}

function isErrorOrStringType(lowerer: Lowerer, type: ts.Type): boolean {
  if ((type.flags & ts.TypeFlags.StringLike) !== 0) return true;
  const cls = lowerer.classOfType(type);
  return cls !== undefined && lowerer.isErrorClass(cls) && lowerer.isExactClass(cls);
}

/** `catch (e) { … throw e; }` with `e` never assigned in the clause. */
function isCaughtValue(checker: ts.TypeChecker, value: ts.Expression): boolean {
  const e = skipParens(value);
  if (!ts.isIdentifier(e)) return false;
  const symbol = checker.getSymbolAtLocation(e);
  const decl = symbol?.valueDeclaration;
  if (decl === undefined || !ts.isVariableDeclaration(decl) || !ts.isCatchClause(decl.parent)) return false;
  let assigned = false;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipParens(n.left);
      if (ts.isIdentifier(target) && checker.getSymbolAtLocation(target) === symbol) assigned = true;
    }
    if (!assigned) ts.forEachChild(n, visit);
  };
  visit(decl.parent.block);
  return !assigned;
}

/** `throw x; // @rethrow`: the runtime throws again a value thrown or rejected elsewhere. */
function isMarkedRethrow(value: ts.Expression): boolean {
  const statement = value.parent;
  if (!ts.isThrowStatement(statement)) return false;
  const text = statement.getSourceFile().text;
  return (ts.getTrailingCommentRanges(text, statement.end) ?? []).some((c) => text.slice(c.pos, c.end).includes("@rethrow"));
}

/** The reject function handed on (assigned, passed): the place's type takes one parameter
 *  that is an Error or a string, so each later call passes one. */
function takesOnlyErrorsOrStrings(lowerer: Lowerer, use: ts.Identifier): boolean {
  const place = lowerer.checker.getContextualType(use);
  const signatures = place?.getCallSignatures() ?? [];
  return signatures.length > 0 && signatures.every((s) => {
    const first = s.parameters[0];
    if (first === undefined || s.parameters.length > 1) return false;
    return isErrorOrStringType(lowerer, lowerer.checker.getTypeOfSymbolAtLocation(first, use));
  });
}

function skipParentParens(n: ts.Expression): ts.Expression {
  let e = n;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  return e;
}
