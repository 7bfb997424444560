// Does a program use doubles? JavaScript numbers are doubles, but most device programs only
// ever hold integers: a program whose own source brings in no fraction links no
// floating-point code, and its numbers stay int32 (a result outside that, or -0, stops the
// program with a crash report naming the line, as before doubles existed).
//
// What brings doubles in: a number literal that is not an int32 (0.5, 1e-3, 2 ** 40, -0),
// `/` other than the integer division `(a / b) | 0`, `**`, a Math member other than the
// integer ones, the global number functions and constants (parseFloat, NaN, Number.EPSILON,
// …), the Number formatting methods (toFixed, …), Float32Array / Float64Array and DataView.

import ts from "typescript";
import { isInt32Value } from "../values.ts";

/** Math members that map integers to integers (or stop on overflow, as all int32 code does). */
const INTEGER_MATH = new Set(["abs", "sign", "min", "max", "imul", "clz32", "floor", "ceil", "round", "trunc"]);
const DOUBLE_GLOBALS = new Set(["NaN", "Infinity", "parseFloat", "parseInt", "isNaN", "isFinite", "Number", "Float32Array", "Float64Array", "DataView"]);
const DOUBLE_METHODS = new Set(["toFixed", "toPrecision", "toExponential"]);

export function usesDoubles(files: readonly ts.SourceFile[]): boolean {
  return files.some((sf) => !sf.isDeclarationFile && bringsDoubles(sf));
}

function bringsDoubles(node: ts.Node): boolean {
  if (ts.isNumericLiteral(node)) {
    const n = Number(node.text);
    // -2^31 is written as -(2^31): the literal itself may be 2^31.
    const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
    if (negated ? n === 0 || !isInt32Value(-n) : !isInt32Value(n)) return true;
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AsteriskAsteriskToken || op === ts.SyntaxKind.AsteriskAsteriskEqualsToken || op === ts.SyntaxKind.SlashEqualsToken) return true;
    if (op === ts.SyntaxKind.SlashToken && !isTruncated(node)) return true;
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const object = node.expression.text, member = node.name.text;
    if (object === "Math" && !INTEGER_MATH.has(member)) return true;
    if (object === "Number") return true;
  }
  if (ts.isPropertyAccessExpression(node) && DOUBLE_METHODS.has(node.name.text)) return true;
  if (ts.isIdentifier(node) && DOUBLE_GLOBALS.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) return true;
  return ts.forEachChild(node, bringsDoubles) ?? false;
}

/** `(a / b) | 0`, possibly parenthesized. */
function isTruncated(division: ts.BinaryExpression): boolean {
  let outer: ts.Node = division.parent;
  while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
  return ts.isBinaryExpression(outer) && outer.operatorToken.kind === ts.SyntaxKind.BarToken
    && ts.isNumericLiteral(outer.right) && outer.right.text === "0";
}
