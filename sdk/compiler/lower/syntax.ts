// Small syntax helpers used by several of the lowering's files.

import ts from "typescript";
import type { CmpOp } from "../ir/ir.ts";

export function skipParens(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

export function syntaxName(node: ts.Node): string {
  const name = ts.SyntaxKind[node.kind];
  return `'${name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}'`;
}

export function comparisonOp(op: ts.SyntaxKind): { op: CmpOp; equality: boolean; loose: boolean } | undefined {
  switch (op) {
    case ts.SyntaxKind.LessThanToken: return { op: "lt", equality: false, loose: false };
    case ts.SyntaxKind.LessThanEqualsToken: return { op: "le", equality: false, loose: false };
    case ts.SyntaxKind.GreaterThanToken: return { op: "gt", equality: false, loose: false };
    case ts.SyntaxKind.GreaterThanEqualsToken: return { op: "ge", equality: false, loose: false };
    case ts.SyntaxKind.EqualsEqualsEqualsToken: return { op: "eq", equality: true, loose: false };
    case ts.SyntaxKind.ExclamationEqualsEqualsToken: return { op: "ne", equality: true, loose: false };
    case ts.SyntaxKind.EqualsEqualsToken: return { op: "eq", equality: true, loose: true };
    case ts.SyntaxKind.ExclamationEqualsToken: return { op: "ne", equality: true, loose: true };
  }
  return undefined;
}

/** [a, b] or { a, b } (typescript's own test for this is not part of its public API). */
export function isBindingPattern(node: ts.Node): node is ts.BindingPattern {
  return ts.isArrayBindingPattern(node) || ts.isObjectBindingPattern(node);
}

/** A function's parameters, without a `this: T` first (it declares the type of `this`; it is
 *  not a parameter). */
export function ownParameters(decl: ts.SignatureDeclaration): readonly ts.ParameterDeclaration[] {
  const first = decl.parameters[0];
  return first && ts.isIdentifier(first.name) && first.name.text === "this" ? decl.parameters.slice(1) : decl.parameters;
}
