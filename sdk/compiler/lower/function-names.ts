// Functions and classes as values that the program prints or asks the name of: `f.name`,
// `console.log(f)` ([Function: f], [Function (anonymous)], [AsyncFunction: f], [class A],
// [class B extends A]). Where the function is known at compile time (a declaration, a const
// holding a function or arrow expression, a method, a class, the globals String, Number and
// Boolean) the text is folded into the program; a function value known only at run time (a
// parameter, a field) has the name its descriptor holds (sdk/lib/rt/methods.ts).

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Lowerer } from "./lowerer.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    staticFunction(node: ts.Expression): StaticFunction | undefined;
    functionText(node: ts.Expression): string | undefined;
    functionNameGet(node: ts.PropertyAccessExpression): VReg | undefined;
  }
}

interface StaticFunction { name: string; kind: "function" | "async" | "class"; parent?: string }

const GLOBAL_FUNCTIONS = new Set(["String", "Number", "Boolean"]);

function ofDeclaration(decl: ts.Node, bindingName: string | undefined): StaticFunction | undefined {
  if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) {
    const heritage = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return { name: decl.name?.text ?? bindingName ?? "", kind: "class", parent: heritage?.expression.getText() };
  }
  if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl) || ts.isMethodDeclaration(decl)) {
    if (decl.asteriskToken) return undefined;
    const own = !ts.isArrowFunction(decl) && decl.name && (ts.isIdentifier(decl.name) || ts.isPrivateIdentifier(decl.name) || ts.isStringLiteral(decl.name)) ? decl.name.text : undefined;
    const async = ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Async;
    return { name: own ?? bindingName ?? "", kind: async ? "async" : "function" };
  }
  return undefined;
}

/** The function or class an expression is, when the program says which at compile time. */
Lowerer.prototype.staticFunction = function staticFunction(this: Lowerer, node: ts.Expression): StaticFunction | undefined {
  const e = skipParens(node);
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isClassExpression(e)) return ofDeclaration(e, undefined);
  if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
  let symbol = this.checker.getSymbolAtLocation(e);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
  const decl = symbol?.valueDeclaration;
  if (!decl) return undefined;
  if (decl.getSourceFile().isDeclarationFile) {
    return ts.isIdentifier(e) && GLOBAL_FUNCTIONS.has(e.text) && this.isGlobal(e) ? { name: e.text, kind: "function" } : undefined;
  }
  // `const f = () => …` and `{ f: function () {…} }` name the function after the binding;
  // a let may be given another function, so only a const says which.
  if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isIdentifier(decl.name)) {
    if (!(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
    return ofDeclaration(skipParens(decl.initializer), decl.name.text);
  }
  if (ts.isPropertyAssignment(decl) && ts.isIdentifier(decl.name)) return undefined;
  return ofDeclaration(decl, undefined);
};

/** How console.log prints the function or class, when it is known at compile time. */
Lowerer.prototype.functionText = function functionText(this: Lowerer, node: ts.Expression): string | undefined {
  const type = this.checker.getTypeAtLocation(node);
  const callable = type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0;
  if (!callable) return undefined;
  const f = this.staticFunction(node);
  if (!f) return undefined;
  if (f.kind === "class") return `[class ${f.name || "(anonymous)"}${f.parent ? ` extends ${f.parent}` : ""}]`;
  const prefix = f.kind === "async" ? "AsyncFunction" : "Function";
  return f.name ? `[${prefix}: ${f.name}]` : `[${prefix} (anonymous)]`;
};

/** f.name of a function or class known at compile time. */
Lowerer.prototype.functionNameGet = function functionNameGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  if (node.name.text !== "name" || node.questionDotToken) return undefined;
  const type = this.checker.getTypeAtLocation(node.expression);
  if (type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0) return undefined;
  const f = this.staticFunction(node.expression);
  if (f) return this.stringLiteral(f.name);
  // A function known only at run time: the name its descriptor holds (lower/object-methods.ts).
  if (type.getConstructSignatures().length > 0 || type.getProperties().some((p) => p.name === "name" && !(p.valueDeclaration?.getSourceFile().isDeclarationFile ?? true))) return undefined;
  return this.call(this.runtime("functionName"), [this.expr(node.expression)], node);
};
