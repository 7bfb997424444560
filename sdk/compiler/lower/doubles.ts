// How a program's numbers are represented. JavaScript numbers are doubles, but most device
// programs only ever hold integers, and an image should pay only for what its numbers can do:
//
// - "int32": nothing in the program's own source can make a number outside int32 (no
//   arithmetic that can overflow, no -0, no NaN). Numbers are int32 and no floating-point
//   code is linked.
// - "integral": the source has arithmetic that can leave int32 (`a * b`, `n + 1`, `-x`,
//   `x % y`, `>>>`, …) but nothing that makes a fraction. Numbers are doubles, as in Node
//   (a sum past 2^31 goes on as the double Node has, -0 and NaN exist), and the image links
//   the soft-float operations it reaches, but prints with integralDigits (numconv.ts)
//   instead of the big-integer conversions.
// - "doubles": the source can make fractions, so all of it is linked.
//
// What makes fractions: a number literal that is not an integer (0.5, 1e-3), `/` other than
// the integer division `(a / b) | 0`, `**`, a Math member other than the integer ones,
// number parsing and formatting (parseFloat, Number(…), JSON.parse, toFixed, …), Float32Array /
// Float64Array and DataView. What only leaves int32: the operators above, integer
// literals outside int32, NaN and Infinity, Date (time values are integers beyond int32,
// or NaN), Math.abs (of -2^31), Math.max/min of a spread
// (-Infinity for none), charCodeAt and codePointAt (NaN past the end), Uint32Array elements.

import ts from "typescript";
import { isInt32Value } from "../values.ts";

export type NumberModel = "int32" | "integral" | "doubles";

/** Math members that map integers to integers. */
const INTEGER_MATH = new Set(["abs", "sign", "min", "max", "imul", "clz32", "floor", "ceil", "round", "trunc"]);
const FRACTION_GLOBALS = new Set(["parseFloat", "parseInt", "isNaN", "isFinite", "Number", "Float32Array", "Float64Array", "DataView"]);
const FRACTION_METHODS = new Set(["toFixed", "toPrecision", "toExponential"]);
const WIDE_GLOBALS = new Set(["NaN", "Infinity", "Uint32Array", "Date"]);
const WIDE_METHODS = new Set(["charCodeAt", "codePointAt"]);
const WIDE_OPERATORS = new Set([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
]);

/** The number model of a program from its own source files, and the driver code they use
 *  (usedDriverCode), see the top of the file. `saturating`: steps of counters that stay small
 *  integers (passes/saturating-counters.ts), which are no arithmetic that can leave int32. */
export function numberModel(code: readonly ts.Node[], saturating: ReadonlySet<ts.Node> = new Set()): NumberModel {
  let model: NumberModel = "int32";
  const visit = (node: ts.Node): boolean => {
    const found = saturating.has(node) ? undefined : classify(node);
    if (found === "doubles") return true;
    if (found === "integral") model = "integral";
    return ts.forEachChild(node, visit) ?? false;
  };
  for (const node of code) if (!(ts.isSourceFile(node) && node.isDeclarationFile) && visit(node)) return "doubles";
  return model;
}

/**
 * The parts of the SDK's sensor and actuator drivers (sdk/lib/drivers, `isDriverFile`) that the
 * app's files use, and what those use in turn: their arithmetic is the app's, as if the app
 * had written it (a driver is a template an app may copy), but only where used, so that a
 * program reading a sensor in integer hundredths does not pay for the driver's method that
 * returns fractions. Counted: a driver file's top-level statements other than functions and
 * classes (they run when it is imported), a class's constructor and fields when the class is
 * named, each function, method or accessor when it is named. The rest of the SDK (runtime,
 * bus and pin APIs) is not counted: it is written for every number model.
 */
export function usedDriverCode(appFiles: readonly ts.SourceFile[], checker: ts.TypeChecker, isDriverFile: (fileName: string) => boolean): ts.Node[] {
  const used: ts.Node[] = [];
  const seen = new Set<ts.Node>();
  const pending: ts.Node[] = [...appFiles];
  const use = (node: ts.Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    used.push(node);
    pending.push(node);
  };
  const useDeclaration = (declaration: ts.Declaration) => {
    const file = declaration.getSourceFile();
    if (!isDriverFile(file.fileName)) return;
    if (!seen.has(file)) {
      seen.add(file);
      for (const statement of file.statements) {
        if (!ts.isFunctionDeclaration(statement) && !ts.isClassDeclaration(statement) && !ts.isImportDeclaration(statement)
          && !ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) use(statement);
      }
    }
    if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
      for (const member of declaration.members) {
        if (ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member)) use(member);
      }
      for (const clause of declaration.heritageClauses ?? []) use(clause);
    } else if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isAccessor(declaration)
      || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) {
      use(declaration);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) useDeclaration(declaration);
    }
    ts.forEachChild(node, visit);
  };
  while (pending.length > 0) visit(pending.pop()!);
  return used;
}

function classify(node: ts.Node): NumberModel | undefined {
  if (ts.isNumericLiteral(node)) {
    const n = Number(node.text);
    if (!Number.isInteger(n)) return "doubles";
    // -2^31 is written as -(2^31): the literal itself may be 2^31.
    const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
    if (negated ? n === 0 || !isInt32Value(-n) : !isInt32Value(n)) return "integral";
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AsteriskAsteriskToken || op === ts.SyntaxKind.AsteriskAsteriskEqualsToken || op === ts.SyntaxKind.SlashEqualsToken) return "doubles";
    if (op === ts.SyntaxKind.SlashToken && !isTruncated(node)) return "doubles";
    if (WIDE_OPERATORS.has(op) && !(op === ts.SyntaxKind.PlusToken && (isText(node.left) || isText(node.right)))) return "integral";
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    const op = node.operator;
    if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) return "integral";
    if (op === ts.SyntaxKind.MinusToken && !(ts.isNumericLiteral(node.operand) && node.operand.text !== "0")) return "integral";
  }
  // Math.max(...values) of no values is -Infinity.
  if (ts.isSpreadElement(node) && ts.isCallExpression(node.parent) && ts.isPropertyAccessExpression(node.parent.expression)
    && node.parent.expression.expression.getText() === "Math") return "integral";
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const object = node.expression.text, member = node.name.text;
    if (object === "Math") return INTEGER_MATH.has(member) ? (member === "abs" ? "integral" : undefined) : "doubles";
    if (object === "Number") return "doubles";
    // JSON.parse reads numbers from text: any of them may be a fraction.
    if (object === "JSON" && member === "parse") return "doubles";
  }
  if (ts.isPropertyAccessExpression(node)) {
    if (FRACTION_METHODS.has(node.name.text)) return "doubles";
    if (WIDE_METHODS.has(node.name.text)) return "integral";
  }
  if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
    if (FRACTION_GLOBALS.has(node.text)) return "doubles";
    if (WIDE_GLOBALS.has(node.text)) return "integral";
  }
  return undefined;
}

/** A string literal or template: `+` with one is concatenation. */
function isText(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

/** `(a / b) | 0`, possibly parenthesized. */
function isTruncated(division: ts.BinaryExpression): boolean {
  let outer: ts.Node = division.parent;
  while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
  return ts.isBinaryExpression(outer) && outer.operatorToken.kind === ts.SyntaxKind.BarToken
    && ts.isNumericLiteral(outer.right) && outer.right.text === "0";
}
