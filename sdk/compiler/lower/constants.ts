// Compile-time constants: literals, and `const` declarations whose initializers are constant
// (followed across imports), combined with operators. Folding them is what lets drivers name
// peripheral addresses above the small-integer range, and what keeps constant tables and
// configuration out of RAM.

import ts from "typescript";
import { isSmallIntValue } from "../values.ts";

export type ConstantValue = number | boolean | string | null;

/** Build facts the runtime tests as constants (`declare const` in sdk/lib/intrinsics.ts), so
 *  that `if (DOUBLES)` keeps only the branch a program needs. Set by the Lowerer. */
export const buildFlags: { DOUBLES: boolean; FRACTIONS: boolean; BARE: boolean } = { DOUBLES: false, FRACTIONS: false, BARE: false };
const INTRINSICS_SUFFIX = "sdk/lib/intrinsics.ts";

/** The constant value of an expression, or undefined when it is not a compile-time constant.
 *  Numbers are folded only when the result is a small integer (otherwise the operation is
 *  left to run time, where it stops with the error a device gives). */
export function constantValue(node: ts.Expression, checker: ts.TypeChecker, depth = 0): ConstantValue | undefined {
  const v = evaluate(node, checker, depth);
  // With doubles every number folds: the host computes the same IEEE double a device would.
  if (typeof v === "number" && !isSmallIntValue(v) && !isLiteral(node) && !buildFlags.DOUBLES) return undefined;
  return v;
}

/** Like constantValue, but any number (addresses for intrinsics). */
export function constantNumber(node: ts.Expression, checker: ts.TypeChecker): number | undefined {
  const v = evaluate(node, checker, 0);
  return typeof v === "number" ? v : undefined;
}

function isLiteral(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return ts.isNumericLiteral(node.operand);
  return ts.isNumericLiteral(node);
}

/** Math.PI, Number.EPSILON, …: the number constants of the Math and Number globals. */
function builtinNumber(node: ts.Expression, checker: ts.TypeChecker): number | undefined {
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  const object = node.expression.text;
  if (object !== "Math" && object !== "Number") return undefined;
  const decl = checker.getSymbolAtLocation(node.expression)?.declarations?.[0];
  if (!decl?.getSourceFile().isDeclarationFile) return undefined;
  const value: unknown = (object === "Math" ? Math : Number as unknown as Record<string, unknown>)[node.name.text as "PI"];
  return typeof value === "number" ? value : undefined;
}

/** How deep evaluate follows an expression: a table written as a long `"…" + "…"` chain is
 *  that deep (sdk/lib/rt/display-width.ts has 63 pieces); deeper ones are built at run time. */
const MAX_DEPTH = 256;

function evaluate(node: ts.Expression, checker: ts.TypeChecker, depth: number): ConstantValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.kind) {
    case ts.SyntaxKind.NumericLiteral: return Number((node as ts.NumericLiteral).text);
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return (node as ts.StringLiteral).text;
    case ts.SyntaxKind.TrueKeyword: return true;
    case ts.SyntaxKind.FalseKeyword: return false;
    case ts.SyntaxKind.NullKeyword: return null;
    case ts.SyntaxKind.ParenthesizedExpression:
      return evaluate((node as ts.ParenthesizedExpression).expression, checker, depth + 1);
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
      return evaluate((node as ts.AsExpression).expression, checker, depth + 1);
    case ts.SyntaxKind.Identifier: {
      let sym = checker.getSymbolAtLocation(node);
      if (!sym) return undefined;
      if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      const decl = sym.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.getSourceFile().fileName.endsWith(INTRINSICS_SUFFIX) && sym.name in buildFlags) {
        return buildFlags[sym.name as keyof typeof buildFlags];
      }
      // NaN and Infinity, the globals.
      if (decl?.getSourceFile().isDeclarationFile && (sym.name === "NaN" || sym.name === "Infinity")) return globalThis[sym.name];
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
      if (!(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
      return evaluate(decl.initializer, checker, depth + 1);
    }
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression: {
      const builtin = builtinNumber(node, checker);
      if (builtin !== undefined) return builtin;
      // An enum member (numeric, string or const enum): the checker knows its value.
      let sym = checker.getSymbolAtLocation(node);
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      const decl = sym?.valueDeclaration;
      if (decl && ts.isEnumMember(decl)) return checker.getConstantValue(decl);
      return undefined;
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const n = node as ts.PrefixUnaryExpression;
      const v = evaluate(n.operand, checker, depth + 1);
      if (v === undefined) return undefined;
      switch (n.operator) {
        case ts.SyntaxKind.MinusToken: return typeof v === "number" ? -v : undefined;
        case ts.SyntaxKind.PlusToken: return typeof v === "number" ? v : undefined;
        case ts.SyntaxKind.TildeToken: return typeof v === "number" ? ~v : undefined;
        case ts.SyntaxKind.ExclamationToken: return typeof v === "boolean" ? !v : undefined;
      }
      return undefined;
    }
    case ts.SyntaxKind.BinaryExpression: {
      const n = node as ts.BinaryExpression;
      const a = evaluate(n.left, checker, depth + 1);
      if (a === undefined) return undefined;
      const b = evaluate(n.right, checker, depth + 1);
      if (b === undefined) return undefined;
      if (typeof a === "string" && typeof b === "string" && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return a + b;
      if (typeof a !== "number" || typeof b !== "number") return undefined;
      switch (n.operatorToken.kind) {
        case ts.SyntaxKind.PlusToken: return a + b;
        case ts.SyntaxKind.MinusToken: return a - b;
        case ts.SyntaxKind.AsteriskToken: return a * b;
        case ts.SyntaxKind.SlashToken: return a / b;
        case ts.SyntaxKind.PercentToken: return a % b;
        case ts.SyntaxKind.AmpersandToken: return a & b;
        case ts.SyntaxKind.BarToken: return a | b;
        case ts.SyntaxKind.CaretToken: return a ^ b;
        case ts.SyntaxKind.LessThanLessThanToken: return a << b;
        case ts.SyntaxKind.GreaterThanGreaterThanToken: return a >> b;
        case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return a >>> b;
      }
      return undefined;
    }
  }
  return undefined;
}
